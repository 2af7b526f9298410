"""A book as a spreadsheet (XLSX): a header block (nagari, book, period, filters) above the table, one sheet.

A book of up to DIRECT_MAX rows is written at once; a longer one of this plugin's own (B.1 of a big nagari) by the
background job declared here, so the web worker keeps answering other clerks (as core/penduduk/ekspor.py does for
the resident list). Every file is one audit entry: who, which book, which filters, how many rows.
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from plugin_sdk import dokumen, log_change, register
from plugin_sdk.jobs import Job

from plugins.buku_administrasi.buku import Buku, Saringan, read
from plugins.buku_administrasi.penduduk import BUKU
from plugins.buku_administrasi.saring import read_filters

JOB = "buku_administrasi.ekspor"
FOLDER = "buku-administrasi"  # under the data folder's berkas/, like the other exports
DIRECT_MAX = 2000
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header_block(buku: Buku, saring: Saringan, profil: dict, jorong_nama: str, hari_ini: date) -> list[list]:
    desa = profil.get("sebutan_desa") or "Nagari"
    periode = saring.periode or (f"{hari_ini:%Y-%m} (bulan ini)" if buku.periode_wajib
                                 else f"keadaan per {hari_ini.isoformat()}")
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
    rows.append(["Dibuat tanggal", hari_ini.isoformat()])
    return rows


def _cell(value):
    return value.isoformat() if isinstance(value, date) else value


def table(buku: Buku, rows: list[dict]) -> list[list]:
    return [["No.", *(k.label for k in buku.kolom)],
            *([n, *(_cell(row.get(k.kunci)) for k in buku.kolom)] for n, row in enumerate(rows, 1))]


def write(target: Path | io.BytesIO, header: list[list], body: list[list]) -> None:
    # Inline strings: a name starting with "=" stays text in the spreadsheet (core.dokumen.xlsx).
    dokumen.write_xlsx(target, {"Buku": [*header, [], *body]})


def file_name(buku: Buku, saring: Saringan, hari_ini: date) -> str:
    return f"buku-{buku.slug}-{saring.periode or hari_ini.isoformat()}.xlsx"


async def jorong_name(jorong: int | None) -> str:
    if jorong is None:
        return ""
    return next((w["nama"] for w in await register.wilayah_rows() if w["id"] == jorong), "")


async def log_export(connection, buku: Buku, saring: Saringan, count: int, user: dict | None = None) -> None:
    """Names and NIKs leave the system in the file: one audit entry with the book and the filter."""
    await log_change(connection, "unduh", "buku_administrasi", buku.kode,
                     {"format": "xlsx", "saring": saring.as_query(), "baris": count}, user=user)


def folder(data_dir: Path) -> Path:
    path = Path(data_dir) / "berkas" / FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


async def export_job(ctx, buku: str, saring: dict, pengguna: str) -> dict:
    """The background job for a long book: the same filter, read as the user who asked may read it."""
    book = next(b for b in BUKU if b.slug == buku)
    profil = await register.stored_profile()
    await ctx.progress(0, 2, f"Membaca {book.kode} {book.judul}", force=True)
    async with register.user_scope(pengguna):
        chosen = await read_filters(book, saring, ctx.today, profil.get("sebutan_dusun") or "Jorong")
        hasil = await read(book, chosen)
        place = await jorong_name(chosen.jorong)
    await ctx.progress(1, 2, f"Menulis {hasil.jumlah} baris")
    target = folder(ctx.data_dir) / f"{ctx.kode}.xlsx"
    write(target, header_block(book, chosen, profil, place, ctx.today), table(book, hasil.baris))
    await log_export(None, book, chosen, hasil.jumlah, user={"id": None, "username": pengguna})
    return {"tautan": f"/admin/buku/unduhan/{ctx.kode}", "berkas": file_name(book, chosen, ctx.today),
            "baris": hasil.jumlah}


def jobs() -> list[Job]:
    return [Job(JOB, export_job)]
