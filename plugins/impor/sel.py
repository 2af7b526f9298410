"""A spreadsheet's cells as the import reads them: clean text, NIK-like numbers, dates in the forms clerks type.

A problem is added to the row (its column and a message in Bahasa Indonesia) rather than raised, so one row's
report lists every problem it has.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from plugin_sdk.dokumen import clean_text, read_cell

if TYPE_CHECKING:
    from plugins.impor.opensid import Row

PLACEHOLDERS = {"", "-", "0", "00", "000", "--"}
EXCEL_EPOCH = date(1899, 12, 30)


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
