"""The code lists of the register (Dukcapil/SIAK codes, as OpenSID uses them), shipped as seed data.

Store the codes, show the labels. Labels in the files are upper case; they are shown
in title case, keeping abbreviations (WNI, SD, BPJS) as they are.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "data" / "kode"

# field of the register -> file of codes
LISTS = {
    "jenis_kelamin": "jenis_kelamin", "agama": "agama", "hubungan": "hubungan_keluarga",
    "status_kawin": "status_kawin", "pendidikan_kk": "pendidikan_kk", "pendidikan_sedang": "pendidikan_sedang",
    "pekerjaan": "pekerjaan", "golongan_darah": "golongan_darah", "cacat": "cacat", "sakit_menahun": "sakit_menahun",
    "cara_kb": "cara_kb", "asuransi": "asuransi", "status_ktp": "status_ktp", "kewarganegaraan": "kewarganegaraan",
    "status_dasar": "status_dasar", "status_penduduk": "status_penduduk", "kelas_sosial": "kelas_sosial_keluarga",
    "hamil": "hamil", "bahasa_huruf": "bahasa_huruf", "jenis_pindah": "jenis_pindah",
}
KEEP_UPPER = {"WNI", "WNA", "SD", "SLTP", "SLTA", "BPJS", "PBI", "KB", "IUD", "MOW", "MOP", "TNI", "POLRI", "PNS",
              "DPR", "DPD", "BPK", "DPRD", "YME", "KTP", "KTP-EL", "AB", "I", "II", "III", "IV", "DIII", "S1", "S2",
              "S3", "HIV/AIDS", "TBC", "RI"}


def _title(label: str) -> str:
    if label != label.upper():
        return label
    return re.sub(r"[A-Z][A-Z-]*", lambda m: m.group(0) if m.group(0) in KEEP_UPPER else m.group(0).capitalize(), label)


@lru_cache(maxsize=None)
def rows(name: str) -> tuple[dict, ...]:
    with (FOLDER / f"{LISTS.get(name, name)}.csv").open(encoding="utf-8") as handle:
        return tuple({**row, "id": int(row["id"])} for row in csv.DictReader(handle))


@lru_cache(maxsize=None)
def labels(name: str) -> dict[int, str]:
    """{code: label} for one field, e.g. labels("agama")[1] == "Islam"."""
    return {row["id"]: _title(row["nama"]) for row in rows(name)}


def label(name: str, code: int | None) -> str:
    return labels(name).get(code, "") if code is not None else ""


def valid(name: str, code) -> bool:
    try:
        return int(code) in labels(name)
    except (TypeError, ValueError):
        return False
