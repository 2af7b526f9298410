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

A plugin adds rows to another plugin's book with ``Sumbangan("A.7", baris)`` in the same hook (``await
baris(saring) -> [dict, ...]``); the book merges them by its `urut` column. `A7_KOLOM` are the columns of A.7 Buku
Agenda, for every plugin that writes outgoing or incoming letters into it. 1.1: Sumbangan, Buku.sementara,
Buku.urut, A7_KOLOM.

A book may print tables of totals under its own, on the page, in the XLSX and in the PDF: ``Buku(...,
ringkasan=totals)`` with ``await totals(saring) -> [Ringkasan(judul, kolom, baris, keterangan), ...]``, filled from
the plugin's one computation of those figures (never summed again from the rows); ``await summary(buku, saring)``
reads them as the pages do. ``Buku(..., izin="penduduk.lihat")``: a permission the reader needs besides
buku_administrasi.lihat, for a book that lists residents (`REGISTER`). 1.2: Ringkasan, Buku.ringkasan, summary,
Buku.izin, REGISTER.

Adding a name or a field is a minor version of API_VERSION; changing or removing one is a major version.
"""

from __future__ import annotations

from plugins.buku_administrasi.buku import FILTERS, KINDS, REGISTER, Buku, BukuError, Hasil, Kolom, Ringkasan, \
    Saringan, Sumbangan, mask, read, slice_rows, summary
from plugins.buku_administrasi.umum import A7_KOLOM

API_VERSION = "1.2"

__all__ = ["API_VERSION", "A7_KOLOM", "FILTERS", "KINDS", "REGISTER", "Buku", "BukuError", "Hasil", "Kolom",
           "Ringkasan", "Saringan", "Sumbangan", "mask", "read", "slice_rows", "summary"]
