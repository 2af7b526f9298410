"""The demo nagari's open data, for tests that build a nagari outside `balai demo`: the demo preset's `satu_data`
section (balai_demo/preset/satu_data/dataset.toml: every dataset chosen for monthly release, published for the
month that closed last and for this month so far). `balai demo` applies that section through the preset engine."""

from __future__ import annotations

from pathlib import Path

from plugin_sdk import register, today

from plugins.satu_data.preset import pilih_dan_terbitkan

FOLDER = Path(__file__).resolve().parent / "preset" / "satu_data"


async def terbitkan_semua(ctx) -> list:
    """Choose and publish every dataset; returns the outcomes of both releases."""
    return await pilih_dan_terbitkan(ctx, FOLDER, today(await register.stored_profile()))
