"""The office's pages for the nagari's assets: the list with its totals (daftar.py), registering and correcting
an asset (isian.py), one asset with its history and mutations (rinci.py), cancelling its latest mutation
(pembatalan.py), its photos and documents (berkas.py)."""

from plugins.aset.halaman import berkas, daftar, isian, pembatalan, rinci

ROUTES: list = [*daftar.ROUTES, *isian.ROUTES, *rinci.ROUTES, *pembatalan.ROUTES, *berkas.ROUTES]
