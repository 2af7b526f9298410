"""Finding presets: by name through the `balai.presets` entry-point group, or by the path of a folder."""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from pathlib import Path

from core.preset.berkas import PresetError

GROUP = "balai.presets"
# The built-in demo preset, found even before the package's entry points are (re)installed.
BAWAAN = {"demo": "balai_demo.preset"}


def _folder_modul(modul: str) -> Path:
    module = importlib.import_module(modul)
    berkas = getattr(module, "__file__", None)
    if berkas is None:  # a namespace package: its first folder
        return Path(next(iter(module.__path__)))
    return Path(berkas).parent


def terdaftar() -> dict[str, str]:
    """Name -> module of every registered preset."""
    found = dict(BAWAAN)
    found.update({ep.name: ep.value for ep in entry_points(group=GROUP)})
    return found


def cari(nama_atau_path: str | Path) -> Path:
    """The folder of a preset given by its registered name or a path to its folder."""
    daftar = terdaftar()
    if str(nama_atau_path) in daftar:
        try:
            folder = _folder_modul(daftar[str(nama_atau_path)])
        except Exception as exc:  # a broken package must not look like a missing preset
            raise PresetError(f"Preset {nama_atau_path!r} gagal dimuat: {type(exc).__name__}: {exc}") from None
    else:
        folder = Path(nama_atau_path)
        if not folder.is_dir():
            pilihan = ", ".join(sorted(daftar)) or "tidak ada"
            raise PresetError(f"Preset {str(nama_atau_path)!r} tidak dikenal (terpasang: {pilihan}) dan bukan folder.")
    if not (folder / "preset.toml").is_file():
        raise PresetError(f"Preset {str(nama_atau_path)!r}: tidak ada preset.toml di {folder}.")
    return folder
