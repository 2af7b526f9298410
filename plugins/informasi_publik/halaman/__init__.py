"""The office's pages: regulations (hukum.py), public information and requests (ppid.py), letter registers
(agenda.py). Each module has ROUTES and MENU (its admin menu entries)."""

from plugins.informasi_publik.halaman import agenda, hukum, ppid

ROUTES: list = [*hukum.ROUTES, *ppid.ROUTES, *agenda.ROUTES]


def menu() -> list:
    return [*hukum.MENU, *ppid.MENU, *agenda.MENU]
