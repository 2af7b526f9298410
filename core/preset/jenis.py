"""The contract between the preset engine and the plugins that take part in a preset (plugin_sdk.preset).

A plugin answers the hook `balai_preset_bagian()` with `BagianPreset` objects: how to apply its section of a preset
(the files in `<preset>/<nama>/`) and how to export its configuration into such a folder.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Awaitable, Callable

Terapkan = Callable[["KonteksPreset", Path], Awaitable[None]]


@dataclass(frozen=True)
class BagianPreset:
    """One section of a preset, normally named after the plugin: `terapkan` reads ``<preset>/<nama>/`` (called only
    when that folder exists) and writes the plugin's data; `ekspor` writes the plugin's configuration into an empty
    folder (never a resident, a key, a secret or a password hash), or is None when there is nothing to carry."""

    nama: str
    terapkan: Terapkan
    ekspor: Terapkan | None = None
    urutan: int = 500  # lower first; the kernel's own sections (profile, regions, residents, users) come before all
    judul: str = ""


@dataclass
class KonteksPreset:
    """What a section's functions get besides their folder."""

    request: Any  # a stand-in request for SDK functions that need one (audit entries carry no user)
    hari_ini: date  # the day the preset is applied: every date in a preset is relative to it
    benih: int  # the preset's seed: the same preset gives the same nagari
    folder: Path  # the whole preset
    pengguna: dict[str, int] = field(default_factory=dict)  # username -> user id, of the users the preset made
    peserta: list[str] = field(default_factory=list)  # the trainees' usernames (peserta01, ...)
    sandi_latihan: str = ""  # the trainees' password, written in the preset (a training room's, not a secret)
    catatan: list[str] = field(default_factory=list)

    def rng(self, nama: str) -> random.Random:
        """A random generator of its own for `nama`: a section's draws never shift another's."""
        return random.Random(f"{self.benih}:{nama}")

    def catat(self, teks: str) -> None:
        """A progress line shown by `balai preset apply`."""
        self.catatan.append(teks)
