"""A book as a file: the header block (nagari, book, period, filters) above the table, as XLSX or PDF.

XLSX is a real spreadsheet (dates as dates, numbers as numbers, the header frozen, columns sized); PDF is laid out
by ReportLab (pdf.py). Short XLSX files are written during the request; PDFs and long books by the background job
(tugas.py). Every file is one audit entry: who, which book, which filters, how many rows.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Iterable

from plugin_sdk import dokumen, log_change, register

from plugins.buku_administrasi.buku import Buku, Kolom, Ringkasan, Saringan

DIRECT_MAX = 2000  # rows an XLSX is written in the request for; a longer book goes to the job
FORMATS = {"xlsx": ("Lembar kerja (XLSX)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
           "pdf": ("PDF untuk dicetak", "application/pdf")}
MIME_XLSX = FORMATS["xlsx"][1]
WIDTH_MIN, WIDTH_MAX = 6, 40  # characters


def header_block(buku: Buku, saring: Saringan, profil: dict, jorong_nama: str, hari_ini: date) -> list[list]:
    desa = profil.get("sebutan_desa") or "Nagari"
    periode = saring.periode or (f"{hari_ini:%Y-%m} (bulan ini)" if buku.bulan_bawaan
                                 else f"keadaan per {hari_ini:%d-%m-%Y}")
    rows = [["Buku Administrasi Desa", f"{buku.kode} {buku.judul}"],
            [desa, profil.get("nama", "")],
            ["Kode wilayah Kemendagri", profil.get("kode", "")],
            ["Kecamatan", profil.get("kecamatan", "")],
            ["Kabupaten", profil.get("kabupaten", "")],
            ["Periode", periode]]
    if "jorong" in buku.saringan:
        rows.append([profil.get("sebutan_dusun") or "Jorong", jorong_nama or "Semua"])
    if saring.cari:
        rows.append(["Pencarian", saring.cari])
    if saring.samarkan:
        rows.append(["NIK dan No. KK", "disamarkan: hanya 6 angka pertama"])
    rows.append(["Dibuat tanggal", f"{hari_ini:%d-%m-%Y}"])
    return rows


def table(buku: Buku, rows: Iterable[dict]) -> Iterable[list]:
    """The table's rows for a spreadsheet: "No." first, values typed (a date stays a `date`)."""
    yield ["No.", *(k.label for k in buku.kolom)]
    for n, row in enumerate(rows, 1):
        yield [n, *(row.get(k.kunci) for k in buku.kolom)]


def printed(buku: Buku, rows: Iterable[dict]) -> Iterable[list[str]]:
    """The table's cells as printed on paper (the PDF adds "No."): dates dd-mm-yyyy, numbers 1.234."""
    return printed_cells(buku.kolom, rows)


def printed_summary(ringkasan: Ringkasan) -> Ringkasan:
    """A table of totals with its cells as printed on paper (for the PDF)."""
    cells = printed_cells(ringkasan.kolom, ringkasan.baris)
    return Ringkasan(ringkasan.judul, ringkasan.kolom, [dict(zip((k.kunci for k in ringkasan.kolom), row))
                                                         for row in cells], ringkasan.keterangan)


def printed_cells(kolom: Iterable[Kolom], rows: Iterable[dict]) -> Iterable[list[str]]:
    kinds = [(k.kunci, k.jenis) for k in kolom]
    for row in rows:
        yield [_printed(row.get(key), kind) for key, kind in kinds]


def _printed(value, kind: str) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    if kind == "number" and isinstance(value, (int, float)):
        return f"{value:,}".replace(",", ".")
    return str(value)


def widths(buku: Buku, sample: list[dict]) -> tuple[int, ...]:
    """Column widths in characters from the labels and the first rows, within WIDTH_MIN..WIDTH_MAX."""
    out = [5]
    for k in buku.kolom:
        longest = max([len(k.label) * 0.8, *(len(_printed(r.get(k.kunci), k.jenis)) for r in sample[:200])])
        out.append(int(min(max(longest + 2, WIDTH_MIN), WIDTH_MAX)))
    return tuple(out)


def write_xlsx(target: Path | io.BytesIO, buku: Buku, header: list[list], rows: list[dict],
               ringkasan: Iterable[Ringkasan] = ()) -> None:
    """The header block, the table, then each table of totals under it (from the book's first column, after an
    empty line: its title, its note, its header row, its rows)."""
    # Inline strings: a name starting with "=" stays text in the spreadsheet (core.dokumen.xlsx).
    top = len(header) + 1  # the header block and the empty line before the table's own header row
    lines, bold = [*header, [], *table(buku, rows)], [top]
    for r in ringkasan:
        lines.append([])
        bold += [len(lines), len(lines) + 1 + bool(r.keterangan)]
        lines += [["", r.judul], *([["", r.keterangan]] if r.keterangan else []), ["", *(k.label for k in r.kolom)],
                  *(["", *(row.get(k.kunci) for k in r.kolom)] for row in r.baris)]
    sheet = dokumen.Lembar(lines, beku=top + 1, lebar=widths(buku, rows), tebal=tuple(bold))
    dokumen.write_xlsx(target, {"Buku": sheet})


def file_name(buku: Buku, saring: Saringan, hari_ini: date, fmt: str = "xlsx") -> str:
    return f"buku-{buku.slug}-{saring.periode or hari_ini.isoformat()}.{fmt}"


async def jorong_name(jorong: int | None) -> str:
    if jorong is None:
        return ""
    return next((w["nama"] for w in await register.wilayah_rows() if w["id"] == jorong), "")


async def log_export(connection, buku: Buku, saring: Saringan, count: int, user: dict | None = None,
                     fmt: str = "xlsx") -> None:
    """Names and NIKs leave the system in the file: one audit entry with the book and the filter."""
    await log_change(connection, "unduh", "buku_administrasi", buku.kode,
                     {"format": fmt, "saring": saring.as_query(), "baris": count}, user=user)
