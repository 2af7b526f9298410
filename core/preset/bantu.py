"""What every plugin's preset section needs besides its own rules (plugin_sdk.preset): the error that refuses a file,
reading a section's CSV, and years, dates and lists written in a section's files.

Every message names the file and the row (or entry): a trainer fixes the file the message names and applies again.
"""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path


class GalatPreset(ValueError):
    """A file of a section that cannot be applied; the message names the file and the row (or entry)."""


def baca_csv(path: Path, nama: str, kolom: tuple[str, ...] = (), *, wajib: bool = False) -> list[tuple[int, dict]]:
    """(row number as a spreadsheet shows it, the header being row 1; row as a dict) of the CSV at `path`, values
    stripped. `nama` names it in messages ("aset/aset.csv"). A header without one of `kolom` is refused; an absent
    file gives [] (refused when `wajib`)."""
    if not path.is_file():
        if wajib:
            raise GalatPreset(f"{nama}: berkas tidak ada.")
        return []
    with path.open(encoding="utf-8-sig", newline="") as berkas:  # utf-8-sig: a spreadsheet's BOM is not a column
        pembaca = csv.DictReader(berkas)
        if kurang := [k for k in kolom if k not in (pembaca.fieldnames or [])]:
            raise GalatPreset(f"{nama}: kolom {', '.join(kurang)} tidak ada di baris judul.")
        return [(n, {k: (v or "").strip() for k, v in row.items() if k}) for n, row in enumerate(pembaca, start=2)]


def tahun_relatif(nilai: object, hari_ini: date, tempat: str, paling_awal: int = -100) -> int:
    """A year written relative to the day the preset is applied (0 this year, -1 last year; an int or its text) as
    the calendar year; anything else, or earlier than `paling_awal`, is refused naming `tempat`."""
    try:
        n = None if isinstance(nilai, bool) else int(str(nilai).strip())
    except ValueError:
        n = None
    if n is None or not paling_awal <= n <= 0:
        raise GalatPreset(f"{tempat}: tahun {nilai!r} harus ditulis relatif: 0 tahun berjalan, -1 tahun lalu.")
    return hari_ini.year + n


def hari_relatif(nilai: object, hari_ini: date, tempat: str, kunci: str = "hari") -> date:
    """A day written as a number of days before the day the preset is applied (0 that day, -7 a week before) as a
    date; a positive number, or anything but a whole number, is refused naming `tempat` and `kunci`."""
    if isinstance(nilai, bool) or not isinstance(nilai, int) or nilai > 0:
        raise GalatPreset(f"{tempat}: {kunci} {nilai!r} harus jumlah hari, 0 atau negatif (hari sebelum preset "
                          "diterapkan).")
    return hari_ini + timedelta(days=nilai)


def bulan_hari(tahun: int, teks: object, tempat: str) -> date:
    """ "03-12" (month-day) of `tahun` as a date; 02-29 of a year without one is the 28th."""
    try:
        bulan, hari = (int(x) for x in str(teks).strip().split("-"))
        if (bulan, hari) == (2, 29) and tahun % 4:  # a leap day written for a year that has none
            hari = 28
        return date(tahun, bulan, hari)
    except ValueError:
        raise GalatPreset(f"{tempat}: tanggal {teks!r} harus bulan-hari, misalnya 03-12.") from None


def daftar_tabel(data: dict, kunci: str, tempat: str) -> list[dict]:
    """The ``[[kunci]]`` entries of a TOML file read by baca_toml ([] when absent); anything but a list of tables is
    refused naming `tempat` (the file)."""
    rows = data.get(kunci, [])
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise GalatPreset(f"{tempat}: [[{kunci}]] harus daftar tabel.")
    return rows
