"""The office's pages for the budget: the APB Desa and its versions (apbdes.py), its lines and activities
(baris.py), pasting a table of lines (tempel.py), realisation (realisasi.py), the Siskeudes import (impor.py) and
the reports (laporan.py)."""

from plugins.keuangan.halaman import apbdes, baris, impor, laporan, realisasi, tempel

ROUTES: list = [*apbdes.ROUTES, *baris.ROUTES, *tempel.ROUTES, *realisasi.ROUTES, *impor.ROUTES, *laporan.ROUTES]
