"""`balai impor penduduk FILE [--commit]` and `balai ekspor penduduk FILE`: the same jobs, with a progress bar."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

import click

from plugins.impor import ekspor


def _booted():
    from plugin_sdk.cli import booted_balai

    return booted_balai()


def _run(kind: str, title: str, params: dict) -> dict:
    from plugin_sdk.cli import run_job

    return run_job(kind, title, params)


@click.group(name="impor", help="Impor data dari OpenSID atau lembar kerja.")
def impor_group() -> None:
    pass


@impor_group.command(name="penduduk", help="Periksa (dan dengan --commit terapkan) lembar kerja penduduk OpenSID.")
@click.argument("berkas", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--commit", is_flag=True, help="Terapkan setelah diperiksa (semua atau tidak sama sekali)")
def import_residents(berkas: Path, commit: bool) -> None:
    from plugins.impor.tugas import folder

    suffix = {"xlsm": "xlsx"}.get(berkas.suffix.lower().lstrip("."), berkas.suffix.lower().lstrip("."))
    stored = f"{secrets.token_urlsafe(12)}.{suffix}"
    shutil.copyfile(berkas, folder(_booted().settings.data_dir) / stored)
    row = _run("impor.periksa", f"Memeriksa {berkas.name}", {"berkas": stored, "nama": berkas.name})
    s = row["hasil"]
    click.echo(f"{s['baris']} baris: {s['baru']} baru, {s['diubah']} diperbarui, {s['sama']} sama, "
               f"{s['ditolak']} ditolak, {s['peringatan']} peringatan.")
    report = folder(_booted().settings.data_dir) / f"{row['kode']}.json"
    import json

    for problem in json.loads(report.read_text())["masalah"][:50]:
        click.echo(f"  baris {problem['baris']}, {problem['kolom']}: {problem['pesan']} ({problem['jenis']})")
    if not commit:
        click.echo("Belum ada yang diubah. Jalankan lagi dengan --commit untuk menerapkan.")
        return
    done = _run("impor.terapkan", f"Menerapkan {berkas.name}",
                {"berkas": stored, "nama": berkas.name, "periksa": row["kode"], "pengguna": "cli"})
    d = done["hasil"]
    click.echo(f"Diterapkan: {d['penduduk_baru']} penduduk baru, {d['keluarga_baru']} keluarga baru, "
               f"{d['penduduk_diubah']} diperbarui.")


@click.group(name="ekspor", help="Ekspor register penduduk.")
def ekspor_group() -> None:
    pass


@ekspor_group.command(name="penduduk", help="Tulis register penduduk ke BERKAS.")
@click.argument("berkas", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(sorted(ekspor.FORMATS)), default="opensid-xlsx", show_default=True)
def export_residents(berkas: Path, fmt: str) -> None:
    from plugins.impor.tugas import folder

    row = _run("impor.ekspor", f"Ekspor {ekspor.FORMATS[fmt][0]}", {"format": fmt})
    shutil.copyfile(folder(_booted().settings.data_dir) / row["hasil"]["berkas"], berkas)
    click.echo(f"{row['hasil']['penduduk']} penduduk ditulis ke {berkas}.")
