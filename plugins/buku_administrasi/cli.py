"""`balai buku daftar` and `balai buku ekspor B1 --format pdf --tahun 2026 ...`: the pages' export job, run here
with a progress bar, the file copied where asked."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import click

from plugins.buku_administrasi import tugas


def _books() -> list:
    from plugin_sdk.cli import CommandContext, booted_balai

    from plugins.buku_administrasi.buku import all_books

    balai = booted_balai()

    async def go():
        try:
            return await all_books(CommandContext(balai))
        finally:
            await balai.close()

    return asyncio.run(go())


@click.group(name="buku", help="Buku Administrasi Desa (Permendagri 47/2016).")
def buku_group() -> None:
    pass


@buku_group.command(name="daftar", help="Daftar buku yang tersedia.")
def list_books() -> None:
    for buku in _books():
        click.echo(f"{buku.kode:6} {buku.judul}")


@buku_group.command(name="ekspor", help="Tulis satu buku ke berkas PDF atau XLSX, mis. balai buku ekspor B1 "
                                        "--format pdf --tahun 2026 --keluar buku-induk.pdf")
@click.argument("kode")
@click.option("--format", "fmt", type=click.Choice(["pdf", "xlsx"]), default="pdf", show_default=True)
@click.option("--tahun", type=int, help="Tahun periode, mis. 2026")
@click.option("--bulan", type=click.IntRange(1, 12), help="Bulan periode (1-12), bersama --tahun")
@click.option("--jorong", help="Nomor (id) jorong; kosong: semua")
@click.option("--cari", default="", help="Nama, atau awal NIK / No. KK")
@click.option("--samarkan", is_flag=True, help="NIK dan No. KK hanya 6 angka pertama (untuk papan pengumuman)")
@click.option("--kertas", type=click.Choice(list(tugas.PAPERS)), default="A4", show_default=True)
@click.option("--ttd", multiple=True, type=int, help="Id pejabat penanda tangan (boleh sampai 3 kali)")
@click.option("--keluar", type=click.Path(dir_okay=False, path_type=Path), help="Berkas tujuan")
def export_book(kode: str, fmt: str, tahun: int | None, bulan: int | None, jorong: str | None, cari: str,
                samarkan: bool, kertas: str, ttd: tuple[int, ...], keluar: Path | None) -> None:
    from plugin_sdk.cli import booted_balai, run_job

    slug = kode.replace(".", "").lower()
    if bulan and not tahun:
        raise click.BadParameter("--bulan butuh --tahun.", param_hint="--bulan")
    book = next((b for b in _books() if b.slug == slug), None)
    if book is None:
        raise click.ClickException(f"Buku \u201c{kode}\u201d tidak dikenal. Lihat: balai buku daftar")
    periode = f"{tahun:04d}-{bulan:02d}" if bulan else (f"{tahun:04d}" if tahun else "")
    saring = {"periode": periode, "jorong": jorong or "", "cari": cari, "samarkan": "1" if samarkan else ""}
    row = run_job(tugas.JOB, f"{book.kode} {book.judul}",
                  {"buku": slug, "saring": {k: v for k, v in saring.items() if v}, "pengguna": "",
                   "format": fmt, "kertas": kertas, "ttd": list(ttd)})
    made = tugas.folder(booted_balai().settings.data_dir) / f"{row['kode']}.{fmt}"
    target = keluar or Path(row["hasil"]["berkas"])
    shutil.copyfile(made, target)
    pages = f", {row['hasil']['halaman']} halaman" if row["hasil"].get("halaman") else ""
    click.echo(f"{row['hasil']['baris']} baris{pages} ditulis ke {target}.")
