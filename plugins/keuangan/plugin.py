"""The `keuangan` plugin: the APB Desa per year (versions, activities, lines), its realisation, the Siskeudes
import, the public infographic and the administration's reports and books.

Every figure it shows, exports or hands to another plugin comes from one computation (`ringkasan.py`, published in
api.py); pages, the PDF banner, the CSV, the reports and the books only lay it out.
"""

from __future__ import annotations

from plugin_sdk import MenuItem, Permission, PluginMeta, hookimpl

KELOLA, LIHAT = "keuangan.kelola", "keuangan.lihat"

PLUGIN = PluginMeta(
    name="keuangan",
    title="Keuangan (APB Desa)",
    version="0.1.0",
    description="APB Desa per tahun dengan perubahannya, realisasi, impor dari Siskeudes, infografis APB Desa di "
                "situs web, laporan realisasi per semester, dan buku administrasi keuangan.",
    core_requires=">=0.1,<1.0",
    enhances=("portal", "buku_administrasi", "satu_data"),
    permissions=(
        Permission(KELOLA, "Mengisi dan mengubah APB Desa, realisasi, dan impor Siskeudes", roles=("kaur_keuangan",)),
        Permission(LIHAT, "Melihat APB Desa, realisasi, dan laporannya", roles=("kaur_keuangan", "wali_nagari")),
    ),
)


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("APB Desa", "/admin/keuangan", permission=LIHAT, order=10, group="keuangan"),
            MenuItem("Impor Siskeudes", "/admin/keuangan/impor", permission=KELOLA, order=20, group="keuangan")]


@hookimpl
def balai_public_menu(request):
    return [MenuItem("APB Desa", "/apbdes", order=40)]


@hookimpl
def balai_route_handlers():
    from plugins.keuangan.halaman import ROUTES as ADMIN_ROUTES
    from plugins.keuangan.publik import ROUTES as PUBLIC_ROUTES

    return [*ADMIN_ROUTES, *PUBLIC_ROUTES]


@hookimpl
def balai_dashboard_widgets(request):
    from plugins.keuangan.halaman.apbdes import widget

    return [w for w in [widget()] if w is not None]


@hookimpl(optionalhook=True)  # an event of `portal`, which a nagari may not install
def portal_blok_beranda(request):
    from plugins.keuangan.publik.blok import blok

    return blok()


@hookimpl(optionalhook=True)  # an event of `buku_administrasi`, which a nagari may not install
def buku_administrasi_buku():
    from plugins.keuangan.buku import books

    return books()


@hookimpl(optionalhook=True)  # an event of `satu_data`, which a nagari may not install
def satu_data_dataset():
    from plugins.keuangan.data_terbuka import datasets

    return datasets()


@hookimpl
def balai_preset_bagian():
    from plugin_sdk.preset import BagianPreset

    from plugins.keuangan import preset

    return [BagianPreset("keuangan", preset.terapkan, preset.ekspor, urutan=400, judul="APB Desa dan realisasi")]
