"""`balai sync ...`: the sync from the command line (status, USB export on a node, USB import at the hub)."""

from __future__ import annotations

import click


@click.group(help="Sinkron data nagari ke hub kabupaten.")
def sync() -> None:
    pass
