"""The public home page and the health endpoint.

A plugin may offer the website's home (the `portal` does): it marks one of its GET routes with
``opt={"beranda_situs": True}``, a handler taking only ``request``. While that plugin is enabled, ``/`` answers
with that handler; otherwise (no such plugin, or it is disabled) with the theme's minimal ``tema/beranda.html``.
Routes cannot be removed from a running app (ENGINEERING-NOTES 7), so ``/`` stays the core's and hands over.
The home page never reads the session or sets a cookie (ENGINEERING-NOTES 13).
"""

from __future__ import annotations

import time

from litestar import Request, get
from litestar.response import Response

from core import __version__
from core.tables import Pengaturan
from core.web.access import PLUGIN_OPT, enabled_plugins
from core.web.pages import public_page

STARTED = time.monotonic()
SITE_HOME_OPT = "beranda_situs"
NO_COOKIE = {"exclude_from_csrf": True, "skip_session": True}


def site_homes(app) -> list:
    """Plugin routes that offer the home page, in registration order (looked up once per app)."""
    found = getattr(app.state, "beranda_situs", None)
    if found is None:
        found = [handler for route in app.routes for handler in getattr(route, "route_handlers", [])
                 if handler.opt.get(SITE_HOME_OPT) and handler.opt.get(PLUGIN_OPT) and "GET" in handler.http_methods]
        app.state.beranda_situs = found
    return found


@get("/", opt={"public": True, **NO_COOKIE}, include_in_schema=False)
async def home(request: Request) -> Response:
    enabled = await enabled_plugins(request)
    for handler in site_homes(request.app):
        if handler.opt[PLUGIN_OPT] in enabled:
            return await handler.fn(request)
    return await public_page(request, "tema/beranda.html")


@get("/health", opt={"public": True, "bukan_halaman": "status layanan (JSON)"}, tags=["sistem"], summary="Status layanan")
async def health(request: Request) -> dict:
    """Whether the app and its database answer; for monitoring and load balancers."""
    await Pengaturan.count().run()
    return {
        "status": "ok",
        "versi": __version__,
        "basis_data": request.app.state.balai.engine.engine_type,
        "plugin_aktif": sorted(await request.app.state.balai.enabled_names()),
        "uptime_detik": round(time.monotonic() - STARTED, 1),
    }


ROUTES = [home, health]
