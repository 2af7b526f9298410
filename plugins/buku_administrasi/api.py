"""The `buku_administrasi` plugin's contract: the book model other plugins use to add books.

    from plugins.buku_administrasi.api import Buku, Hasil, Kolom, Saringan, slice_rows

    async def baris(saring: Saringan, *, mulai=0, batas=None) -> Hasil:
        rows = [...]                         # dicts keyed by the columns' `kunci`
        return slice_rows(rows, mulai, batas)

    @hookimpl
    def buku_administrasi_buku():
        return [Buku("A.4", "Buku Aparat Pemerintah Desa", (Kolom("nama", "Nama"), ...), baris,
                     saringan=("cari",))]

`Saringan`: tahun, bulan (None when not asked), jorong (a jorong's id or None), cari, samarkan (the pages mask the
columns marked ``identitas=True`` themselves). Raise `BukuError` with a message in Bahasa Indonesia for a filter
the book cannot answer; the pages show it with status 400. ``await read(buku, saring, mulai=, batas=)`` reads a
book as the pages do (masking included); `mask` is the one masking rule (first 6 digits kept).

Adding a name or a field is a minor version of API_VERSION; changing or removing one is a major version.
"""

from __future__ import annotations

from plugins.buku_administrasi.buku import FILTERS, KINDS, Buku, BukuError, Hasil, Kolom, Saringan, mask, read, \
    slice_rows

API_VERSION = "1.0"

__all__ = ["API_VERSION", "FILTERS", "KINDS", "Buku", "BukuError", "Hasil", "Kolom", "Saringan", "mask", "read",
           "slice_rows"]
