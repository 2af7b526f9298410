"""The `impor` plugin: move a register from OpenSID (or a spreadsheet) into Balai, and export it back."""

from __future__ import annotations

from plugin_sdk import MenuItem, Panel, Permission, PluginMeta, hookimpl
from plugin_sdk.jobs import Job

from plugins.impor import tugas
from plugins.impor.halaman import impor

PLUGIN = PluginMeta(
    name="impor",
    title="Impor dan ekspor penduduk",
    version="0.1.0",
    description="Memindahkan register penduduk dari OpenSID atau lembar kerja: periksa dulu, terapkan sekaligus; "
                "ekspor kembali ke format OpenSID atau ekspor Balai yang lengkap.",
    core_requires=">=0.1,<1.0",
    permissions=(Permission("impor.kelola", "Mengimpor dan mengekspor seluruh data penduduk"),),
)


@hookimpl
def balai_route_handlers():
    return impor.ROUTES


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("Impor & ekspor", "/admin/impor", permission="impor.kelola", order=40, group="kependudukan")]


@hookimpl
async def balai_resident_panels(request, penduduk_id):
    from plugins.impor.ekspor import kept_beside

    kept = await kept_beside(penduduk_id)  # only residents with OpenSID values kept beside them get the panel
    return [Panel("Data OpenSID", "impor/panel.html", context=kept, order=60)] if any(kept.values()) else []


@hookimpl
def balai_jobs():
    return [Job("impor.periksa", tugas.check), Job("impor.terapkan", tugas.apply), Job("impor.ekspor", tugas.export)]


@hookimpl
def balai_cli_commands():
    from plugins.impor.cli import impor_group, ekspor_group

    return [impor_group, ekspor_group]
