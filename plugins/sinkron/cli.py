"""`balai sync ...`: the sync from the command line (status, USB export on a node, USB import at the hub)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click


def _jalankan(fn):
    """Run `fn()` (a coroutine function) against the installation's database, then close it."""
    from plugin_sdk.cli import booted_balai

    balai = booted_balai()

    async def go():
        try:
            return await fn()
        finally:
            await balai.close()

    return asyncio.run(go())


def _gagal(pesan: str):
    """Stop with the message in Indonesian and exit status 1 (as the kernel's commands do)."""
    click.echo(pesan if pesan.startswith("Gagal") else f"Galat: {pesan}", err=True)
    raise SystemExit(1)


@click.group(help="Sinkron data nagari ke hub kabupaten.")
def sync() -> None:
    pass


@sync.command(name="status", help="Keadaan sinkron: hub tujuan, batch tertunda, terkirim, diakui, gagal.")
def status() -> None:
    from plugins.sinkron.node.teks import teks_status

    click.echo(_jalankan(teks_status))


@sync.command(name="ekspor", help="Tulis semua batch yang belum diakui hub ke BERKAS (untuk dibawa dengan "
                                  "flashdisk ke Diskominfo kabupaten).")
@click.argument("berkas", type=click.Path(dir_okay=False, path_type=Path))
def ekspor(berkas: Path) -> None:
    from plugins.sinkron.node.teks import alasan_tanpa_ekspor, siapkan_berkas

    def tulis(teks: str) -> None:
        berkas.write_text(teks, encoding="utf-8")

    async def go():
        alasan = await alasan_tanpa_ekspor()
        return (alasan, 0) if alasan else ("", (await siapkan_berkas(tulis=tulis))[1])

    try:
        alasan, jumlah = _jalankan(go)
    except OSError as e:  # nothing is marked as carried on a file that was never written
        _gagal(f"Tidak dapat menulis {berkas}: {e.strerror}")
    if alasan:  # a file the hub would refuse, or apply wrongly, is not written at all
        _gagal(alasan)
    click.echo(f"{jumlah} batch ditulis ke {berkas}." if jumlah else
               f"Tidak ada batch yang belum diakui hub; {berkas} hanya berisi kepala berkas.")


@sync.command(name="impor", help="(Hub kabupaten) Terapkan berkas sinkron dari flashdisk sebuah nagari.")
@click.argument("berkas", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def impor(berkas: Path) -> None:
    from plugin_sdk import role

    from plugins.sinkron.hub.terima import impor_berkas

    if role() != "hub":
        _gagal("Impor berkas sinkron hanya dilakukan di hub kabupaten (balai serve --role hub).")
    ok, pesan = _jalankan(lambda: impor_berkas(berkas))
    if not ok:  # a refused file, or one applied only in part: exit status 1, the reason on stderr
        _gagal(pesan)
    click.echo(pesan)
