"""OpenSID's 43-column resident workbook: one row in, Balai's fields out (and back), with problems per cell.

The coded columns hold the codes of ../shared/reference/kode (Balai's own lists), except marital
status, which OpenSID keeps in four values: 2 "kawin" becomes 2/3 by whether a marriage certificate
is recorded, 3 "cerai hidup" becomes 4/5 by the divorce certificate; the way back uses `dari_kode_4`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from plugin_sdk.dokumen import clean_text, read_cell
from plugin_sdk.register import check_kk, check_nik, code_labels, code_rows

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
EXTRA_TEXT = ("dokumen_pasport", "dokumen_kitas", "akta_perceraian", "alamat_sekarang", "suku", "tag_id_card",
              "no_asuransi", "lat", "lng")
EXTRA_DATES = ("tanggal_akhir_paspor", "tanggalperkawinan", "tanggalperceraian")
# Optional coded columns: a value Balai cannot map is no reason to refuse the resident. It is kept as received
# (among the extras, under its OpenSID column), said in the report, and written back by the OpenSID export
# while the register has no value of its own for it. The e-KTP pair (ktp_el, status_rekam) is kept the same way.
KEPT_AS_RECEIVED = ("pendidikan_sedang_id", "cacat_id", "cara_kb_id", "hamil", "id_asuransi")
KTP_COLUMNS = ("ktp_el", "status_rekam")
KEPT = "tidak dikenal; disimpan apa adanya dan ditulis kembali saat ekspor OpenSID."
PLACEHOLDERS = {"", "-", "0", "00", "000", "--"}
EXCEL_EPOCH = date(1899, 12, 30)


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


def text(value) -> str:
    """A cell as clean text: control characters and what XML cannot hold dropped (the whitespace-like ones, such
    as Word's Shift+Enter, become a space), runs of whitespace one space, an export's formula guard taken off."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = read_cell(clean_text(value).strip())
        return " ".join(value.split()) if "  " in value or "\n" in value or "\t" in value or "\r" in value else value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def number_text(value, column: str, row: Row) -> str:
    """A NIK or KK number that may have come as text or as a number (then leading zeros are gone)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        digits = str(int(value)) if float(value).is_integer() else ""
        if len(digits) >= 16 or not digits:
            # Excel keeps 15 significant digits: the 16th of a NIK typed as a number is already lost.
            row.problems.append((column, "Tersimpan sebagai angka (bilangan ilmiah di Excel): angka ke-16 bisa sudah "
                                         "berubah. Ubah kolom menjadi Teks di lembar kerja lalu ketik ulang."))
            return ""
        if len(digits) == 15:
            row.warnings.append((column, "Tersimpan sebagai angka; angka 0 di depan ditambahkan kembali."))
            digits = "0" + digits
        return digits
    return re.sub(r"[\s.'’]", "", text(value))


def parse_date(value, column: str, row: Row, required: bool = False) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value < 80000:  # an Excel serial date (up to the year 2118)
            return EXCEL_EPOCH + timedelta(days=int(value))
        row.problems.append((column, f"Angka {value:g} bukan tanggal (pakai hh-bb-tttt)."))
        return None
    raw = text(value)
    if len(raw) == 10 and raw[2] == "-" and raw[5] == "-" and raw[:2].isdigit():  # dd-mm-yyyy, OpenSID's own
        try:
            return date(int(raw[6:]), int(raw[3:5]), int(raw[:2]))
        except ValueError:
            pass
    if not raw or raw in PLACEHOLDERS or raw.startswith("0000"):
        if required:
            row.problems.append((column, "Wajib diisi."))
        return None
    for pattern in ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    row.problems.append((column, f"Tanggal '{raw}' tidak dikenali (pakai hh-bb-tttt, tttt-bb-hh atau hh/bb/tttt)."))
    return None


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
    return row


_COPIED = {**{c: f for c, (f, _) in TEXT.items()}, **{c: f for c, (f, _, _) in CODED.items()},
           "nik": "nik", "ayah_nik": "nik_ayah", "ibu_nik": "nik_ibu"}
# How each column is filled when writing: 0 copied from the register, 1 worked out, 2 an extra text, 3 an extra date.
_WRITE_PLAN = tuple((c, 0, _COPIED[c]) if c in _COPIED else (c, 2, c) if c in EXTRA_TEXT else (c, 3, c)
                    if c in EXTRA_DATES else (c, 1, c) for c in COLUMNS)


def _dmy(day: date) -> str:
    return f"{day.day:02d}-{day.month:02d}-{day.year:04d}"


def to_cells(person: dict, extra: dict, wilayah: tuple[str, str, str], no_kk: str) -> list:
    """One resident as an OpenSID row, in COLUMNS order (dates as dd-mm-yyyy text, as OpenSID writes them).

    Written as a plan over the columns: an export calls it 20,000 times (the dict-per-row version took 0.8 s).
    """
    if person["status_ktp"] is None:  # a pair kept as received, if any
        ktp_el, rekam = extra.get("ktp_el", ""), extra.get("status_rekam", "")
    else:
        ktp_el, rekam = ktp_columns(person["status_ktp"])
    worked = {"dusun": wilayah[0], "rw": wilayah[1] or "-", "rt": wilayah[2] or "-", "no_kk": no_kk,
              "tanggallahir": _dmy(person["tanggal_lahir"]), "status_kawin": marital_4(person["status_kawin"]),
              "ktp_el": ktp_el, "status_rekam": rekam}
    out = []
    for column, how, key in _WRITE_PLAN:
        if how == 0:
            value = person[key]
            out.append(extra.get(column, "") if value is None else value)  # or a value kept as received
        elif how == 1:
            out.append(worked[column])
        elif how == 2:
            out.append(extra.get(key, ""))
        else:
            out.append(_dmy(date.fromisoformat(extra[key])) if extra.get(key) else "")
    return out
