"""Spreadsheet cells that stay data: no formula injection, no characters a spreadsheet or XML cannot hold.

A CSV cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return before one) is a
formula to Excel and LibreOffice: a resident's name typed as ``=HYPERLINK(...)`` or ``=cmd|...`` would
run on the computer of whoever opens the export. Such a cell is written with a leading apostrophe, which
spreadsheets show as plain text; plain numbers (``-0.23``, a latitude) and a lone ``-`` (OpenSID's
"empty") are left alone since they are no formula. `read_cell` takes the apostrophe off again, so an
export imported back is exact.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Iterable

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?")
# Control characters (C0 but tab, newline and CR; DEL and C1), what XML 1.0 forbids besides, lone surrogates.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACE_CONTROL = re.compile("[\x0b\x0c\x1c-\x1f]")  # whitespace to Python (Word's Shift+Enter is \x0b): a space


def clean_text(value: str) -> str:
    """`value` without control characters and what XML 1.0 forbids; the whitespace-like ones become a space.

    One in a name makes a whole xlsx sheet unreadable to a strict parser (Excel calls the file damaged).
    """
    return value if value.isprintable() else _SPACE_CONTROL.sub(" ", _CONTROL.sub("", value))


def csv_cell(value):
    """One cell as it is safe to write to a CSV file: text cleaned, a would-be formula quoted with an apostrophe."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    if value[:1] in FORMULA_START and value != "-" and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def read_cell(value: str) -> str:
    """The text of a cell `csv_cell` wrote: the apostrophe that guarded a formula-like value is taken off."""
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_START:
        return value[1:]
    return value


def write_csv(target: Path, header: Iterable[str], rows: Iterable[Iterable]) -> None:
    """A UTF-8 CSV with every cell through `csv_cell`."""
    with Path(target).open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow([csv_cell(c) for c in header])
        out.writerows([csv_cell(c) for c in row] for row in rows)
