"""The contract of `potensi` for other plugins (an open-data export, a theme's home page, an innovation module):
the indicators and read-only figures of the nagari's profile, and the helpers that print them. Contract version
1.1; a figure is an int in hundredths of its indicator's unit.

    from plugins.potensi.api import data_publik, tampil, TEMA
    profil = await data_publik(request)        # None when the office publishes nothing yet
    for tema, baris in profil.tema.items():    # TEMA order
        for ind, nagari, per_jorong in baris:  # per_jorong: [(jorong name, Nilai), ...]
            print(TEMA[tema], ind.nama, tampil(nagari.nilai, ind) if nagari else "-")

    semua = await semua_indikator(request)     # shipped list + what plugins add (event `potensi_indikator`)
    angka = await nilai_tahun(2025)            # {(kode, jorong id or 0): Nilai}

A plugin adds an indicator by implementing the event `potensi_indikator` (see events.py) and returning
`Indikator("adat.tanah_ulayat", "lahan", "Luas tanah ulayat nagari", "ha", definisi="...")`.
`data_publik` is the only source of what is public: use it, not `nilai_tahun`, for anything shown to the public.
Since 1.1 its `tahun` is the year the office publishes ("Tahun yang diterbitkan" on /admin/potensi/terbit), no
longer the newest year with a published figure: typing or copying a new year's figures changes nothing public.
"""

from __future__ import annotations

from plugins.potensi.indikator import TEMA, Indikator, dari_seratus, semua_indikator, tampil
from plugins.potensi.layanan import Nilai, nilai_tahun, tahun_tersedia
from plugins.potensi.terbit import BarisPublik, PotensiPublik, data_publik

API_VERSION = "1.1"

__all__ = ["API_VERSION", "Indikator", "TEMA", "semua_indikator", "Nilai", "nilai_tahun", "tahun_tersedia",
           "data_publik", "PotensiPublik", "BarisPublik", "tampil", "dari_seratus"]
