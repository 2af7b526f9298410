"""Letter types: their extra fields, paper, and the built-in set shipped in `bawaan/`."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date
from pathlib import Path

from plugin_sdk.dokumen import Halaman, tanggal_panjang

from plugins.surat.tables import JenisSurat

BAWAAN = Path(__file__).parent / "bawaan"
KINDS = {"teks": "Teks", "angka": "Angka", "tanggal": "Tanggal", "pilihan": "Pilihan", "teks_panjang": "Teks panjang"}
SUBJECTS = {"penduduk": "Penduduk nagari", "penduduk_atau_luar": "Penduduk nagari atau orang luar (diisi manual)"}
KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
TEXT_LIMIT = {"teks": 200, "teks_panjang": 2000, "pilihan": 200}


def fields(row: dict) -> list[dict]:
    """The extra field definitions (stored as JSON; a list while a form is being edited)."""
    value = row.get("isian") or "[]"
    return value if isinstance(value, list) else json.loads(value)


def halaman(row: dict) -> Halaman:
    margin = tuple(int(x) for x in (row["margin"] or "15,20,15,25").split(","))
    return Halaman(kertas=row["kertas"], margin=margin)


def requirements(row: dict) -> list[str]:
    return [line.strip() for line in (row["persyaratan"] or "").splitlines() if line.strip()]


def clean_values(defs: list[dict], form: dict) -> tuple[dict, dict]:
    """The extra fields from a form: (values, errors by field key). Dates as ISO, numbers as int."""
    values, errors = {}, {}
    for field in defs:
        key, label = field["kunci"], field["label"]
        raw = (form.get(f"isian_{key}") or "").strip()
        if not raw:
            if field.get("wajib"):
                errors[key] = f"{label} wajib diisi."
            values[key] = ""
            continue
        kind = field.get("jenis", "teks")
        if kind == "angka":
            digits = raw.replace(".", "").replace(",", "").replace(" ", "")
            if not digits.isdigit():
                errors[key] = f"{label} harus berupa angka."
            else:
                values[key] = int(digits)
            continue
        if kind == "tanggal":
            try:
                values[key] = date.fromisoformat(raw).isoformat()
            except ValueError:
                errors[key] = f"{label} harus tanggal yang valid (TTTT-BB-HH)."
            continue
        if kind == "pilihan" and raw not in field.get("pilihan", []):
            errors[key] = f"{label}: pilih salah satu pilihan yang tersedia."
            continue
        if len(raw) > TEXT_LIMIT.get(kind, 200):
            errors[key] = f"{label} terlalu panjang (maksimal {TEXT_LIMIT.get(kind, 200)} karakter)."
            continue
        values[key] = raw
    return values, errors


def formatted(defs: list[dict], values: dict) -> dict:
    """Values as a letter prints them: long dates, numbers with thousand dots."""
    out = {}
    for field in defs:
        value = values.get(field["kunci"], "")
        if value != "" and field.get("jenis") == "tanggal":
            value = tanggal_panjang(date.fromisoformat(value))
        elif value != "" and field.get("jenis") == "angka":
            value = f"{int(value):,}".replace(",", ".")
        out[field["kunci"]] = value
    return out


def parse_field_rows(form: dict) -> tuple[list[dict], list[str]]:
    """The field editor's rows (isian-N-kunci, -label, -jenis, -wajib, -pilihan) into definitions."""
    defs, problems, seen = [], [], set()
    index = 0
    while f"isian-{index}-kunci" in form:
        key = (form.get(f"isian-{index}-kunci") or "").strip()
        label = (form.get(f"isian-{index}-label") or "").strip()
        kind = form.get(f"isian-{index}-jenis") or "teks"
        index += 1
        if not key and not label:
            continue
        if not KEY.match(key):
            problems.append(f"Kunci isian {key!r} harus huruf kecil, angka atau _, diawali huruf.")
            continue
        if key in seen or key == "keperluan":
            problems.append(f"Kunci isian {key!r} dipakai lebih dari sekali atau sudah tersedia.")
            continue
        if kind not in KINDS:
            problems.append(f"Jenis isian {kind!r} tidak dikenal.")
            continue
        seen.add(key)
        field = {"kunci": key, "label": label or key, "jenis": kind,
                 "wajib": form.get(f"isian-{index - 1}-wajib") in ("1", "on")}
        if kind == "pilihan":
            field["pilihan"] = [c.strip() for c in (form.get(f"isian-{index - 1}-pilihan") or "").split(";")
                                if c.strip()]
            if len(field["pilihan"]) < 2:
                problems.append(f"Isian {label or key}: tulis paling sedikit dua pilihan, dipisah titik koma.")
                continue
        defs.append(field)
    return defs, problems


def builtin() -> list[dict]:
    """The shipped letter types as table rows (templates read from bawaan/<kode>.html)."""
    with (BAWAAN / "jenis.toml").open("rb") as handle:
        entries = tomllib.load(handle)["jenis"]
    rows = []
    for entry in entries:
        rows.append({
            "kode": entry["kode"], "nama": entry["nama"], "kode_klasifikasi": entry["kode_klasifikasi"],
            "subjek": entry["subjek"], "orang_tua": entry.get("orang_tua", False),
            "pasangan": entry.get("pasangan", False), "isian": json.dumps(entry.get("isian", [])),
            "persyaratan": "\n".join(entry.get("persyaratan", [])),
            "template": (BAWAAN / f"{entry['kode']}.html").read_text(encoding="utf-8"),
            "masa_berlaku_hari": entry.get("masa_berlaku_hari", 30), "kertas": entry.get("kertas", "F4"),
            "persetujuan": entry.get("persetujuan", False),
        })
    return rows


async def seed_builtin() -> int:
    """Add the shipped types that are missing (by kode); operators' edits are never overwritten."""
    existing = {r["kode"] for r in await JenisSurat.select(JenisSurat.kode).run()}
    missing = [JenisSurat(**row) for row in builtin() if row["kode"] not in existing]
    if missing:
        await JenisSurat.insert(*missing).run()
    return len(missing)
