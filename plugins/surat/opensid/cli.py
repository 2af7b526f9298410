"""`balai surat impor-opensid BERKAS.json`: the report first; `--terapkan` writes the templates that are ready.

Templates that need attention (codes Balai cannot fill) are written too with `--terima-perlu-perhatian`, as
inactive letter types. Refused templates and those imported before are never written.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import click


def _run_here(coro):
    """Run the command's coroutine on one loop, then close the database connections (as core commands do)."""
    from plugin_sdk.cli import booted_balai

    async def go():
        try:
            return await coro
        finally:
            await booted_balai().close()

    return asyncio.run(go())


# How the command runs its coroutine; the tables are already connected when a `balai` command runs. Tests run it on
# their own loop instead.
RUN = _run_here
USER = {"id": None, "username": "cli"}


def _report(results: list) -> None:
    from plugins.surat.opensid.terapkan import LABELS, summary

    for r in results:
        click.echo(f"{r.nomor:>3}. {r.nama} [{LABELS[r.status]}]" + (f" -> {r.kode}" if r.kode else ""))
        if r.alasan:
            click.echo(f"     Ditolak: {r.alasan}")
        for missing in r.tertinggal:
            click.echo(f"     Kode tanpa padanan {missing['kode']}: {missing['pesan']}")
        for note in r.catatan:
            click.echo(f"     Catatan: {note}")
    counts = summary(results)
    click.echo("Ringkasan: " + ", ".join(f"{counts[s]} {label.lower()}" for s, label in LABELS.items()) + ".")


@click.command(name="impor-opensid", help="Impor templat surat dari berkas ekspor OpenSID (JSON). Tanpa --terapkan "
                                          "hanya menampilkan laporan; tidak ada yang diubah.")
@click.argument("berkas", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--terapkan", is_flag=True, help="Buat jenis surat dari templat yang siap (semua atau tidak sama sekali).")
@click.option("--terima-perlu-perhatian", "terima", is_flag=True,
              help="Ikut buat templat yang masih punya kode tanpa padanan, sebagai jenis surat nonaktif.")
def impor_opensid(berkas: Path, terapkan: bool, terima: bool) -> None:
    from plugins.surat.opensid import berkas as berkas_mod
    from plugins.surat.opensid import terapkan as terapkan_mod

    try:
        results = terapkan_mod.convert_all(berkas.read_bytes())
    except berkas_mod.BukanEkspor as exc:
        raise click.ClickException(str(exc)) from None
    RUN(_check_then_apply(results, terapkan, terima))


async def _check_then_apply(results: list, apply: bool, accept: bool) -> None:
    from plugins.surat.opensid import terapkan as terapkan_mod
    from plugins.surat.opensid.ubah import PERHATIAN, SIAP

    _report(await terapkan_mod.mark_existing(results))
    if not apply:
        click.echo("Belum ada yang diubah. Jalankan lagi dengan --terapkan untuk membuat jenis suratnya.")
        return
    chosen = {r.kode for r in results if r.status == SIAP or (accept and r.status == PERHATIAN)}
    if not chosen:
        click.echo("Tidak ada templat yang dibuat.")
        return
    done = await terapkan_mod.apply(results, chosen, user=USER)
    click.echo(f"Dibuat {len(done['dibuat'])} jenis surat: {', '.join(done['dibuat']) or '-'}.")
    if done["dilewati"]:
        click.echo(f"Dilewati karena sudah ada: {', '.join(done['dilewati'])}.")
