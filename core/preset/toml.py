"""Writing the small TOML files of a preset (tomllib only reads; tomli-w is not a runtime dependency).

Enough for preset files: top-level keys, tables, tables of tables and arrays of tables, holding strings, numbers,
booleans, dates and lists of those. Strings are written as JSON strings, which are valid TOML basic strings.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _kunci(key: str) -> str:
    return key if BARE.match(key) else json.dumps(key, ensure_ascii=False)


def _nilai(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_nilai(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_kunci(k)} = {_nilai(v)}" for k, v in value.items() if v is not None) + " }"
    return json.dumps(str(value), ensure_ascii=False)


def _tabel_larik(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and bool(value) and all(isinstance(v, dict) for v in value)


def _tulis(data: dict, awalan: str, baris: list[str]) -> None:
    for key, value in data.items():
        if value is not None and not isinstance(value, dict) and not _tabel_larik(value):
            baris.append(f"{_kunci(key)} = {_nilai(value)}")
    for key, value in data.items():
        nama = f"{awalan}{_kunci(key)}"
        if isinstance(value, dict):
            baris.extend(["", f"[{nama}]"])
            _tulis(value, f"{nama}.", baris)
        elif _tabel_larik(value):
            for item in value:
                baris.extend(["", f"[[{nama}]]"])
                _tulis(item, f"{nama}.", baris)


def tulis_toml(data: dict, judul: str = "") -> str:
    """`data` as TOML text; `judul` becomes a comment line on top. None values are left out."""
    baris = [f"# {line}" for line in judul.splitlines()]
    _tulis(data, "", baris)
    return "\n".join(baris).lstrip("\n") + "\n"
