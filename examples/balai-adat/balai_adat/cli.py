"""`balai adat-suku` (the suku, their kaum and penghulu) and `balai adat-contoh` (example data for a demo)."""

from __future__ import annotations

import asyncio

import click


@click.command(name="adat-suku", help="Cetak daftar suku dan kaum yang tercatat, dengan penghulunya.")
def adat_suku() -> None:
    from balai_adat.buku_suku import baris_buku

    rows = asyncio.run(baris_buku())
    for row in rows:
        click.echo("\t".join((row["suku"], row["kaum"] or "-", row["penghulu"])))
    click.echo(f"{sum(1 for r in rows if not r['kaum'])} suku tercatat.")


@click.command(name="adat-contoh", help="Isi contoh suku, kaum, penghulu dan tanah ulayat (hanya bila masih kosong).")
def adat_contoh() -> None:
    from plugin_sdk import register, today

    from balai_adat import contoh
    from balai_adat.ulayat import contoh as contoh_ulayat

    async def isi():
        return await contoh.isi(), await contoh_ulayat.isi(today(await register.stored_profile()))

    suku, tanah = asyncio.run(isi())
    click.echo(f"Contoh adat: {suku} suku dan {tanah} tanah ulayat dicatat." if suku or tanah
               else "Data adat sudah ada: tidak ada yang diubah.")
