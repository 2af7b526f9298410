"""`balai preset`: build a whole nagari from a preset's data files, list presets, export this nagari's setup."""

from __future__ import annotations

import click


@click.group(name="preset", help="Preset: bangun nagari utuh dari berkas data (pelatihan, replikasi).")
def group() -> None:
    pass
