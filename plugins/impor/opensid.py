"""OpenSID's 43-column resident workbook: one row in, Balai's fields out (and back), with problems per cell.

The coded columns hold the codes of ../shared/reference/kode (Balai's own lists), except marital
status, which OpenSID keeps in four values: 2 "kawin" becomes 2/3 by whether a marriage certificate
is recorded, 3 "cerai hidup" becomes 4/5 by the divorce certificate; the way back uses `dari_kode_4`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import date, datetime, time

from plugin_sdk.register import DETAIL_FIELDS, check_details, check_kk, check_nik, code_labels, code_rows

from plugins.impor.sel import PLACEHOLDERS, number_text, parse_date, text  # noqa: F401 (text: used by the others)

COLUMNS = ("alamat", "dusun", "rw", "rt", "nama", "no_kk", "nik", "sex", "tempatlahir", "tanggallahir", "agama_id",
           "pendidikan_kk_id", "pendidikan_sedang_id", "pekerjaan_id", "status_kawin", "kk_level", "warganegara_id",
           "ayah_nik", "nama_ayah", "ibu_nik", "nama_ibu", "golongan_darah_id", "akta_lahir", "dokumen_pasport",
           "tanggal_akhir_paspor", "dokumen_kitas", "akta_perkawinan", "tanggalperkawinan", "akta_perceraian",
           "tanggalperceraian", "cacat_id", "cara_kb_id", "hamil", "ktp_el", "status_rekam", "alamat_sekarang",
           "status_dasar", "suku", "tag_id_card", "id_asuransi", "no_asuransi", "lat", "lng")
# OpenSID column -> (Balai field, code list or None, default when empty)
CODED = {"sex": ("jenis_kelamin", "jenis_kelamin", None), "agama_id": ("agama", "agama", None),
         "pendidikan_kk_id": ("pendidikan_kk", "pendidikan_kk", 1),
         "pendidikan_sedang_id": ("pendidikan_sedang", "pendidikan_sedang", None),
         "pekerjaan_id": ("pekerjaan", "pekerjaan", 1), "kk_level": ("hubungan", "hubungan", None),
         "warganegara_id": ("kewarganegaraan", "kewarganegaraan", 1),
         "golongan_darah_id": ("golongan_darah", "golongan_darah", 13), "cacat_id": ("cacat", "cacat", None),
         "cara_kb_id": ("cara_kb", "cara_kb", None), "hamil": ("hamil", "hamil", None),
         "status_dasar": ("status_dasar", "status_dasar", 1), "id_asuransi": ("asuransi", "asuransi", None)}
TEXT = {"nama": ("nama", 120), "tempatlahir": ("tempat_lahir", 80), "alamat": ("alamat", 200),
        "nama_ayah": ("nama_ayah", 120), "nama_ibu": ("nama_ibu", 120), "akta_lahir": ("no_akta_lahir", 40),
        "akta_perkawinan": ("no_akta_kawin", 40)}
# Carried by the OpenSID format but not (yet) kept by the register: stored beside it, written back on export.
# `suku` goes to the adat module's own field instead when that module is enabled (kolom_plugin.py).
EXTRA_TEXT = ("akta_perceraian", "alamat_sekarang", "suku", "tag_id_card", "no_asuransi", "lat", "lng")
EXTRA_DATES = ("tanggalperkawinan", "tanggalperceraian")
# Contact, documents and birth details: register fields under OpenSID's own column names. Three are in OpenSID's
# import template; the others are columns of OpenSID's database that its template lacks: read when a file has
# them, written after the 43 (OpenSID's own import reads columns by name and passes over them).
DETAIL_TEMPLATE = ("dokumen_pasport", "tanggal_akhir_paspor", "dokumen_kitas")
DETAIL_OPTIONAL = tuple(f for f in DETAIL_FIELDS if f not in DETAIL_TEMPLATE)
# Optional coded columns: a value Balai cannot map is no reason to refuse the resident. It is kept as received
# (among the extras, under its OpenSID column), said in the report, and written back by the OpenSID export
# while the register has no value of its own for it. The e-KTP pair (ktp_el, status_rekam) is kept the same way.
KEPT_AS_RECEIVED = ("pendidikan_sedang_id", "cacat_id", "cara_kb_id", "hamil", "id_asuransi")
KTP_COLUMNS = ("ktp_el", "status_rekam")
KEPT = "tidak dikenal; disimpan apa adanya dan ditulis kembali saat ekspor OpenSID."


@dataclass
class Row:
    number: int  # as the spreadsheet shows it (header = 1)
    raw: dict = field(default_factory=dict)  # the cells as read, for the workbook of refused rows
    fields: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    no_kk: str = ""
    wilayah: tuple[str, str, str] = ("", "", "")
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column, message): the row is refused
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (column, message): imported anyway
    defaulted: set[str] = field(default_factory=set)  # fields filled in from an empty cell: say nothing of a record
    coarse: set[str] = field(default_factory=set)  # fields the file gives coarser than the register keeps them
    tambahan: dict = field(default_factory=dict)  # plugins' extra resident columns: {"adat.suku": "Piliang"}
    handed: dict = field(default_factory=dict)  # OpenSID columns a plugin's section took: {"suku": "adat.suku"}


def code(value, column: str, row: Row) -> int | None:
    name, listing, default = CODED[column]
    if isinstance(value, (int, float)) and not isinstance(value, bool) and float(value).is_integer() and value:
        if int(value) in code_labels(listing):  # the common case, a number cell holding a known code
            return int(value)
    raw = text(value)
    if raw in ("", "-") or (raw == "0" and column != "status_dasar"):
        row.defaulted.add(name)
        return default
    try:
        number = int(float(raw))
    except ValueError:
        number = None
    if number is not None and number in code_labels(listing):
        return number
    if column in KEPT_AS_RECEIVED:
        row.extra[column] = raw
        row.warnings.append((column, f"Nilai '{raw}' {KEPT}"))
    elif number is None:
        row.problems.append((column, f"'{raw}' bukan kode angka."))
    else:
        row.problems.append((column, f"Kode {number} tidak ada dalam daftar {listing}."))
    return None


def _marital(value, row: Row, cert_marriage: str, cert_divorce: str) -> int:
    raw = text(value)
    if not raw:
        row.defaulted.add("status_kawin")
    row.coarse.add("status_kawin")  # four values: 2/3 and 4/5 are told apart only by a certificate number
    try:
        old = int(float(raw)) if raw else 1
    except ValueError:
        row.problems.append(("status_kawin", f"'{raw}' bukan kode angka (1-4)."))
        return 1
    if old not in code_labels("status_kawin_4"):
        row.problems.append(("status_kawin", f"Kode {old} tidak ada dalam daftar status kawin OpenSID (1-4)."))
        return 1
    return {1: 1, 2: 2 if cert_marriage else 3, 3: 4 if cert_divorce else 5, 4: 6}[old]


@lru_cache(maxsize=1)
def _six_to_four() -> dict[int, int]:
    return {r["id"]: int(r["dari_kode_4"]) for r in code_rows("status_kawin")}


def marital_4(six: int) -> int:
    return _six_to_four()[six]


def _ktp(el, rekam, row: Row) -> int | None:
    el, rekam = text(el), text(rekam)
    if not el and not rekam:
        return None
    pairs = {(int(a), int(b)): k for k, (a, b) in _ktp_pairs().items()}
    try:
        return pairs[(int(float(el or 0)), int(float(rekam or 0)))]
    except (KeyError, ValueError):
        # OpenSID keeps the two columns apart and accepts any pair: keep this one as it came.
        row.extra.update(ktp_el=el, status_rekam=rekam)
        row.warnings.append(("status_rekam", f"Pasangan ktp_el {el or '(kosong)'} dan status_rekam "
                                             f"{rekam or '(kosong)'} {KEPT}"))
        return None


@lru_cache(maxsize=1)
def _ktp_pairs() -> dict[int, tuple[str, str]]:
    return {r["id"]: (r["ktp_el"], r["status_rekam"]) for r in code_rows("status_ktp")}


def ktp_columns(status_ktp: int | None) -> tuple[str, str]:
    return ("", "") if status_ktp is None else _ktp_pairs()[status_ktp]


def place(value) -> str:
    raw = text(value)
    return "" if raw in PLACEHOLDERS else raw


def place_key(name: str) -> str:
    """How a place name is matched, as the kernel's bulk load matches it: case and spacing aside, RT 1 is RT 001."""
    name = " ".join(name.split()).lower()
    return str(int(name)) if name.isdigit() else name


PLACE_COLUMNS = ("dusun", "rw", "rt")
PLACE_LENGTH = 80  # Wilayah.nama


def describe_place(path: tuple[str, str, str]) -> str:
    dusun, rw, rt = path
    return ", ".join(p for p in (dusun, f"RW {rw}" if rw else "", f"RT {rt}" if rt else "") if p) or "(tanpa wilayah)"


def check_place(row: Row, cells: dict) -> None:
    """row.wilayah from the dusun/rw/rt cells; a level missing in between is fine (an RT under its dusun).

    What cannot be kept whole is said in the report: a name too long is cut (a warning), an RW or RT
    without its dusun cannot be placed at all (the row is refused, saying which RW/RT it named).
    """
    parts = []
    for column in PLACE_COLUMNS:
        name = place(cells.get(column))
        if len(name) > PLACE_LENGTH:
            row.warnings.append((column, f"Nama wilayah lebih dari {PLACE_LENGTH} karakter; dipotong."))
            name = name[:PLACE_LENGTH].rstrip()
        parts.append(name)
    row.wilayah = tuple(parts)
    if not row.wilayah[0]:
        lost = describe_place(("", *row.wilayah[1:])) if any(row.wilayah[1:]) else ""
        row.problems.append(("dusun", "Wajib diisi: nama dusun/jorong." + (
            f" {lost} tidak bisa ditempatkan tanpa dusun/jorong." if lost else "")))


def parse(number: int, cells: dict) -> Row:
    """One data row (cells by column name) into Balai's fields; problems and warnings per column."""
    row = Row(number, raw=cells)
    f = row.fields
    for column, (name, limit) in TEXT.items():
        value = text(cells.get(column))
        if len(value) > limit:
            row.warnings.append((column, f"Lebih dari {limit} karakter; dipotong."))
        f[name] = value[:limit]
    if not f["nama"]:
        row.problems.append(("nama", "Wajib diisi."))
    nik = number_text(cells.get("nik"), "nik", row)
    born = parse_date(cells.get("tanggallahir"), "tanggallahir", row, required=True)
    for column in CODED:
        f[CODED[column][0]] = code(cells.get(column), column, row)
    if f["jenis_kelamin"] is None and not any(c == "sex" for c, _ in row.problems):
        row.problems.append(("sex", "Wajib diisi (1 laki-laki, 2 perempuan)."))
    if f["agama"] is None and not any(c == "agama_id" for c, _ in row.problems):
        row.problems.append(("agama_id", "Wajib diisi."))
    if f["hubungan"] is None and not any(c == "kk_level" for c, _ in row.problems):
        row.problems.append(("kk_level", "Wajib diisi (1 kepala keluarga, ...)."))
    if nik:
        check = check_nik(nik, born, f["jenis_kelamin"])
        row.problems += [("nik", m) for m in check.errors]
        row.warnings += [("nik", m) for m in check.warnings]
    elif not any(c == "nik" for c, _ in row.problems):
        row.problems.append(("nik", "Wajib diisi."))
    f["nik"], f["tanggal_lahir"] = nik, born
    row.no_kk = number_text(cells.get("no_kk"), "no_kk", row)
    if row.no_kk:
        row.problems += [("no_kk", m) for m in check_kk(row.no_kk).errors]
    else:
        row.problems.append(("no_kk", "Wajib diisi."))
    for column, name in (("ayah_nik", "nik_ayah"), ("ibu_nik", "nik_ibu")):
        value = number_text(cells.get(column), column, row)
        f[name] = value if len(value) == 16 and value.isdigit() else ""
    f["status_kawin"] = _marital(cells.get("status_kawin"), row, f["no_akta_kawin"], text(cells.get("akta_perceraian")))
    f["status_ktp"] = _ktp(cells.get("ktp_el"), cells.get("status_rekam"), row)
    check_place(row, cells)
    row.extra.update({c: text(cells.get(c)) for c in EXTRA_TEXT if text(cells.get(c))})
    for column in EXTRA_DATES:
        when = parse_date(cells.get(column), column, row)
        if when:
            row.extra[column] = when.isoformat()
    _details(row, cells)
    return row


def _details(row: Row, cells: dict) -> None:
    """The detail columns the file has, checked as the resident's form checks them.

    A value that fails is no reason to refuse the resident (as with an optional code Balai cannot map): it is
    kept as received beside the register, said in the report, and written back by the OpenSID export. A passport
    date OpenSID itself would not read refuses the row, as every date column does.
    """
    raw = {}
    for column in (*DETAIL_TEMPLATE, *DETAIL_OPTIONAL):
        if column not in cells:
            continue
        value = cells[column]
        if column == "tanggal_akhir_paspor":
            value = parse_date(value, column, row)
        elif isinstance(value, bool) or not isinstance(value, (int, float, time, datetime)):
            value = text(value)  # numbers and time cells go as they are: the check reads them
        raw[column] = value
    values, errors = check_details(raw, row.fields.get("kewarganegaraan"))
    for column, message in errors.items():
        kept = _dmy(raw[column]) if isinstance(raw[column], date) else text(cells[column])
        row.extra[column] = kept
        row.warnings.append((column, f"{message} Nilai '{kept}' disimpan apa adanya di samping data penduduk dan "
                                     "ditulis kembali saat ekspor OpenSID."))
    row.fields.update(values)  # a refused value as an empty one: a new resident has none, a known one keeps his


def _dmy(day: date) -> str:
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"
