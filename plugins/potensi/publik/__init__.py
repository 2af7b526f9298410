"""The public page "Potensi Nagari" and its published photos (halaman.py)."""

from plugins.potensi.publik import halaman

ROUTES: list = [*halaman.ROUTES]
