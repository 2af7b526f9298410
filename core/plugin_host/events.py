"""Firing a plugin's domain events to the enabled plugins (re-exported as `plugin_sdk.emit`)."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection


async def emit(connection: ASGIConnection, event: str, **kwargs) -> Any:
    """Fire `event` (a hookspec from a plugin's ``events`` module) to every enabled plugin that implements it.

    The implementations get `connection` as ``request`` when the spec asks for it, and the
    keyword arguments given here. Returns what pluggy returns: the list of answers, or for a
    ``firstresult`` event the first answer. A handler that fails is logged and counts as no
    answer; its own database writes are undone (a savepoint) and the caller's transaction
    goes on, so a broken handler never stops the letter, the request or whatever fired it.
    A background job passes its context (``ctx``) instead of a request; the handlers then get ``request=None``.
    """
    from core.web.access import enabled_plugins

    if not isinstance(connection, ASGIConnection):
        return await connection.emit(event, **kwargs)

    host = connection.app.state.balai.host
    return await host.acall(event, only=set(await enabled_plugins(connection)), request=connection, **kwargs)


async def emit_outside_request(balai, event: str, **kwargs) -> Any:
    """`emit` for a background job or a CLI command: the enabled plugins answer with ``request=None``."""
    return await balai.host.acall(event, only=set(await balai.enabled_names()), request=None, **kwargs)
