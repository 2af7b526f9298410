"""The `sinkron` plugin: every nagari's published data reaches the kabupaten hub exactly once, whatever the
connection does (ARCHITECTURE.md, ENGINEERING-NOTES 14).

On a nagari node: batches packed from satu_data's change log and the population journal, signed with the nagari's
Ed25519 key and compressed (protokol.py), kept in an outbox and sent with back-off until the hub acknowledges, or
carried on a USB stick. On the hub (`balai serve --role hub`, PostgreSQL): nodes enrolled with a one-time code and
a fingerprint both operators read out, each batch applied once and in order per node, completeness and timeliness
per nagari and month, and the kabupaten's dashboards and open data summed over every nagari.
"""

from __future__ import annotations

from plugin_sdk import MenuItem, Permission, PluginMeta, hookimpl, role

KELOLA, HUB = "sinkron.kelola", "sinkron.hub"

PLUGIN = PluginMeta(
    name="sinkron",
    title="Sinkron ke kabupaten",
    version="0.1.0",
    description="Mengirim data terbuka dan ringkasan peristiwa kependudukan nagari ke hub kabupaten tepat sekali, "
                "juga lewat berkas di flashdisk; di hub: pendaftaran nagari, kelengkapan dan ketepatan waktu, dan "
                "dasbor kabupaten.",
    core_requires=">=0.1,<1.0",
    depends=("satu_data",),
    enhances=("statistik",),
    permissions=(
        Permission(KELOLA, "Mengatur dan menjalankan sinkron nagari ke hub kabupaten", roles=("operator",)),
        Permission(HUB, "Mengelola hub kabupaten: nagari terdaftar, kelengkapan data, dasbor", roles=()),
    ),
)


@hookimpl
def balai_admin_menu(request):
    if request is not None and role(request) == "hub":
        return [MenuItem("Hub kabupaten", "/admin/hub", permission=HUB, order=10, group="sekretariat")]
    return [MenuItem("Sinkron kabupaten", "/admin/sinkron", permission=KELOLA, order=45, group="sekretariat")]


@hookimpl
def balai_route_handlers():
    from plugins.sinkron.hub.halaman import ROUTES as HUB_ROUTES
    from plugins.sinkron.node.halaman import ROUTES as NODE_ROUTES

    return [*NODE_ROUTES, *HUB_ROUTES]


@hookimpl
def balai_jadwal():  # each task does nothing in the other role
    from plugins.sinkron.hub import terbit_ulang
    from plugins.sinkron.node.kirim import jadwal

    return [*jadwal(), *terbit_ulang.jadwal()]


@hookimpl
def balai_jobs():
    from plugins.sinkron.hub import terbit_ulang

    return terbit_ulang.jobs()


@hookimpl
def balai_cli_commands():
    from plugins.sinkron.cli import sync

    return [sync]


@hookimpl
def balai_dashboard_widgets(request):
    from plugins.sinkron.node.widget import widgets

    return widgets(request)


@hookimpl
def balai_settings():
    from plugins.sinkron.node.pengaturan import SETTINGS

    return SETTINGS


@hookimpl(optionalhook=True)  # satu_data's event: on the hub, the kabupaten's sums as open data
def satu_data_dataset():
    from plugins.sinkron.hub.data_terbuka import datasets

    return datasets()
