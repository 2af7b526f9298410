"""`balai plugin new NAME`: scaffold a local innovation module (core/kerangka) in a folder of its own.

A command for module authors; it needs no database, so it never boots Balai.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from core.cli.common import fail


@click.group(name="plugin", help="(Pengembang) Alat untuk membuat modul inovasi lokal.")
def group() -> None:
    pass


@group.command(name="new", help="Buat kerangka modul baru NAMA (paket balai_NAMA) yang langsung lulus ujinya.")
@click.argument("nama")
@click.option("--folder", type=click.Path(path_type=Path, file_okay=True, dir_okay=True), default=None,
              help="Folder tujuan (bawaan ./balai-NAMA); harus belum ada atau kosong")
@click.option("--judul", default="", help="Judul modul untuk menu dan halaman (bawaan dari NAMA)")
@click.option("--penulis", default="Penulis modul", help="Nama penulis atau tim, tampil di `balai plugins`")
def new(nama: str, folder: Path | None, judul: str, penulis: str) -> None:
    from core.kerangka import KerangkaError, buat

    try:
        hasil = buat(nama, folder, judul, penulis)
    except KerangkaError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"Tidak dapat menulis modul: {exc.strerror or exc} ({exc.filename or ''}).")
    bin_ = Path(sys.executable).parent  # this Balai's environment, where the module is installed
    click.echo(f"Modul {nama} dibuat di {hasil}.")
    click.echo("Langkah berikutnya (lihat README.md di folder itu):")
    click.echo(f"  {bin_}/pip install --no-deps -e {hasil}")
    click.echo(f"  {bin_}/balai plugins enable {nama}")
    click.echo(f"  cd {hasil} && {bin_}/pytest -q")
