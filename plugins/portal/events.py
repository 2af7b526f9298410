"""Events (hookspecs) of the `portal` plugin that other plugins implement, and the block they return."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from plugin_sdk import hookspec

BlockContext = dict[str, Any] | Callable[[Any], dict[str, Any] | Awaitable[dict[str, Any]]]


@dataclass(frozen=True)
class Blok:
    """A block on the website's home page, rendered from a template with a context (like a dashboard Widget).

    ``key``: a stable name ('berita', 'anggaran', ...) under which the editor orders and hides it.
    ``context``: a dict, or a callable taking the request and returning one (or an awaitable of one).
    ``order``: the default place (smaller first) until the editor chooses one.
    The template receives the context plus ``blok`` (this block) and must show nothing about a person.
    """

    key: str
    title: str
    template: str
    context: BlockContext = field(default_factory=dict)
    order: int = 100


@hookspec
def portal_blok_beranda(request):
    """Blocks a plugin puts on the public home page: return a `Blok` or a list of them.

    Called when the home page is built (it is then cached until public content changes: call
    `plugin_sdk.public_changed()` when what your block shows changes). The page is anonymous: show aggregates and
    published documents only. A block whose context or template fails is logged and left out; the page stays up.
    """
