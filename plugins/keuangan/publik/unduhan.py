"""The year's downloads: the flat table as CSV (`baris_datar`, the rows every export shares) and the banner PDF.

Amounts in the CSV are rupiah with two decimals and a dot ("1250000.00"), percentages with one ("45.3", rounded as the
page rounds: jumlah.persen_angka; none on the summary rows Surplus, Netto and SiLPA): a machine reading the file
needs no Indonesian number format; people read the page or the banner.
"""

from __future__ import annotations

import csv
import io

from litestar import Request
from litestar.response import Response

from plugin_sdk import nagari_profile
from plugin_sdk.dokumen import csv_cell

from plugins.keuangan import ringkasan as hitung
from plugins.keuangan.jumlah import persen_angka
from plugins.keuangan.publik import spanduk

UKURAN = spanduk.UKURAN
KOLOM = ("bagian", "tingkat", "kode", "uraian", "anggaran", "realisasi", "sisa", "persen")


def _rp(sen: int) -> str:
    tanda = "-" if sen < 0 else ""
    return f"{tanda}{abs(sen) // 100}.{abs(sen) % 100:02d}"


def _persen(b: dict) -> str:
    """The row's percentage, or nothing for a balance (Surplus, Netto, SiLPA: a percentage of it means nothing)."""
    nilai = None if b["bagian"] == "Jumlah" else persen_angka(b["realisasi"], b["anggaran"])
    return "" if nilai is None else str(nilai)


def csv_teks(r) -> str:
    """The CSV of one `Ringkasan`: a header row, then `baris_datar(r)` in reading order."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(KOLOM)
    for b in hitung.baris_datar(r):
        # every cell through csv_cell: an uraian typed as "=..." or "+62..." opens in Excel as text, not a formula
        w.writerow([csv_cell(c) for c in (b["bagian"], b["tingkat"], b["kode"], b["uraian"], _rp(b["anggaran"]),
                                          _rp(b["realisasi"]), _rp(b["sisa"]),
                                          _persen(b))])
    return out.getvalue()


async def csv_tahun(tahun: int) -> tuple[str, int]:
    r = await hitung.ringkasan(tahun)
    if r is None:
        return f"APB Desa tahun {tahun} belum diterbitkan.\r\n", 404
    return csv_teks(r), 200


async def pdf_tahun(request: Request, tahun: int, ukuran: str) -> tuple[bytes, int]:
    r = await hitung.ringkasan(tahun)
    if r is None:
        return spanduk.kosong(tahun), 404  # still a PDF: the answer's type is fixed for the cache
    return spanduk.buat(r, nagari_profile(request), ukuran), 200


def lampiran(answer: Response, nama: str, *, unduh: bool = True) -> Response:
    """The cached answer with a file name (a 304 or an error page keeps none)."""
    if answer.status_code == 200:
        answer.headers["Content-Disposition"] = f'{"attachment" if unduh else "inline"}; filename="{nama}"'
    return answer


__all__ = ["UKURAN", "csv_tahun", "csv_teks", "lampiran", "pdf_tahun"]
