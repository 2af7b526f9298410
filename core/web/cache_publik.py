"""Public pages cached whole (ENGINEERING-NOTES 13), shared by every visitor; plugins reach it as
`plugin_sdk.PageCache` and `plugin_sdk.cached_route` (SDK 1.12; built for the portal, now every plugin's).

A page is built once and kept until something it may show changes. What may change it is summed up in one key:
the public content's version (`plugin_sdk.public_version()`, moved by every portal write, a theme switch and any
plugin that publishes), the register's data version (the statistics block), and what the worker already re-reads
on each request: the enabled plugins and the nagari profile (its name, address, logo and theme). A worker asks
the database for the two versions at most once every `CHECK_EVERY` seconds, so a hit touches nothing else.
Content that changes by time alone (a scheduled article's moment, an agenda item starting) is announced by
`clocks`: the pages are dropped once the earliest such moment has passed (seen within CHECK_EVERY, like a write).

Pages are keyed on what the handler parsed from the request (never on the raw query string: random parameters
must not fill memory), hold at most `MAX_PAGES` entries, and carry an ETag and Last-Modified so a browser's
revalidation is a 304 without a body. No handler here reads the session or sets a cookie: routes using this
cache are excluded from the session and CSRF middleware (`ROUTE_OPT`).
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import os
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime

from litestar import Request
from litestar.response import Response

from core.penduduk.kueri import data_version as register_data_version
from core.web.access import enabled_plugins
from core.web.publik_versi import public_version

CHECK_EVERY = 1.0  # seconds between two looks at the versions in one worker
MAX_PAGES = 512  # pages kept per worker; the oldest is dropped first
HTML = "text/html; charset=utf-8"
# Browsers keep the page but ask again each time (a 304 costs a few hundred bytes): a published article or a
# theme switch shows on the next view, as the editor expects.
REVALIDATE = "public, no-cache"
FILES = "public, max-age=300"  # feed, sitemap, robots: read by machines that poll

# For the benchmark's uncached figure only (bench/portal.py, bench/keuangan.py): every view is built afresh.
BYPASS = os.environ.get("BALAI_PORTAL_TANPA_CACHE") == "1" or os.environ.get("BALAI_TANPA_CACHE") == "1"

_wall = time.time  # the clock the time-driven changes are compared with (tests move it)

# Route opt of a cached page: public, and no session or CSRF cookie is ever read or set on it.
ROUTE_OPT = {"exclude_from_csrf": True, "skip_session": True}


def cached_route(sample: str | None = None, not_a_page: str | None = None) -> dict:
    """``opt`` for a cached public route (see module docstring)."""
    opt: dict = {"public": True, **ROUTE_OPT}
    if sample is not None:
        opt["contoh"] = sample  # plugin_sdk.SAMPLE_KEY
    if not_a_page is not None:
        opt["bukan_halaman"] = not_a_page  # plugin_sdk.NOT_A_PAGE_KEY
    return opt


@dataclass(frozen=True)
class Tersimpan:
    """One cached answer."""

    body: bytes
    media_type: str
    status: int
    etag: str
    modified: str  # an HTTP date
    modified_at: float
    cache_control: str


class PageCache:
    def __init__(self) -> None:
        self.key: tuple | None = None
        self.checked = 0.0
        self.pages: OrderedDict[tuple, Tersimpan] = OrderedDict()
        self._building: dict[tuple, asyncio.Future] = {}
        self._lock = asyncio.Lock()
        self.turn = 0  # moves whenever the pages are dropped: a page built before must not be kept after
        self.listeners: list[Callable[[], Awaitable[None]]] = []  # run when the key changes (the public menu)
        # Content also changes by time alone (a scheduled article's moment, an agenda item starting): each clock
        # answers the next such moment (epoch seconds) or None; the pages are dropped once it has passed.
        self.clocks: list[Callable[[], Awaitable[float | None]]] = []
        self.due = math.inf

    def clear(self) -> None:
        self.key, self.checked, self.due = None, 0.0, math.inf
        self.turn += 1
        self.pages.clear()

    async def current_key(self, request: Request) -> tuple:
        """The key every cached page was built under; re-read from the database at most once per CHECK_EVERY."""
        local = (await enabled_plugins(request), dict(request.app.state.balai.profile()))
        if self.key is not None and time.monotonic() - self.checked < CHECK_EVERY and self.key[2:] == local:
            return self.key
        async with self._lock:
            if self.key is None or time.monotonic() - self.checked >= CHECK_EVERY or self.key[2:] != local:
                key = (await public_version(), await register_data_version(), *local)
                self.checked = time.monotonic()
                if key != self.key or _wall() >= self.due:
                    self.pages.clear()
                    self.turn += 1
                    self.key = key
                    for listener in self.listeners:
                        await listener()
                    moments = [m for clock in self.clocks if (m := await clock()) is not None]
                    self.due = min(moments, default=math.inf)
        return self.key

    async def answer(self, request: Request, key: tuple, build: Callable[[], Awaitable[tuple[str | bytes, int]]],
                     media_type: str = HTML, cache_control: str = REVALIDATE) -> Response:
        """The cached answer for `key`, built by ``await build()`` -> (body, status) when missing."""
        await self.current_key(request)
        if BYPASS:
            body, status = await build()
            return _respond(request, _page(body, status, media_type, cache_control))
        page = self.pages.get(key)
        if page is None:
            page = await self._build(key, build, media_type, cache_control)
        else:
            self.pages.move_to_end(key)
        return _respond(request, page)

    async def _build(self, key, build, media_type: str, cache_control: str) -> Tersimpan:
        if (pending := self._building.get(key)) is not None:  # another visitor is building it: wait for that
            return await asyncio.shield(pending)
        future = asyncio.get_running_loop().create_future()
        self._building[key] = future
        try:
            turn = self.turn
            body, status = await build()
            page = _page(body, status, media_type, cache_control)
            if turn == self.turn:  # built from the content the key names (not changed meanwhile)
                self.pages[key] = page
                while len(self.pages) > MAX_PAGES:
                    self.pages.popitem(last=False)
            future.set_result(page)
            return page
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning when nobody else waited
            raise
        finally:
            del self._building[key]


def _page(body: str | bytes, status: int, media_type: str, cache_control: str) -> Tersimpan:
    data = body.encode() if isinstance(body, str) else body
    now = time.time()
    return Tersimpan(data, media_type, status, '"' + hashlib.blake2b(data, digest_size=12).hexdigest() + '"',
                     formatdate(now, usegmt=True), now, cache_control)


def _not_modified(request: Request, page: Tersimpan) -> bool:
    if page.status != 200:
        return False
    if (tags := request.headers.get("if-none-match")) is not None:
        return page.etag in {t.strip().removeprefix("W/") for t in tags.split(",")} or tags.strip() == "*"
    if since := request.headers.get("if-modified-since"):
        try:
            return parsedate_to_datetime(since).timestamp() >= int(page.modified_at)
        except (TypeError, ValueError):
            return False
    return False


def _respond(request: Request, page: Tersimpan) -> Response:
    headers = {"Cache-Control": page.cache_control, "ETag": page.etag, "Last-Modified": page.modified}
    if _not_modified(request, page):
        return Response(b"", status_code=304, headers=headers)
    return Response(page.body, media_type=page.media_type, status_code=page.status, headers=headers)

