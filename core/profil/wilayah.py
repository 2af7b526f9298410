"""Kemendagri region codes: validation and the pick-list of the shipped kabupaten.

Codes are PP.KK.CC.DDDD (stored undotted, 10 digits). BPS codes are a different
scheme and are never accepted here.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "wilayah-lima-puluh-kota.csv"
CODE = re.compile(r"^(\d{2})\.?(\d{2})\.?(\d{2})\.?(\d{4})$")
KABUPATEN = re.compile(r"^(\d{2})\.?(\d{2})$")  # a kabupaten hub's own code (PP.KK)


def normalise(code: str) -> str | None:
    """'13.07.05.2001' or '1307052001' -> '1307052001'; None when it is not a village code."""
    match = CODE.match(code.strip())
    return "".join(match.groups()) if match else None


def normalise_kabupaten(code: str) -> str | None:
    """'13.07' or '1307' -> '1307'; None when it is not a kabupaten/kota code."""
    match = KABUPATEN.match(code.strip())
    return "".join(match.groups()) if match else None


def dotted(code: str) -> str:
    return f"{code[:2]}.{code[2:4]}.{code[4:6]}.{code[6:]}" if len(code) == 10 else code


def kind(code: str) -> str:
    """desa, kelurahan or desa adat, from the first digit of the village part."""
    return {"1": "kelurahan", "2": "desa", "3": "desa adat"}.get(code[6:7], "tidak dikenal")


@lru_cache(maxsize=1)
def _rows() -> list[dict]:
    return list(csv.DictReader(DATA.open(encoding="utf-8")))


@lru_cache(maxsize=1)
def known_kabupaten() -> dict[str, dict]:
    """Every kabupaten in the shipped list, keyed by undotted code: the names a hub's profile takes."""
    return {r["kode"].replace(".", ""): {"kode": r["kode"], "nama": r["nama"].removeprefix("Kabupaten "),
                                         "kabupaten": r["nama"].removeprefix("Kabupaten "),
                                         "provinsi": "Sumatera Barat"}
            for r in _rows() if r["tingkat"] == "kabupaten"}


@lru_cache(maxsize=1)
def known() -> dict[str, dict]:
    """Every nagari in the shipped list, keyed by undotted code, with kecamatan and kabupaten names."""
    rows = _rows()
    names = {r["kode"]: r["nama"] for r in rows}
    result = {}
    for r in rows:
        if r["tingkat"] != "nagari":
            continue
        kec = r["kode_induk"]
        kab = kec.rsplit(".", 1)[0]
        result[r["kode"].replace(".", "")] = {
            "kode": r["kode"], "nama": r["nama"], "kecamatan": names.get(kec, ""),
            "kabupaten": names.get(kab, "").removeprefix("Kabupaten "), "provinsi": "Sumatera Barat",
        }
    return result
