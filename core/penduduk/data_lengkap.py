"""The register's contact, document and birth-detail fields: one check for the form, the import and plugins.

The names are OpenSID's columns, so a file moves between the two without a mapping. Each value may come as typed
in a form, as read from a spreadsheet (a number, a time cell) or already in the register's type; every message
is in Bahasa Indonesia and names what to write instead.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any, Mapping

CONTACT = ("telepon", "email")
DOCUMENTS = ("dokumen_pasport", "tanggal_akhir_paspor", "dokumen_kitas", "bpjs_ketenagakerjaan")
BIRTH = ("waktu_lahir", "tempat_dilahirkan", "jenis_kelahiran", "kelahiran_anak_ke", "penolong_kelahiran",
         "berat_lahir", "panjang_lahir")
FIELDS = (*CONTACT, *DOCUMENTS, *BIRTH)
LABELS = {
    "telepon": "Telepon", "email": "Email", "dokumen_pasport": "Nomor paspor",
    "tanggal_akhir_paspor": "Tanggal berakhir paspor", "dokumen_kitas": "Nomor KITAS/KITAP",
    "bpjs_ketenagakerjaan": "Nomor BPJS Ketenagakerjaan", "waktu_lahir": "Waktu lahir",
    "tempat_dilahirkan": "Tempat dilahirkan", "jenis_kelahiran": "Jenis kelahiran",
    "kelahiran_anak_ke": "Kelahiran anak ke-", "penolong_kelahiran": "Penolong kelahiran",
    "berat_lahir": "Berat lahir (gram)", "panjang_lahir": "Panjang lahir (cm)",
}
TEXT = {"telepon", "email", "dokumen_pasport", "dokumen_kitas", "bpjs_ketenagakerjaan", "tempat_dilahirkan",
        "jenis_kelahiran", "penolong_kelahiran"}  # empty is "", not NULL
WNI = 1
TEXT_LENGTH = {"dokumen_pasport": 45, "dokumen_kitas": 45, "bpjs_ketenagakerjaan": 100, "tempat_dilahirkan": 40,
               "jenis_kelahiran": 40, "penolong_kelahiran": 40, "email": 120}
WEIGHT = (300, 7000)  # gram: the smallest babies that survive, the largest ever weighed at birth are outside
LENGTH = (20, 70)  # cm
CHILD = (1, 30)
PHONE_DIGITS = (6, 15)  # a local number without area code .. the longest international number (E.164)
EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.]\d{2}(?:\.\d+)?)?$")  # 14:30, 14.30 (as often written), 14:30:00


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _words(value) -> str:
    if isinstance(value, float) and value.is_integer():  # a number typed into a spreadsheet cell: 12345.0
        value = int(value)
    return " ".join(str(value).split())


def _number(value) -> float | None:
    """A number typed with a decimal comma or point, or a spreadsheet's number; None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    raw = str(value).strip().replace(",", ".")
    try:
        return float(raw) if re.fullmatch(r"\d+(\.\d+)?", raw) else None
    except ValueError:
        return None


def _phone(value) -> tuple[str, str | None]:
    raw = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
    plus = raw.startswith("+")
    digits = re.sub(r"[\s().-]", "", raw[1:] if plus else raw)
    if not digits.isdigit() or not PHONE_DIGITS[0] <= len(digits) <= PHONE_DIGITS[1]:
        return "", (f"Nomor telepon hanya angka ({PHONE_DIGITS[0]}-{PHONE_DIGITS[1]} angka, boleh diawali +), "
                    "mis. 081234567890.")
    return ("+" if plus else "") + digits, None


def _time(value) -> tuple[time | None, str | None]:
    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0), None
    found = _TIME.match(str(value).strip())
    if found and int(found.group(1)) < 24 and int(found.group(2)) < 60:
        return time(int(found.group(1)), int(found.group(2))), None
    return None, "Waktu lahir ditulis JJ:MM, 00:00 sampai 23:59 (mis. 14:30)."


def _date(value) -> tuple[date | None, str | None]:
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    try:
        return date.fromisoformat(str(value).strip()), None
    except ValueError:
        return None, "Tanggal ditulis TTTT-BB-HH."


def _whole(value, low: int, high: int, message: str) -> tuple[int | None, str | None]:
    number = _number(value)
    if number is None or not number.is_integer() or not low <= number <= high:
        return None, message
    return int(number), None


def _one(name: str, value, citizenship: int | None) -> tuple[Any, str | None]:
    if name == "telepon":
        return _phone(value)
    if name == "waktu_lahir":
        return _time(value)
    if name == "tanggal_akhir_paspor":
        return _date(value)
    if name == "kelahiran_anak_ke":
        return _whole(value, *CHILD, f"Kelahiran anak ke- ditulis bilangan bulat {CHILD[0]}-{CHILD[1]}.")
    if name == "berat_lahir":
        return _whole(value, *WEIGHT, f"Berat lahir ditulis dalam gram, bilangan bulat {WEIGHT[0]}-{WEIGHT[1]} "
                                      "tanpa titik atau koma (mis. 3200).")
    if name == "panjang_lahir":
        number = _number(value)
        if number is None or not LENGTH[0] <= number <= LENGTH[1]:
            return None, f"Panjang lahir ditulis dalam cm, {LENGTH[0]}-{LENGTH[1]} (boleh satu desimal, mis. 49,5)."
        return round(number, 1), None
    text = _words(value)
    if len(text) > TEXT_LENGTH.get(name, 120):
        return "", f"{LABELS[name]} paling panjang {TEXT_LENGTH[name]} karakter."
    if name == "email" and not EMAIL.match(text):
        return "", "Alamat email tidak valid (mis. nama@contoh.id)."
    if name == "dokumen_kitas" and citizenship == WNI:
        return "", "KITAS/KITAP hanya untuk warga negara asing: kosongkan, atau ubah kewarganegaraannya."
    return text, None


def clean_details(raw: Mapping[str, Any], citizenship: int | None = None) -> tuple[dict, dict[str, str]]:
    """Check the fields of `FIELDS` that `raw` holds; others are left out, so a file without a column blanks nothing.

    Returns (values in the register's types, {field: message}); an empty value is "" for a text field and None
    for the others. `citizenship` is the resident's kewarganegaraan code: a WNI (1) has no KITAS.
    """
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in FIELDS:
        if name not in raw:
            continue
        value = raw[name]
        if _blank(value):
            values[name] = "" if name in TEXT else None
            continue
        values[name], message = _one(name, value, citizenship)
        if message:
            errors[name] = message
    if values.get("tanggal_akhir_paspor") and not values.get("dokumen_pasport") and "dokumen_pasport" in raw \
            and "dokumen_pasport" not in errors:
        errors["tanggal_akhir_paspor"] = "Isi nomor paspornya juga, atau kosongkan tanggal ini."
    return values, errors
