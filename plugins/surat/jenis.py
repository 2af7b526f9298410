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
KINDS = {"teks": "Teks", "angka": "Angka", "tanggal": "Tanggal", "pilihan": "Pilihan", "teks_panjang": "Teks panjang",
         "daftar": "Daftar (satu baris per orang/barang, kolom dipisah titik koma)"}
SUBJECTS = {"penduduk": "Penduduk nagari", "penduduk_atau_luar": "Penduduk nagari atau orang luar (diisi manual)"}
KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
TEXT_LIMIT = {"teks": 200, "teks_panjang": 2000, "pilihan": 200}
LIST_ROWS = 50  # rows of a `daftar` field: heirs, witnesses, family members moving; far more than any letter lists


def fields(row: dict) -> list[dict]:
    """The extra field definitions (stored as JSON; a list while a form is being edited)."""
    value = row.get("isian") or "[]"
    return value if isinstance(value, list) else json.loads(value)


def roles(row: dict) -> list[dict]:
    """The further persons of a letter type (spouse-to-be, buyer, witnesses): [{kunci, label, orang_tua, wajib}]."""
    value = row.get("peran") or "[]"
    return value if isinstance(value, list) else json.loads(value)


def columns(field: dict) -> list[dict]:
    """A `daftar` field's columns, [{kunci, label}]."""
    return field.get("kolom") or [{"kunci": "isi", "label": field["label"]}]


def _list_value(field: dict, raw: str) -> tuple[list[dict], str]:
    """A `daftar` field typed one row per line, columns split by ";": (rows, problem or "")."""
    cols = columns(field)
    rows = []
    for number, line in enumerate((ln for ln in raw.splitlines() if ln.strip()), start=1):
        cells = [c.strip() for c in line.split(";")]
        while len(cells) > len(cols) and not cells[-1]:
            cells.pop()  # a trailing ";" is harmless
        if len(cells) > len(cols) or not cells[0]:
            names = "; ".join(c["label"] for c in cols)
            return [], (f"{field['label']} baris {number}: tulis paling banyak {len(cols)} kolom dipisah titik koma, "
                        f"diawali {cols[0]['label'].lower()} ({names}).")
        if any(len(c) > 200 for c in cells):
            return [], f"{field['label']} baris {number}: satu kolom paling panjang 200 karakter."
        rows.append({col["kunci"]: cells[i] if i < len(cells) else "" for i, col in enumerate(cols)})
    if len(rows) > LIST_ROWS:
        return [], f"{field['label']}: paling banyak {LIST_ROWS} baris."
    return rows, ""


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
            values[key] = [] if field.get("jenis") == "daftar" else ""
            continue
        kind = field.get("jenis", "teks")
        if kind == "daftar":
            rows, problem = _list_value(field, raw)
            if problem:
                errors[key] = problem
            else:
                values[key] = rows
            continue
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
        elif field.get("jenis") == "daftar" and not isinstance(value, list):
            value = []
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
        if kind == "daftar":  # the choices box holds the column names: "Nama; NIK; Hubungan"
            labels = [c.strip() for c in (form.get(f"isian-{index - 1}-pilihan") or "").split(";") if c.strip()]
            field["kolom"] = [_column(text, n) for n, text in enumerate(labels)]
            if not labels or len({c["kunci"] for c in field["kolom"]}) != len(labels):
                problems.append(f"Isian {label or key}: tulis nama kolomnya (berbeda-beda), dipisah titik koma, "
                                "mis. Nama; NIK; Hubungan.")
                continue
        defs.append(field)
    return defs, problems


def roles_text(row: dict) -> str:
    """The roles as the editor shows them: one per line, "kunci; Label; wajib; orang tua"."""
    return "\n".join("; ".join([r["kunci"], r["label"], *(["wajib"] if r.get("wajib") else []),
                                *(["orang tua"] if r.get("orang_tua") else [])]) for r in roles(row))


def parse_roles(text: str) -> tuple[list[dict], str]:
    """The editor's roles box into definitions: (roles, problem or "")."""
    found, seen = [], set()
    for number, line in enumerate((ln for ln in text.splitlines() if ln.strip()), start=1):
        parts = [p.strip() for p in line.split(";")]
        flags = {p.lower() for p in parts[2:] if p}
        if len(parts) < 2 or not KEY.match(parts[0]) or not parts[1] or flags - {"wajib", "orang tua"}:
            return [], (f"Orang lain baris {number}: tulis \"kunci; Label\", boleh diikuti \"; wajib\" dan "
                        "\"; orang tua\"; kunci berupa huruf kecil, angka atau _, mis. saksi_1; Saksi pertama; wajib.")
        if parts[0] in seen:
            return [], f"Orang lain baris {number}: kunci {parts[0]} dipakai lebih dari sekali."
        seen.add(parts[0])
        found.append({"kunci": parts[0], "label": parts[1][:80], "wajib": "wajib" in flags,
                      "orang_tua": "orang tua" in flags})
    return found, ""


def _column_key(label: str, position: int) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:30]
    return key if KEY.match(key) else f"kolom_{position + 1}"


def _column(text: str, position: int) -> dict:
    """"Nama" or, when the template uses another key, "tgl: Tanggal lahir"."""
    key, _, label = text.partition(":")
    if label and KEY.match(key.strip()):
        return {"kunci": key.strip(), "label": label.strip()}
    return {"kunci": _column_key(text, position), "label": text}


def columns_text(field: dict) -> str:
    """A field's choices, or a list's columns as the editor shows them (the key only where it differs)."""
    if field.get("pilihan"):
        return "; ".join(field["pilihan"])
    return "; ".join(c["label"] if c["kunci"] == _column_key(c["label"], n) else f"{c['kunci']}: {c['label']}"
                     for n, c in enumerate(field.get("kolom") or []))


def row(entry: dict, template: str) -> dict:
    """A letter type as a table row, from an entry shaped like bawaan/jenis.toml's and its body (HTML)."""
    return {
        "kode": entry["kode"], "nama": entry["nama"], "kode_klasifikasi": entry["kode_klasifikasi"],
        "subjek": entry["subjek"], "orang_tua": entry.get("orang_tua", False),
        "pasangan": entry.get("pasangan", False), "isian": json.dumps(entry.get("isian", [])),
        "persyaratan": "\n".join(entry.get("persyaratan", [])), "template": template,
        "masa_berlaku_hari": entry.get("masa_berlaku_hari", 30), "kertas": entry.get("kertas", "F4"),
        "persetujuan": entry.get("persetujuan", False), "peran": json.dumps(entry.get("peran", [])),
        "keluarga": entry.get("keluarga", False), "semua_status": entry.get("semua_status", False),
    }


def builtin() -> list[dict]:
    """The shipped letter types as table rows (templates read from bawaan/<kode>.html)."""
    with (BAWAAN / "jenis.toml").open("rb") as handle:
        entries = tomllib.load(handle)["jenis"]
    return [row(entry, (BAWAAN / f"{entry['kode']}.html").read_text(encoding="utf-8")) for entry in entries]


async def seed_builtin() -> int:
    """Add the shipped types that are missing (by kode); operators' edits are never overwritten."""
    existing = {r["kode"] for r in await JenisSurat.select(JenisSurat.kode).run()}
    missing = [JenisSurat(**row) for row in builtin() if row["kode"] not in existing]
    if missing:
        await JenisSurat.insert(*missing).run()
    return len(missing)
