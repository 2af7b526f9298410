"""One guard for every route: disabled plugins answer 404, and access is denied by default.

A handler opens itself with ``opt={"public": True}``, ``opt={"login": True}`` (any
staff user) or ``opt={"permission": "kode.izin"}``; a handler that declares none of
these is refused, so a new route cannot be left unguarded by accident.
"""

from __future__ import annotations

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, NotFoundException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler

from core.web.auth import current_user, has_permission

PLUGIN_OPT = "balai_plugin"


async def enabled_plugins(connection: ASGIConnection) -> frozenset[str]:
    state = connection.state
    if "enabled" not in state:
        state["enabled"] = await connection.app.state.balai.enabled_names()
    return state["enabled"]


async def access_guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    opt = handler.opt
    plugin = opt.get(PLUGIN_OPT)
    if plugin is not None and plugin not in await enabled_plugins(connection):
        raise NotFoundException()
    if opt.get("public"):
        return
    user = await current_user(connection)
    if user is None:
        raise NotAuthorizedException("Silakan masuk terlebih dahulu.")
    permission = opt.get("permission")
    if permission is None and not opt.get("login"):
        raise PermissionDeniedException("Halaman ini tidak menyatakan izin aksesnya, jadi ditolak.")
    if permission is not None and not has_permission(user, permission):
        raise PermissionDeniedException("Anda tidak punya izin untuk halaman ini.")
