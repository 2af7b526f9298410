"""CSV and XLSX of one statistics table: the rows of `api.table`, with the nagari code, period and definitions.

CSV: a header block (nagari, code, period, category, column definitions), an empty line, then the long-format table.
XLSX: the table on the first sheet, the same header block on the second ("Definisi"). Every text cell goes through
`plugin_sdk.dokumen.csv_cell`, so nothing a label or a place name holds can start a formula.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from plugin_sdk import dokumen

from plugins.statistik.kategori import Kategori

KOLOM = (("kategori", "Kode kategori statistik"), ("kode", "Kode nilai dalam daftar kode (kosong: belum mengisi)"),
         ("label", "Arti kode"), ("wilayah_id", "Nomor wilayah di Balai (kosong: seluruh nagari atau tanpa wilayah)"),
         ("wilayah", "Nama wilayah"), ("jenis_kelamin", "L laki-laki, P perempuan (keluarga dan rumah tangga: "
                                                        "jenis kelamin kepalanya)"),
         ("jumlah", "Banyaknya"))
JK = {1: "L", 2: "P"}
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header_block(kat: Kategori, profil: dict, *, per: date | None, tingkat: int, status: int | None,
                 hari_ini: date) -> list[list]:
    sebutan = {0: profil.get("sebutan_desa") or "Nagari", 1: profil.get("sebutan_dusun") or "Jorong", 2: "RW",
               3: "RT"}
    status_teks = {None: "semua", 1: "tetap", 2: "tidak tetap"}.get(status, str(status))
    return [["Statistik penduduk", kat.judul],
            [sebutan[0], profil.get("nama", "")],
            ["Kode wilayah Kemendagri", profil.get("kode", "")],
            ["Keadaan per tanggal", (per or hari_ini).isoformat()],
            ["Menurut", sebutan[tingkat]],
            ["Status penduduk", status_teks],
            ["Satuan", kat.satuan],
            ["Keterangan", kat.keterangan],
            *([f"Kolom {name}", arti] for name, arti in KOLOM)]


def table_rows(kat: Kategori, rows: list[dict]) -> list[list]:
    return [[name for name, _ in KOLOM],
            *([kat.kode, "" if r["kode"] is None else r["kode"], r["label"],
               "" if r["wilayah"] is None else r["wilayah"], r["wilayah_nama"], JK.get(r["jenis_kelamin"], ""),
               r["jumlah"]] for r in rows)]


def to_csv(header: list[list], table: list[list]) -> bytes:
    """The header block (if any), an empty line, the table; every cell through csv_cell (no formulas)."""
    out = io.StringIO()
    writer = csv.writer(out)
    if header:
        writer.writerows([dokumen.csv_cell(c) for c in row] for row in header)
        writer.writerow([])
    writer.writerows([dokumen.csv_cell(c) for c in row] for row in table)
    return out.getvalue().encode("utf-8")


def to_xlsx(header: list[list], table: list[list]) -> bytes:
    return dokumen.xlsx_bytes({"Statistik": table, "Definisi": header})
