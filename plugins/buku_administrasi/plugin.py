"""The `buku_administrasi` plugin: the Buku Administrasi Desa (Permendagri 47/2016) on screen and as spreadsheets.

Written only against plugin_sdk and the `statistik` contract. A book is a `Buku` (buku.py); this plugin brings
B.1 and B.3 (penduduk.py) and other plugins add theirs through the hook `buku_administrasi_buku` (events.py).
"""

from __future__ import annotations

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
        # The Kaur Keuangan keeps the assets (A.3, A.5) and the budget (C.1-C.3); the books of residents ask for
        # penduduk.lihat as well (Buku.izin), which that role does not hold.
        Permission("buku_administrasi.lihat", "Melihat dan mengunduh buku administrasi desa",
                   roles=("operator", "wali_nagari", "kaur_keuangan")),
    ),
)


@hookimpl
def balai_route_handlers():
    from plugins.buku_administrasi.halaman import kantor, unduh

    return [*kantor.ROUTES, *unduh.ROUTES]


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("Buku administrasi", "/admin/buku", permission="buku_administrasi.lihat", order=60,
                     group="kependudukan")]


@hookimpl
def balai_jobs():
    from plugins.buku_administrasi import tugas

    return tugas.jobs()


@hookimpl
def balai_jadwal():
    from plugins.buku_administrasi import tugas

    return tugas.schedule()


@hookimpl
def balai_cli_commands():
    from plugins.buku_administrasi.cli import buku_group

    return [buku_group]


@hookimpl
def buku_administrasi_buku():
    return list(BUKU)
