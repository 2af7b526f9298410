"""OpenSID's form fields (``kode_isian``) and person categories (``form_isian``) as Balai fields and roles.

Field kinds, OpenSID -> Balai (jenis.KINDS):

- text, email, url -> teks (a text field marked ``rupiah`` by its attributes -> angka)
- number -> angka
- textarea -> teks_panjang
- date -> tanggal; hari-tanggal -> tanggal (the weekday is not printed: the report says so)
- hari, time, datetime -> teks (typed as the letter should print them)
- select-manual -> pilihan with its choices (fewer than two choices -> teks)
- select-otomatis -> teks (its choices come from an OpenSID reference table that does not travel)

``[form_keperluan]`` is not a field in Balai: every letter asks its purpose and prints it as ``surat.keperluan``.
A person category taken from the register (``sumber`` 1: Pelapor, Saksi I...) becomes one of the letter type's
further persons (``peran``), filled at the counter by NIK or by hand; its codes (``[nama_pelapor]``) read it.
"""

from __future__ import annotations

import json
import re

from plugins.surat.jenis import KEY

KINDS = {"text": "teks", "email": "teks", "url": "teks", "number": "angka", "textarea": "teks_panjang",
         "date": "tanggal", "hari-tanggal": "tanggal", "hari": "teks", "time": "teks", "datetime": "teks",
         "select-manual": "pilihan", "select-otomatis": "teks"}
BUILT_IN = {"form_keperluan", "form_nama_non_warga", "form_nik_non_warga"}  # answered by Balai's own form
LABEL_LIMIT = 120
# Keys a template cannot reach with a dot: `isian.items` is the mapping's own method, not a field named "items".
RESERVED = {"keperluan", "items", "keys", "values", "get", "copy", "pop", "popitem", "update", "setdefault", "clear",
            "fromkeys", "true", "false", "none", "and", "or", "not", "in", "is", "if", "else"}


def key_of(text: str, taken: set[str]) -> str:
    """A Balai key (jenis.KEY) from an OpenSID name, unique among `taken`."""
    key = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    if not key or not key[0].isalpha():
        key = f"isian_{key}".strip("_")
    key = key[:40]
    candidate, number = key, 2
    while candidate in taken or candidate in RESERVED or not KEY.match(candidate):
        suffix = f"_{number}"
        candidate, number = key[: 40 - len(suffix)] + suffix, number + 1
    return candidate


def _code(item: dict) -> str:
    return str(item.get("kode") or "").strip().strip("[]").strip().lower()


def _choices(value) -> list[str]:
    if isinstance(value, str):  # older exports keep the choices as JSON text
        try:
            value = json.loads(value)
        except ValueError:
            value = value.split(",")
    if isinstance(value, dict):
        value = list(value.values())
    return [str(c).strip()[:200] for c in value or [] if str(c).strip()] if isinstance(value, list) else []


def fields(kode_isian: list[dict]) -> tuple[list[dict], dict[str, str], list[str]]:
    """(Balai field definitions, OpenSID code -> field key, notes for the report)."""
    defs, by_code, notes, taken = [], {}, [], set()
    for item in kode_isian:
        code = _code(item)
        if not code or code in BUILT_IN or code in by_code:
            continue
        label = str(item.get("nama") or item.get("label") or code).strip()[:LABEL_LIMIT]
        tipe = str(item.get("tipe") or "text").strip().lower()
        kind = KINDS.get(tipe, "teks")
        if tipe not in KINDS:
            notes.append(f"Isian {label}: jenis OpenSID \"{tipe}\" tidak dikenal, dijadikan teks.")
        if kind == "teks" and "rupiah" in str(item.get("atribut") or "").lower():
            kind = "angka"
        field = {"kunci": key_of(code[5:] if code.startswith("form_") else code, taken), "label": label,
                 "jenis": kind, "wajib": str(item.get("required")) in ("1", "True", "true")}
        if kind == "pilihan":
            field["pilihan"] = _choices(item.get("pilihan"))
            if len(field["pilihan"]) < 2:
                del field["pilihan"]
                field["jenis"] = "teks"
                notes.append(f"Isian {label}: pilihannya kurang dari dua, dijadikan teks.")
        if tipe == "select-otomatis":
            notes.append(f"Isian {label}: pilihan dari tabel OpenSID \"{item.get('refrensi') or '-'}\" tidak ikut; "
                         "dijadikan teks. Ubah menjadi pilihan di editor bila perlu.")
        if tipe == "hari-tanggal":
            notes.append(f"Isian {label}: OpenSID mencetak nama hari dan tanggal; Balai mencetak tanggalnya saja.")
        taken.add(field["kunci"])
        by_code[code] = field["kunci"]
        defs.append(field)
    return defs, by_code, notes


def roles(form_isian: dict) -> tuple[list[dict], dict[str, str]]:
    """(Balai roles, OpenSID category in lower case -> role key) for the categories taken from the register."""
    found, by_category, taken = [], {}, set()
    for category, spec in form_isian.items():
        if category == "individu" or not isinstance(spec, dict) or str(spec.get("sumber", 1)) != "1":
            continue
        key = key_of(str(category), taken)
        taken.add(key)
        label = str(spec.get("label") or spec.get("judul") or category).strip()[:80]
        found.append({"kunci": key, "label": label, "wajib": True, "orang_tua": False})
        by_category[str(category).lower()] = key
    return found, by_category
