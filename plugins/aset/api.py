"""The contract of `aset` for other plugins (satu_data, a theme's home page, ...): the code lists, the totals of
the assets the nagari owns (the one computation the list page and the books use) and the read-only list.
Contract version 1.0; values are int sen.

    from plugins.aset.api import GOLONGAN, rekap
    r = await rekap()                                  # owned now; rekap(per_tanggal=date(2025, 12, 31)) for then
    for pos in r.per_golongan:                         # every class A-F in order, zeros included
        print(GOLONGAN[pos.kode], pos.jumlah, pos.nilai)
    r.total.nilai                                      # sen
    rows, n = await daftar(golongan="A", status="aktif", batas=100)

Adding a name or a field is a minor version of API_VERSION; changing or removing one is a major version.
"""

from __future__ import annotations

from plugins.aset.kib import ASAL, GOLONGAN, KONDISI
from plugins.aset.layanan import daftar
from plugins.aset.rekap import Pos, Rekap, rekap

API_VERSION = "1.0"

__all__ = ["API_VERSION", "GOLONGAN", "ASAL", "KONDISI", "Pos", "Rekap", "rekap", "daftar"]
