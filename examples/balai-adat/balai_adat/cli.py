"""`balai adat-suku`: the suku, their kaum and penghulu on the command line."""

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
