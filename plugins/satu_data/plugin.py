"""The `satu_data` plugin: the nagari's open data for Satu Data Kabupaten (Perpres 39/2019).

Plugins contribute datasets (event `satu_data_dataset`); the office chooses which are published and when
(monthly after the month closes, or now); each release is stored per period (terbit.py) and served from one
in-memory catalogue (katalog.py) as public pages, CSV/JSON/XLSX, a Frictionless data package, DCAT JSON-LD and
a CKAN-compatible read API under /api/3/action/, so a kabupaten's CKAN portal harvests a nagari unmodified.
Aggregates only: counts of people come out of `statistik`'s one suppression function.
"""

from __future__ import annotations

from plugin_sdk import MenuItem, Permission, PluginMeta, hookimpl

KELOLA = "satu_data.kelola"

PLUGIN = PluginMeta(
    name="satu_data",
    title="Satu Data (data terbuka)",
    version="0.1.0",
    description="Data terbuka nagari untuk Satu Data Kabupaten: dataset agregat dengan metadata, unduhan CSV, JSON "
                "dan XLSX, paket data Frictionless, DCAT, dan API yang dapat dipanen portal CKAN.",
    core_requires=">=0.1,<1.0",
    # statistik's contract gives the suppression threshold every count of people is checked against at release
    enhances=("statistik",),
    permissions=(
        Permission(KELOLA, "Memilih dan menerbitkan dataset data terbuka", roles=("operator",)),
    ),
)


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("Satu Data", "/admin/satu-data", permission=KELOLA, order=40, group="sekretariat")]


@hookimpl
def balai_public_menu(request):
    return [MenuItem("Data terbuka", "/data", order=55)]


@hookimpl
def balai_route_handlers():
    from plugins.satu_data.ckan import ROUTES as CKAN_ROUTES
    from plugins.satu_data.halaman import ROUTES as HALAMAN_ROUTES

    return [*HALAMAN_ROUTES, *CKAN_ROUTES]


@hookimpl
def balai_jobs():
    from plugins.satu_data.tugas import jobs

    return jobs()


@hookimpl
def balai_jadwal():
    from plugins.satu_data.tugas import jadwal

    return jadwal()


@hookimpl
def balai_settings():
    from plugins.satu_data.metadata import settings

    return settings()


@hookimpl
def balai_preset_bagian():
    from plugin_sdk.preset import BagianPreset

    from plugins.satu_data import preset

    # last of all: its releases count what the other sections wrote (residents, budget, aid, potential)
    return [BagianPreset("satu_data", preset.terapkan, preset.ekspor, urutan=900, judul="Satu Data (data terbuka)")]
