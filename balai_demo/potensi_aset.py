"""The demo nagari's profile and assets, for code that builds a demo part by part (the satu_data tests' helper):
the demo preset's own sections (balai_demo/preset/potensi/ and aset/) applied through the plugins' preset code, so
the data lives in one place. `balai demo` applies them as part of the preset.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

PRESET = Path(__file__).resolve().parent / "preset"


async def _bagian(request, nama: str, today: date | None) -> None:
    import importlib

    from plugin_sdk.preset import KonteksPreset

    preset = importlib.import_module(f"plugins.{nama}.preset")
    konteks = KonteksPreset(request=request, hari_ini=today or date.today(), benih=1, folder=PRESET)
    await preset.terapkan(konteks, PRESET / nama)


async def buat_potensi(request, today: date | None = None) -> None:
    """Last year's profile (and a few figures of the two years before), its published indicators and two photos.
    `request`: a stand-in request that answers `emit` (a plugin's indicator counts) and reaches the file store."""
    await _bagian(request, "potensi", today)


async def buat_aset(request, today: date | None = None, *, keuangan: bool = False) -> None:
    """About a dozen assets across the classes A-F with a change of condition and a sale; linked to the APB Desa's
    activities when `keuangan` is enabled for `request` (the section asks; `keuangan` is kept for old callers)."""
    await _bagian(request, "aset", today)
