"""The public home page and the health endpoint."""

from __future__ import annotations

import time

from litestar import Request, get
from litestar.response import Template

from core import __version__
from core.tables import Pengaturan
from core.web.pages import public_page

STARTED = time.monotonic()


@get("/", opt={"public": True}, include_in_schema=False)
async def home(request: Request) -> Template:
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
