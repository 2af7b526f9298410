"""The contract of `keuangan` for other plugins (satu_data, a theme's home page, ...): read-only figures of the APB
Desa from the one computation, and the helpers that print them. Contract version 1.0; amounts are int sen.

    from plugins.keuangan.api import ringkasan, tahun_tersedia, rupiah
    r = await ringkasan(2026)          # None when 2026 has no APB Desa in force
    r.belanja.anggaran, r.silpa        # sen; (anggaran, realisasi)
"""

from __future__ import annotations

from plugins.keuangan.jumlah import angka, persen, rupiah
from plugins.keuangan.kode import BIDANG, akun, bidang
from plugins.keuangan.ringkasan import Pos, Ringkasan, baris_datar, ringkasan, tahun_tersedia, versi_berlaku

API_VERSION = "1.0"

__all__ = ["API_VERSION", "Pos", "Ringkasan", "ringkasan", "tahun_tersedia", "versi_berlaku", "baris_datar",
           "rupiah", "angka", "persen", "BIDANG", "bidang", "akun"]
