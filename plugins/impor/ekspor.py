"""Exports of the register: OpenSID's 43 columns (xlsx or CSV) and Balai's lossless CSV of every field."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

from plugin_sdk.dokumen import write_csv, write_xlsx
from plugin_sdk.register import FIELDS, stream_residents

from plugins.impor.opensid_tulis import EXPORT_COLUMNS, to_cells
from plugins.impor.tables import DataOpenSID

FORMATS = {"opensid-xlsx": ("OpenSID (xlsx)", "xlsx"), "opensid-csv": ("OpenSID (CSV)", "csv"),
           "balai-csv": ("Balai lengkap (CSV)", "csv")}
# Balai's lossless export: every register field, plus the family and place it belongs to.
BALAI_COLUMNS = (*FIELDS, "no_kk", "dusun", "rw", "rt")


async def place_paths() -> dict[int, tuple[str, str, str]]:
    """Every dusun/RW/RT id -> (dusun, rw, rt) by each level's tingkat: an RT directly under its dusun is ("X", "", "1")."""
    from plugin_sdk.register import wilayah_rows

    rows = {r["id"]: r for r in await wilayah_rows()}
    out = {}
    for wid, row in rows.items():
        parts, current, seen = ["", "", ""], row, set()
        while current is not None and current["id"] not in seen:
            seen.add(current["id"])
            if 1 <= current["tingkat"] <= 3 and not parts[current["tingkat"] - 1]:
                parts[current["tingkat"] - 1] = current["nama"]
            current = rows.get(current["induk"])
        out[wid] = tuple(parts)
    return out


async def residents(progress=None) -> list[tuple[dict, dict, tuple, str]]:
    """Every resident (all statuses) in the reader's scope, in id order, with OpenSID extras, place path and KK number."""
    places = await place_paths()
    extras = {r["penduduk"]: json.loads(r["data"]) for r in await DataOpenSID.select().run()}
    return [(r, extras.get(r["id"], {}), places.get(r["wilayah"], ("", "", "")), r["no_kk"] or "")
            async for r in stream_residents(living=False)]


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return f"{value:g}"  # panjang_lahir 50, not 50.0
    return value


def opensid_rows(people, handed: dict[int, dict[str, str]] | None = None) -> list[list]:
    """`handed`: values a plugin's section holds for an OpenSID column ({penduduk_id: {"suku": "Piliang"}})."""
    handed = handed or {}
    return [to_cells(person, {**extra, **handed[person["id"]]} if person["id"] in handed else extra, place, no_kk)
            for person, extra, place, no_kk in people]


def balai_rows(people) -> list[list]:
    return [[_cell(person[f]) for f in FIELDS] + [no_kk, *place] for person, _, place, no_kk in people]


def write(fmt: str, people, target: Path, tambahan: tuple[list[str], dict[int, list[str]]] | None = None,
          handed: dict[int, dict[str, str]] | None = None) -> None:
    """`tambahan`: plugins' extra resident columns for the Balai CSV (`plugin_sdk.tambahan.columns_for_export`);
    `handed`: for the OpenSID formats, the OpenSID columns a plugin holds (kolom_plugin.handed_values)."""
    if fmt == "balai-csv":
        header, rows = BALAI_COLUMNS, balai_rows(people)
        if tambahan and tambahan[0]:
            header = (*header, *tambahan[0])
            rows = [row + tambahan[1].get(person["id"], []) for row, (person, *_) in zip(rows, people)]
    else:
        header, rows = EXPORT_COLUMNS, opensid_rows(people, handed)
    if fmt.endswith("xlsx"):
        write_xlsx(target, {"penduduk": [list(header), *rows]})
        return
    write_csv(target, header, rows)  # control characters out, formula-like cells guarded


async def kept_beside(penduduk_id: int) -> dict:
    """For the resident's page: the OpenSID values kept beside the register, those Balai could not map first."""
    from plugins.impor.opensid import DETAIL_OPTIONAL, DETAIL_TEMPLATE, KEPT_AS_RECEIVED, KTP_COLUMNS

    row = await DataOpenSID.select(DataOpenSID.data).where(DataOpenSID.penduduk == penduduk_id).first().run()
    data = json.loads(row["data"]) if row else {}
    unknown = (*KTP_COLUMNS, *KEPT_AS_RECEIVED, *DETAIL_TEMPLATE, *DETAIL_OPTIONAL)  # refused by the register's check
    return {"tak_dikenal": [(c, data[c]) for c in unknown if c in data],
            "lain": [(c, v) for c, v in data.items() if c not in unknown]}
