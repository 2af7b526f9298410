"""The export job: a book as XLSX or PDF, written in `balai worker` (or the CLI) so the web worker keeps answering.

The job reads the book as the user who asked may read it (their jorong scope), writes to a temporary file and
renames it only when complete (a failed or stopped job leaves no half-written file), and is one audit entry.
Finished files are kept KEEP_DAYS days for download, then removed by the daily task `buku_administrasi.bersihkan`.
"""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from plugin_sdk import dokumen, register
from plugin_sdk.dokumen import tanggal_panjang
from plugin_sdk.jobs import Jadwal, Job, JobFailed

from plugins.buku_administrasi import ekspor
from plugins.buku_administrasi.buku import BukuError, find_book, read, summary
from plugins.buku_administrasi.pdf import write_pdf
from plugins.buku_administrasi.saring import read_filters

JOB = "buku_administrasi.ekspor"
FOLDER = "buku-administrasi"  # under the data folder's berkas/, like the other exports
KEEP_DAYS = 7
PAPERS = tuple(dokumen.PAPER)
MAX_SIGNERS = 3


def folder(data_dir: Path) -> Path:
    path = Path(data_dir) / "berkas" / FOLDER
    path.mkdir(parents=True, exist_ok=True)
    return path


def kept_since() -> datetime:
    return datetime.now(timezone.utc) - timedelta(days=KEEP_DAYS)


async def signature_blocks(ids, profil: dict) -> list:
    """The blocks of the chosen officials (a.n./u.b. as each signs); BukuError for one who may not sign."""
    blocks = []
    for official in list(dict.fromkeys(int(i) for i in ids))[:MAX_SIGNERS]:
        try:
            blocks.append(await dokumen.block_for(official, profil))
        except ValueError as exc:
            raise BukuError(f"Penanda tangan tidak sah: {exc}") from None
    return blocks


async def export_job(ctx, buku: str, saring: dict, pengguna: str, format: str = "xlsx", kertas: str = "A4",
                     ttd: list | None = None) -> dict:
    profil = await register.stored_profile()
    if format not in ekspor.FORMATS or kertas not in PAPERS:
        raise JobFailed("Format atau ukuran kertas tidak dikenal.")
    try:
        book = await find_book(ctx, buku)
        await ctx.progress(0, None, f"Membaca {book.kode} {book.judul}", force=True)
        async with register.user_scope(pengguna):
            chosen = await read_filters(book, saring, ctx.today, profil.get("sebutan_dusun") or "Jorong")
            hasil = await read(book, chosen)
            totals = await summary(book, chosen)
            place = await ekspor.jorong_name(chosen.jorong)
        blocks = await signature_blocks(ttd or [], profil) if format == "pdf" else []
    except BukuError as exc:
        raise JobFailed(str(exc)) from None
    header = ekspor.header_block(book, chosen, profil, place, ctx.today)
    final = folder(ctx.data_dir) / f"{ctx.kode}.{format}"
    partial = final.with_name(final.name + ".sebagian")
    try:
        await ctx.progress(0, hasil.jumlah, f"Menulis {hasil.jumlah} baris", force=True)
        if format == "xlsx":
            ekspor.write_xlsx(partial, book, header, hasil.baris, totals)
            pages = None
        else:
            place_date = f"{profil.get('nama', '')}, {tanggal_panjang(ctx.today)}".strip(", ")
            pages = await _pdf(ctx, partial, book, header, hasil, totals, profil, kertas, blocks, place_date)
        partial.replace(final)
    except OSError as exc:  # the disk is full or the data folder read-only: say so, not "a server error"
        raise JobFailed(f"Berkas tidak dapat ditulis ke folder data ({exc.strerror or exc}). Periksa ruang disk "
                        "server, lalu buat lagi.") from None
    finally:
        partial.unlink(missing_ok=True)
    await ekspor.log_export(None, book, chosen, hasil.jumlah, user={"id": None, "username": pengguna}, fmt=format)
    return {"tautan": f"/admin/buku/unduhan/{ctx.kode}", "berkas": ekspor.file_name(book, chosen, ctx.today, format),
            "baris": hasil.jumlah, "format": format, "halaman": pages}


async def _pdf(ctx, target: Path, book, header, hasil, totals, profil: dict, kertas: str, blocks,
               place_date: str) -> int:
    """ReportLab lays the pages out in a thread; its progress reaches the job's bar (and a cancel request the
    layout) through the job's own event loop."""
    loop = asyncio.get_running_loop()
    kop = dokumen.letterhead(ctx)

    def progress(done: int, total: int) -> None:
        asyncio.run_coroutine_threadsafe(ctx.progress(done, total, f"Menata halaman: {done} dari {total} baris"),
                                         loop).result()

    return await asyncio.to_thread(
        write_pdf, target, kop=kop, judul=f"{book.kode} {book.judul.upper()}", kepala=header, kolom=book.kolom,
        baris=ekspor.printed(book, hasil.baris), ringkasan=[ekspor.printed_summary(r) for r in totals],
        kertas=kertas, tanda_tangan=blocks, tempat_tanggal=place_date,
        progress=progress, jumlah=hasil.jumlah)


async def clean(ctx) -> None:
    """Remove files older than KEEP_DAYS (and any partial file a killed worker left)."""
    limit = time.time() - KEEP_DAYS * 86400
    for path in folder(ctx.data_dir).iterdir():
        if path.is_file() and (path.stat().st_mtime < limit or path.name.endswith(".sebagian")
                               and path.stat().st_mtime < time.time() - 86400):
            path.unlink(missing_ok=True)


def jobs() -> list[Job]:
    return [Job(JOB, export_job)]


def schedule() -> list[Jadwal]:
    return [Jadwal("buku_administrasi.bersihkan", clean, setiap="harian 03:00")]
