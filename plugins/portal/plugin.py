"""The `portal` plugin: the nagari's public website, kept current by the office's editors.

The data layer, the contract other plugins read (api.py), images and the editors' admin pages are here;
the public pages are in `publik/`. Editors hold the Redaksi role's permissions declared below.
"""

from __future__ import annotations

from plugin_sdk import MenuItem, Permission, PluginMeta, hookimpl

from plugins.portal.cari import balai_search  # noqa: F401  (the office's search box finds articles and pages)
from plugins.portal.publik import ROUTES as PUBLIC_ROUTES
from plugins.portal.publik.beranda import portal_blok_beranda  # noqa: F401  (the portal's own home blocks)

TULIS, TERBIT, MODERASI = "portal.tulis", "portal.terbit", "portal.moderasi"

PLUGIN = PluginMeta(
    name="portal",
    title="Situs web nagari",
    version="0.1.0",
    description="Situs web publik nagari: beranda, berita, pengumuman, agenda, halaman statis, menu dan komentar.",
    core_requires=">=0.1,<1.0",
    enhances=("statistik",),
    permissions=(
        Permission(TULIS, "Menulis dan mengubah artikel, halaman, menu dan gambar situs web", roles=("redaksi",)),
        Permission(TERBIT, "Menerbitkan dan menjadwalkan artikel situs web", roles=("redaksi",)),
        Permission(MODERASI, "Memeriksa komentar pengunjung situs web", roles=("redaksi",)),
    ),
)


@hookimpl
def balai_route_handlers():
    from plugins.portal import gambar
    from plugins.portal.halaman import ROUTES as ADMIN_ROUTES

    return [*PUBLIC_ROUTES, *gambar.ROUTES, *ADMIN_ROUTES]


@hookimpl
def balai_admin_menu(request):
    return [
        MenuItem("Artikel", "/admin/portal/artikel", permission=TULIS, order=10, group="publikasi"),
        MenuItem("Halaman situs", "/admin/portal/halaman", permission=TULIS, order=12, group="publikasi"),
        MenuItem("Menu situs", "/admin/portal/menu", permission=TULIS, order=14, group="publikasi"),
        MenuItem("Kategori artikel", "/admin/portal/kategori", permission=TULIS, order=15, group="publikasi"),
        MenuItem("Susunan beranda", "/admin/portal/beranda", permission=TULIS, order=16, group="publikasi"),
        MenuItem("Komentar", "/admin/portal/komentar", permission=MODERASI, order=18, group="publikasi"),
    ]


@hookimpl
def balai_dashboard_widgets(request):
    from plugins.portal.halaman.beranda import widget

    return [widget()]


@hookimpl
def balai_public_menu(request):
    from plugins.portal.publik.menu import menu_items

    return menu_items()


@hookimpl
def balai_jadwal():
    from plugins.portal import jadwal

    return jadwal.schedule()


@hookimpl
def balai_preset_bagian():
    from plugins.portal.preset import bagian

    return bagian()
