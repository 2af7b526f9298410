"""The website's public menu entries (hook `balai_public_menu`, in plugin.py): the portal's fixed pages, then the
editor's menu (api.menu()). The hook is synchronous, so the editor's part is kept here and re-read whenever the
page cache's key changes (a menu edit calls public_changed())."""

from __future__ import annotations

from plugin_sdk import MenuItem

from plugins.portal import api
from plugins.portal.publik.cache import CACHE

FIXED = (MenuItem("Berita", "/berita", order=10), MenuItem("Pengumuman", "/pengumuman", order=11),
         MenuItem("Agenda", "/agenda", order=12), MenuItem("Pemerintahan", "/struktur", order=40),
         MenuItem("Kontak", "/kontak", order=90))
_editor: list[MenuItem] = []


def menu_items() -> list[MenuItem]:
    return [*FIXED, *_editor]


async def refresh() -> None:
    _editor[:] = [MenuItem(item["label"], item["url"], order=50 + i) for i, item in enumerate(await api.menu())]


CACHE.listeners.append(refresh)
