"""The `aset` plugin: the inventory and wealth of the nagari by KIB class (Permendagri 1/2016), each asset's
mutations kept as history, its photos and documents, totals per class and origin, and the books A.3 and A.5.

Totals come from one computation (rekap.py, published in api.py); the list page and the totals under book A.3
(buku.py) only lay them out, and tests/test_aset_buku.py checks that they agree. An asset bought from an activity
of the APB Desa links to it when `keuangan` is enabled.
"""

from __future__ import annotations

from plugin_sdk import MenuItem, Permission, PluginMeta, hookimpl

KELOLA, LIHAT = "aset.kelola", "aset.lihat"

PLUGIN = PluginMeta(
    name="aset",
    title="Inventaris dan kekayaan nagari",
    version="0.1.0",
    description="Inventaris aset nagari per golongan KIB (tanah, peralatan dan mesin, gedung, jalan dan jaringan, "
                "aset tetap lainnya, konstruksi dalam pengerjaan) dengan riwayat mutasinya, serta Buku Inventaris "
                "dan Kekayaan Desa (A.3) dan Buku Tanah Kas Desa (A.5).",
    core_requires=">=0.1,<1.0",
    enhances=("buku_administrasi", "keuangan", "satu_data"),
    permissions=(
        Permission(KELOLA, "Mencatat aset nagari, mutasinya, foto dan dokumennya",
                   roles=("operator", "kaur_keuangan")),
        Permission(LIHAT, "Melihat inventaris aset nagari dan riwayatnya",
                   roles=("operator", "kaur_keuangan", "wali_nagari")),
    ),
)


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("Inventaris Aset", "/admin/aset", permission=LIHAT, order=20, group="potensi")]


@hookimpl
def balai_route_handlers():
    from plugins.aset.halaman import ROUTES

    return ROUTES


@hookimpl(optionalhook=True)  # an event of `buku_administrasi`, which a nagari may not install
def buku_administrasi_buku():
    from plugins.aset.buku import books

    return books()


@hookimpl(optionalhook=True)  # an event of `satu_data`, which a nagari may not install
def satu_data_dataset():
    from plugins.aset.data_terbuka import datasets

    return datasets()


@hookimpl
def balai_preset_bagian():
    from plugin_sdk.preset import BagianPreset

    from plugins.aset import preset

    # after the APB Desa (keuangan, 400): an asset links to an activity of it
    return [BagianPreset("aset", preset.terapkan, None, urutan=460, judul="Inventaris aset")]
