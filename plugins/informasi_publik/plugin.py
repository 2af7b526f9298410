"""The `informasi_publik` plugin: the office's Sekretariat. Regulations and decisions with their status and PDFs
(hukum), public-information documents and residents' requests under UU 14/2008 (ppid), and the registers of
letters received, sent and dispatched (agenda); their books A.1, A.2, A.7, A.8 and A.9; public pages and a home
block with the latest regulations.
"""

from __future__ import annotations

from plugin_sdk import Permission, PluginMeta, hookimpl

HUKUM, PPID = "informasi_publik.hukum", "informasi_publik.ppid"
AGENDA, LIHAT = "informasi_publik.agenda", "informasi_publik.lihat"

PLUGIN = PluginMeta(
    name="informasi_publik",
    title="Sekretariat dan informasi publik",
    version="0.1.0",
    description="Produk hukum (peraturan dan keputusan) dengan statusnya, informasi publik dan permohonan "
                "informasi (UU 14/2008), agenda surat masuk dan keluar, ekspedisi, dan buku A.1, A.2, A.7, A.8, A.9.",
    core_requires=">=0.1,<1.0",
    enhances=("portal", "buku_administrasi", "surat"),
    permissions=(
        Permission(HUKUM, "Mencatat peraturan dan keputusan beserta berkasnya", roles=("operator",)),
        Permission(PPID, "Mengelola dokumen informasi publik dan menjawab permohonan informasi", roles=("ppid",)),
        Permission(AGENDA, "Mencatat surat masuk, surat keluar dan ekspedisi", roles=("operator",)),
        Permission(LIHAT, "Melihat register surat, produk hukum dan permohonan informasi",
                   roles=("operator", "wali_nagari", "ppid")),
    ),
)


@hookimpl
def balai_route_handlers():
    from plugins.informasi_publik.halaman import ROUTES as ADMIN_ROUTES
    from plugins.informasi_publik.publik import ROUTES as PUBLIC_ROUTES

    return [*ADMIN_ROUTES, *PUBLIC_ROUTES]


@hookimpl
def balai_admin_menu(request):
    from plugins.informasi_publik.halaman import menu

    return menu()


@hookimpl
def balai_dashboard_widgets(request):
    from plugins.informasi_publik.widget import widget

    return [widget()]


@hookimpl
def balai_public_menu(request):
    from plugins.informasi_publik.publik import menu

    return menu()


@hookimpl
def balai_search(request, q):
    from plugins.informasi_publik.cari import search

    return search(request, q)


@hookimpl(optionalhook=True)  # an event of `portal`, which a nagari may not install
def portal_blok_beranda(request):
    from plugins.informasi_publik.publik.blok import blok

    return blok()


@hookimpl(optionalhook=True)  # an event of `buku_administrasi`, which a nagari may not install
def buku_administrasi_buku():
    from plugins.informasi_publik.buku_agenda import books as agenda_books
    from plugins.informasi_publik.buku_hukum import books as law_books

    return [*law_books(), *agenda_books()]


@hookimpl
def balai_preset_bagian():
    from plugins.informasi_publik.preset import bagian

    return bagian()
