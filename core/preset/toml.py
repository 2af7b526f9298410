"""Reading and writing the TOML files of a preset, for the engine and for every plugin's section (plugin_sdk.preset).

Reading names the file in its message (a trainer fixes the file it names); writing uses tomli-w, with an optional
comment on top. None values are left out (TOML has no null).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from core.preset.bantu import GalatPreset


def baca_toml(path: Path, nama: str | None = None, *, wajib: bool = False) -> dict:
    """The TOML file at `path` as a dict; ``{}`` when it does not exist (refused when `wajib`). A file that is not
    TOML raises GalatPreset, a ValueError, naming it (`nama`, e.g. "surat/jenis.toml", or the file's name)."""
    if not path.is_file():
        if wajib:
            raise GalatPreset(f"{nama or path.name}: berkas tidak ada.")
        return {}
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise GalatPreset(f"{nama or path.name} tidak dapat dibaca: {exc}") from None


def _tanpa_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _tanpa_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, (list, tuple)):
        return [_tanpa_none(v) for v in value if v is not None]
    return value


def tulis_toml(data: dict, judul: str = "") -> str:
    """`data` as TOML text; `judul` becomes comment lines on top."""
    kepala = "".join(f"# {line}\n" for line in judul.splitlines())
    return kepala + tomli_w.dumps(_tanpa_none(data))
