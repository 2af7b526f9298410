"""NIK and No. KK: what makes one invalid (an error) and what only looks odd (a warning).

A NIK is PPKKCC (where it was first issued) + DDMMYY (birth date; women add 40 to the
day) + a 4-digit serial that is never 0000. It never changes, not even when the
birth date on record is corrected, so a disagreement with the record is a warning.
A resident without one gets a temporary number: 0 + the 10-digit village code + a
5-digit serial. A No. KK has 16 digits too and uses the same temporary scheme.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Check:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def clean_number(value: str | None) -> str:
    return "".join((value or "").split()).replace(".", "")


def is_temporary(number: str) -> bool:
    return len(number) == 16 and number.startswith("0")


def temporary(village_code: str, serial: int) -> str:
    """A temporary NIK or No. KK for someone not (yet) registered with Dukcapil."""
    if len(village_code) != 10 or not village_code.isdigit():
        raise ValueError("Kode desa harus 10 angka untuk membuat nomor sementara.")
    return f"0{village_code}{serial:05d}"


def check_nik(nik: str, birth: date | None = None, sex: int | None = None) -> Check:
    result = Check()
    nik = clean_number(nik)
    if len(nik) != 16 or not nik.isdigit():
        result.errors.append("NIK harus 16 angka.")
        return result
    if is_temporary(nik):
        if nik[11:] == "00000":
            result.errors.append("Nomor urut NIK sementara tidak boleh 00000.")
        return result
    if nik[12:] == "0000":
        result.errors.append("Empat angka terakhir NIK (nomor urut) tidak boleh 0000.")
    day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    nik_sex = 2 if day > 40 else 1
    day = day - 40 if day > 40 else day
    try:
        date(2000 + year, month, day)
    except ValueError:
        result.warnings.append("Bagian tanggal lahir di NIK bukan tanggal yang sah.")
        return result
    if birth is not None and (birth.day, birth.month, birth.year % 100) != (day, month, year):
        result.warnings.append(
            f"Tanggal lahir di NIK ({day:02d}-{month:02d}-{year:02d}) berbeda dengan tanggal lahir tercatat.")
    if sex in (1, 2) and sex != nik_sex:
        result.warnings.append("Jenis kelamin menurut NIK berbeda dengan jenis kelamin tercatat.")
    return result


def check_kk(no_kk: str) -> Check:
    result = Check()
    no_kk = clean_number(no_kk)
    if len(no_kk) != 16 or not no_kk.isdigit():
        result.errors.append("Nomor KK harus 16 angka.")
    elif not is_temporary(no_kk) and no_kk[12:] == "0000":
        result.errors.append("Empat angka terakhir nomor KK tidak boleh 0000.")
    return result
