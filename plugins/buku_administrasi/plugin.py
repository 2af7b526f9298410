"""The `buku_administrasi` plugin: the Buku Administrasi Desa (Permendagri 47/2016) on screen and as spreadsheets.

Written only against plugin_sdk and the `statistik` contract. A book is a `Buku` (buku.py); this plugin brings
B.1 and B.3 (penduduk.py) and other plugins add theirs through the hook `buku_administrasi_buku` (events.py).
"""

from __future__ import annotations

import importlib

from plugin_sdk import MenuItem, Permission, PluginMeta, hookimpl

from plugins.buku_administrasi.penduduk import BUKU

PLUGIN = PluginMeta(
    name="buku_administrasi",
    title="Buku administrasi desa",
    version="0.1.0",
    description="Buku Administrasi Desa (Permendagri 47/2016): Buku Induk Penduduk, Rekapitulasi Jumlah Penduduk "
                "dan buku dari plugin lain, di layar dan sebagai lembar kerja.",
    core_requires=">=0.1,<1.0",
    depends=("statistik",),
    permissions=(
        Permission("buku_administrasi.lihat", "Melihat dan mengunduh buku administrasi desa",
                   roles=("operator", "wali_nagari")),
    ),
)

# Each page module may be absent while it is being built; the plugin still loads with the others.
PAGE_MODULES = ("kantor", "unduh")


def _routes() -> list:
    handlers = []
    for name in PAGE_MODULES:
        try:
            module = importlib.import_module(f"plugins.buku_administrasi.halaman.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"plugins.buku_administrasi.halaman.{name}":
                raise
            continue
        handlers += list(getattr(module, "ROUTES", []))
    return handlers


@hookimpl
def balai_route_handlers():
    return _routes()


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("Buku administrasi", "/admin/buku", permission="buku_administrasi.lihat", order=60,
                     group="kependudukan")]


@hookimpl
def balai_jobs():
    from plugins.buku_administrasi import ekspor

    return ekspor.jobs()


@hookimpl
def buku_administrasi_buku():
    return list(BUKU)
