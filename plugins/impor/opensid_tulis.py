"""Writing a resident as an OpenSID row: the 43 columns of OpenSID's import template, then the register's detail
fields OpenSID's database has but its template lacks (OpenSID's import reads columns by name and passes over them).

Written as a plan over the columns: an export calls `to_cells` 20,000 times (the dict-per-row version took 0.8 s).
"""

from __future__ import annotations

from datetime import date, time

from plugins.impor.opensid import (CODED, COLUMNS, DETAIL_OPTIONAL, DETAIL_TEMPLATE, EXTRA_DATES, EXTRA_TEXT, TEXT,
                                   _dmy, ktp_columns, marital_4)

EXPORT_COLUMNS = (*COLUMNS, *DETAIL_OPTIONAL)
_COPIED = {**{c: f for c, (f, _) in TEXT.items()}, **{c: f for c, (f, _, _) in CODED.items()},
           "nik": "nik", "ayah_nik": "nik_ayah", "ibu_nik": "nik_ibu"}
_DETAILS = (*DETAIL_TEMPLATE, *DETAIL_OPTIONAL)
# How each column is filled: 0 copied from the register, 1 worked out, 2 an extra text, 3 an extra date,
# 4 a detail field in OpenSID's way of writing it (or what was kept as received while the register has none).
_WRITE_PLAN = tuple((c, 0, _COPIED[c]) if c in _COPIED else (c, 2, c) if c in EXTRA_TEXT else (c, 3, c)
                    if c in EXTRA_DATES else (c, 4, c) if c in _DETAILS else (c, 1, c) for c in EXPORT_COLUMNS)


def detail_cell(value):
    """A detail field as OpenSID writes it: dates dd-mm-yyyy, times HH:MM, 49.5 and 50 (not 50.0)."""
    if isinstance(value, date):
        return _dmy(value)
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return f"{value:g}"
    return value


def to_cells(person: dict, extra: dict, wilayah: tuple[str, str, str], no_kk: str) -> list:
    """One resident as an OpenSID row, in EXPORT_COLUMNS order (dates as dd-mm-yyyy text, as OpenSID writes them)."""
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
        elif how == 3:
            out.append(_dmy(date.fromisoformat(extra[key])) if extra.get(key) else "")
        else:
            value = person[key]
            out.append(extra.get(column, "") if value is None or value == "" else detail_cell(value))
    return out
