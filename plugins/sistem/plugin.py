"""The `sistem` plugin: written only against plugin_sdk, like any third-party plugin."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from plugin_sdk import (MenuItem, Permission, PluginMeta, Widget, enabled_plugins, hookimpl, page, requires,
                        runtime_info)

PLUGIN = PluginMeta(
    name="sistem",
    title="Status sistem",
    version="0.1.0",
    description="Versi, basis data dan plugin yang berjalan, di dasbor dan di halaman Sistem.",
    core_requires=">=0.1,<1.0",
    permissions=(Permission("sistem.lihat", "Melihat status sistem"),),
)


async def _status(request: Request) -> dict:
    return {**runtime_info(request), "plugin_aktif": sorted(await enabled_plugins(request))}


@get("/admin/sistem", opt=requires("sistem.lihat"), include_in_schema=False)
async def status_page(request: Request) -> Template:
    return await page(request, "sistem/status.html", await _status(request))


@hookimpl
def balai_route_handlers():
    return [status_page]


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("Sistem", "/admin/sistem", permission="sistem.lihat", order=950)]


@hookimpl
def balai_dashboard_widgets(request):
    return [Widget("Sistem", "sistem/widget.html", context=_status, permission="sistem.lihat", order=900)]
