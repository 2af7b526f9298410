"""The public side: regulations (hukum.py) and public information with the request form (ppid.py), cached
through publik/cache.py; the home block (blok.py). Each module has ROUTES and MENU (its public menu entries)."""

from plugins.informasi_publik.publik import hukum, ppid

ROUTES: list = [*hukum.ROUTES, *ppid.ROUTES]


def menu() -> list:
    return [*hukum.MENU, *ppid.MENU]
