"""Balai's own full CSV (every register field, six-value codes): read back exactly what `balai-csv` wrote."""

from __future__ import annotations

from datetime import date

from plugin_sdk.register import DETAIL_FIELDS, FIELD_SPECS, FIELDS, check_details, check_kk, check_nik, code_labels

from plugins.impor.opensid import Row, check_place, text

PLACE = ("dusun", "rw", "rt")
COLUMNS = (*FIELDS, "no_kk", *PLACE)
CODE_LIST = {"hubungan": "hubungan", "kelas_sosial": "kelas_sosial"}


REQUIRED = ("jenis_kelamin", "agama", "hubungan", "tanggal_lahir")


def carried(missing: list[str]) -> set[str]:
    return {f for f in FIELDS if f not in missing}


def is_balai(header: list[str]) -> bool:
    return "jenis_kelamin" in header and "status_dasar" in header and "sex" not in header


def _value(name: str, raw: str, row: Row):
    spec = FIELD_SPECS[name]
    if spec.kind == "code":
        if raw == "":
            row.defaulted.add(name)  # an empty cell says nothing about a resident already on record
            return None if spec.null or name in REQUIRED else spec.default
        try:
            number = int(raw)
        except ValueError:
            row.problems.append((name, f"'{raw}' bukan kode angka."))
            return None
        listing = CODE_LIST.get(name, name)
        try:
            known = code_labels(listing)
        except FileNotFoundError:
            known = None
        if known is not None and number not in known:
            row.problems.append((name, f"Kode {number} tidak ada dalam daftar {listing}."))
        return number
    if spec.kind == "number":
        try:
            return int(raw) if raw.isdigit() else float(raw) if raw else None
        except ValueError:
            row.problems.append((name, f"'{raw}' bukan angka."))
            return None
    if spec.kind == "date":
        try:
            return date.fromisoformat(raw)
        except ValueError:
            row.problems.append((name, f"Tanggal '{raw}' harus tttt-bb-hh."))
            return None
    return raw[: spec.length] if spec.length else raw


def parse(number: int, cells: dict) -> Row:
    row = Row(number, raw=cells)
    for name in FIELDS:
        if name in DETAIL_FIELDS:
            continue
        row.fields[name] = _value(name, text(cells.get(name)) if name not in ("nik", "nik_ayah", "nik_ibu")
                                  else str(cells.get(name) or "").strip(), row)
    # Contact, documents, birth details: the resident form's own check (a file edited by hand is refused as a form).
    details, errors = check_details({n: text(cells.get(n)) for n in DETAIL_FIELDS}, row.fields["kewarganegaraan"])
    row.fields.update(details)
    row.problems += list(errors.items())
    if not row.fields["nama"]:
        row.problems.append(("nama", "Wajib diisi."))
    for name in REQUIRED:
        if row.fields.get(name) in (None, "") and not any(c == name for c, _ in row.problems):
            row.problems.append((name, "Wajib diisi."))
    row.problems += [("nik", m) for m in check_nik(row.fields["nik"] or "").errors]
    row.no_kk = str(cells.get("no_kk") or "").strip()
    if row.no_kk:
        row.problems += [("no_kk", m) for m in check_kk(row.no_kk).errors]
    check_place(row, cells)
    row.tambahan = {name: text(value) for name, value in cells.items() if "." in name and text(value)}
    return row
