"""The `sistem` plugin: written only against plugin_sdk, like any third-party plugin.

Two faces: a dashboard card every staff member reads (are the services running, when was the last backup, in words)
and the administrator's system page with the technical details (versions, database engine, data folder, plugins).
"""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from plugin_sdk import (MenuItem, Permission, PluginMeta, Widget, backup_status, current_user, enabled_plugins,
                        has_permission,
                        hookimpl, nagari_profile, page, requires, runtime_info)

PLUGIN = PluginMeta(
    name="sistem",
    title="Status sistem",
    version="0.1.0",
    description="Di dasbor: apakah semua layanan berjalan dan kapan cadangan terakhir. Di halaman Sistem (untuk "
                "administrator): versi, basis data dan plugin yang berjalan.",
    core_requires=">=0.1,<1.0",
    permissions=(Permission("sistem.lihat", "Melihat rincian teknis sistem (versi, basis data, plugin)"),),
)

BACKUP_PERMISSION = "cadangan.kelola"


async def _status(request: Request) -> dict:
    return {**runtime_info(request), "plugin_aktif": sorted(await enabled_plugins(request))}


async def _card(request: Request) -> dict:
    """What a clerk needs to know, without technical words."""
    info = runtime_info(request)
    backup = await backup_status(request)  # the dashboard's own warning, one computation
    return {
        "layanan_mati": info["plugin_gagal"],
        "cadangan": backup,
        "kelola_cadangan": has_permission(await current_user(request), BACKUP_PERMISSION),
        "nagari": nagari_profile(request),
    }


@get("/admin/sistem", opt=requires("sistem.lihat"), include_in_schema=False)
async def status_page(request: Request) -> Template:
    return await page(request, "sistem/status.html", await _status(request))


@hookimpl
def balai_route_handlers():
    return [status_page]


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("Sistem", "/admin/sistem", permission="sistem.lihat", order=950, group="pengaturan")]


@hookimpl
def balai_dashboard_widgets(request):
    return [Widget("Keadaan sistem", "sistem/widget.html", context=_card, order=900)]
