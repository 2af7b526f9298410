"""The `adat` plugin: the customary institutions of a Minangkabau nagari (suku, kaum, penghulu, the KAN,
tanah ulayat). This module only gathers the hooks; each part lives in its own module."""

from __future__ import annotations

from plugin_sdk import MenuItem, Permission, PluginMeta, Widget, hookimpl
from plugin_sdk.preset import BagianPreset

from balai_adat import halaman_kaum, halaman_suku, warga
from balai_adat.buku_suku import buku_administrasi_buku  # noqa: F401 (an optional hook of buku_administrasi)
from balai_adat.potensi_ulayat import potensi_indikator  # noqa: F401 (an optional hook of potensi)
from balai_adat.surat_suku import surat_terbit  # noqa: F401 (surat's event, implemented here)
from balai_adat.suku_warga import balai_resident_fields, balai_resident_panels  # noqa: F401 (hooks)
from balai_adat.tables import Suku
from balai_adat.ulayat.halaman import ROUTES as ULAYAT_ROUTES
from balai_adat.ulayat.hooks import *  # noqa: F401,F403 (the tanah ulayat part's hooks)
from balai_adat.warga import balai_peristiwa  # noqa: F401 (a newborn takes the mother's suku and kaum)

PLUGIN = PluginMeta(
    name="adat",
    title="Adat: suku, kaum, penghulu dan tanah ulayat",
    version="0.2.0",
    description="Daftar suku dan kaum (klan dan paruik matrilineal), penghulunya, Kerapatan Adat Nagari, dan "
                "tanah ulayat di nagari.",
    core_requires=">=0.1,<1.0",
    permissions=(Permission("adat.kelola", "Mengelola data adat"),),
    depends=("surat",),  # implements surat's event surat_terbit and reads letters through plugins.surat.api
    # adds L.1 to the books, the tanah ulayat to the nagari's profile, a statistics category and an open dataset
    # when those plugins are installed (optional hooks, their contracts imported inside the hooks)
    enhances=("buku_administrasi", "potensi", "statistik", "satu_data"),
)


async def _ringkasan(request) -> dict:
    return {"jumlah": await Suku.count().run()}


@hookimpl
def balai_route_handlers():
    return [*halaman_suku.ROUTES, *halaman_kaum.ROUTES, *warga.ROUTES, *ULAYAT_ROUTES]


@hookimpl
def balai_cli_commands():
    from balai_adat.cli import adat_contoh, adat_suku

    return [adat_suku, adat_contoh]


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("Adat", "/admin/adat", permission="adat.kelola", order=500, group="layanan"),
            MenuItem("Tanah ulayat", "/admin/adat/ulayat", permission="adat.kelola", order=501, group="layanan")]


@hookimpl
def balai_dashboard_widgets(request):
    return [Widget("Suku", "adat/widget.html", context=_ringkasan, permission="adat.kelola")]


@hookimpl
def balai_preset_bagian():
    from balai_adat.preset import ekspor, terapkan

    return [BagianPreset("adat", terapkan, ekspor, urutan=600, judul="Suku, kaum, penghulu dan tanah ulayat")]


@hookimpl(optionalhook=True)
def statistik_kategori():
    from balai_adat.statistik_suku import kategori

    return kategori()  # async: the codes are the suku registered (statistik awaits its event's answers)


@hookimpl(optionalhook=True)
def satu_data_dataset():
    from balai_adat.data_terbuka import datasets
    from balai_adat.ulayat.data_terbuka import datasets as ulayat

    async def semua():  # async: reads the suku, the land and the suppression threshold
        return [*await datasets(), *await ulayat()]

    return semua()
