"""The admin dashboard and the plugin management page."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from core.cadangan.jadwal import PERMISSION
from core.plugin_host import state
from core.plugin_host.state import PluginStateError
from core.web.auth import current_user, has_permission
from core.web.cadangan_pages import backup_status
from core.web.pages import flash, page, render_widgets
from core.web.session_pages import Form
from core.plugin_host.settings import plugin_settings, save_plugin_settings
from core.db.transaction import write_transaction
from core.web.publik_versi import public_changed

MANAGE = {"permission": "plugin.kelola"}


@get("/admin", opt={"login": True}, include_in_schema=False)
async def dashboard(request: Request) -> Template:
    widgets = await render_widgets(request, "balai_dashboard_widgets")
    backup = ""
    if has_permission(await current_user(request), PERMISSION):  # only those who can act on it
        backup = (await backup_status(request))["peringatan"]
    return await page(request, "core/dasbor.html", {"widgets": widgets, "peringatan_cadangan": backup})


@get("/admin/plugin", opt=MANAGE, include_in_schema=False)
async def plugin_list(request: Request) -> Template:
    balai = request.app.state.balai
    host = balai.host
    stored = await state.stored_enabled()
    enabled = state.effective(host, stored)
    rows = []
    for record in sorted(host.records.values(), key=lambda r: (not r.builtin, r.name)):
        if not record.loaded:
            status = "gagal"
        elif record.name in enabled:
            status = "aktif"
        elif record.name in stored:
            status = "tertahan"  # switched on, but a dependency is off or failed
        else:
            status = "nonaktif"
        rows.append({"r": record, "status": status, "menyala": record.name in stored,
                     "settings": await plugin_settings(host, record.name) if record.loaded else []})
    return await page(request, "core/plugin.html", {
        "rows": rows,
        "baru": host.newly_installed(),
        "versi_core": host.core_version,
    })


async def _change(request: Request, name: str, action) -> Redirect:
    try:
        changed = await action(name)
    except PluginStateError as exc:
        flash(request, str(exc), "galat")
    else:
        if changed is False:
            flash(request, f"Tidak ada perubahan untuk plugin {name}.", "info")
        else:
            flash(request, f"Plugin {name} {'diaktifkan' if action.__name__ == 'enable' else 'dinonaktifkan'}.")
    return Redirect("/admin/plugin")


@post("/admin/plugin/{name:str}/aktifkan", opt=MANAGE, include_in_schema=False)
async def enable_plugin(request: Request, name: FromPath[str]) -> Redirect:
    return await _change(request, name, request.app.state.balai.enable)


@post("/admin/plugin/{name:str}/nonaktifkan", opt=MANAGE, include_in_schema=False)
async def disable_plugin(request: Request, name: FromPath[str]) -> Redirect:
    return await _change(request, name, request.app.state.balai.disable)


@post("/admin/plugin/{name:str}/pengaturan", opt=MANAGE, include_in_schema=False)
async def save_settings(request: Request, name: FromPath[str], data: Form) -> Redirect:
    host = request.app.state.balai.host
    record = host.get(name)
    if record is None or not record.loaded:
        raise NotFoundException()
    try:
        async with write_transaction():
            await save_plugin_settings(host, name, data)
            # a setting may show on a public page or file (a licence, a suppression threshold): rebuild them
            await public_changed()
    except ValueError as exc:
        flash(request, str(exc), "galat")
    else:
        flash(request, f"Pengaturan plugin {record.title} disimpan.")
    return Redirect("/admin/plugin")


ROUTES = [dashboard, plugin_list, enable_plugin, disable_plugin, save_settings]
