"""Working days for the PPID deadlines (UU 14/2008 art. 22 (7), (8) and art. 36): pure functions of dates and a set
of holidays, so the arithmetic is tested without a database. A working day is Monday to Friday and not a holiday of
the office's calendar (national holidays and cuti bersama, data/hari_libur.csv, editable at /admin/ppid/libur).

The day a request is received does not count: its 10th working day after is the deadline (a request received on a
Saturday starts counting on Monday).
"""

from __future__ import annotations

import csv
from collections.abc import Collection
from datetime import date, timedelta
from pathlib import Path

DATA = Path(__file__).parent / "data" / "hari_libur.csv"
JAWAB, PERPANJANG, KEBERATAN = 10, 7, 30  # art. 22 (7), art. 22 (8), art. 36 (2)


def hari_kerja(hari: date, libur: Collection[date]) -> bool:
    return hari.weekday() < 5 and hari not in libur


def tambah(mulai: date, n: int, libur: Collection[date]) -> date:
    """The n-th working day after `mulai` (`mulai` itself not counted)."""
    hari = mulai
    while n > 0:
        hari += timedelta(days=1)
        if hari_kerja(hari, libur):
            n -= 1
    return hari


def antara(dari: date, sampai: date, libur: Collection[date]) -> int:
    """Working days in (dari, sampai]: 0 when sampai is not after dari."""
    hari, n = dari, 0
    while hari < sampai:
        hari += timedelta(days=1)
        n += hari_kerja(hari, libur)
    return n


def sisa(hari_ini: date, tenggat: date, libur: Collection[date]) -> int:
    """Working days left until the deadline (0: today is the last day); negative: overdue by that many working
    days, at least 1 (a deadline passed over a weekend is late all the same)."""
    if hari_ini <= tenggat:
        return antara(hari_ini, tenggat, libur)
    return -max(1, antara(tenggat, hari_ini, libur))


def terlambat(hari_ini: date, tenggat: date) -> bool:
    return hari_ini > tenggat


def libur_bawaan(path: Path = DATA) -> list[tuple[date, str, bool]]:
    """The seeded holidays: (tanggal, nama, cuti_bersama) from the data file, lines starting with # skipped."""
    with open(path, encoding="utf-8") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return [(date.fromisoformat(r["tanggal"]), r["nama"], r["cuti_bersama"] == "1") for r in rows]


__all__ = ["JAWAB", "KEBERATAN", "PERPANJANG", "antara", "hari_kerja", "libur_bawaan", "sisa", "tambah",
           "terlambat"]
