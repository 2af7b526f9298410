"""Passports and KITAS kept beside the register move into it, now that it has their columns.

Runs after the core's migration 2026-12-05T12:20 (this app depends on the core's). Written by hand and with its own
copy of the tables (tests/test_migrasi_literal.py). A value moves only where the register's field is still empty
and the value fits it: a KITAS of a WNI (the register refuses one) or a number longer than the column stays aside,
where the OpenSID export keeps writing it back. Nothing runs backwards: the register's columns are the core's,
and purging this plugin must not empty them.
"""

import json
from datetime import date

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Date, Integer, SmallInt, Text, Varchar
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-05T12:25:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "paspor dan KITAS dari data OpenSID ke register"

MOVED = ("dokumen_pasport", "tanggal_akhir_paspor", "dokumen_kitas")
LONGEST = 45
WNI = 1


class DataOpenSID(Table, tablename="impor_opensid"):
    penduduk = Integer()
    data = Text(default="{}")


class Penduduk(Table, tablename="balai_penduduk"):
    kewarganegaraan = SmallInt(default=1)
    dokumen_pasport = Varchar(length=45, default="")
    tanggal_akhir_paspor = Date(null=True, default=None)
    dokumen_kitas = Varchar(length=45, default="")


def _fits(column: str, value: str, citizenship: int) -> bool:
    if column == "tanggal_akhir_paspor":
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
        return True
    return 0 < len(value) <= LONGEST and not (column == "dokumen_kitas" and citizenship == WNI)


async def move() -> None:
    DataOpenSID._meta.db = Penduduk._meta.db = engine_finder()
    kept = await DataOpenSID.select(DataOpenSID.id, DataOpenSID.penduduk, DataOpenSID.data).run()
    for row in kept:
        data = json.loads(row["data"] or "{}")
        if not any(c in data for c in MOVED):
            continue
        person = await Penduduk.select(*(getattr(Penduduk, c) for c in MOVED), Penduduk.kewarganegaraan).where(
            Penduduk.id == row["penduduk"]).first().run()
        if person is None:
            continue
        values = {}
        for column in MOVED:
            value = str(data.get(column) or "").strip()
            if column == "tanggal_akhir_paspor" and not (values.get("dokumen_pasport") or person["dokumen_pasport"]):
                continue  # a passport's date without its number stays beside it
            if value and not person[column] and _fits(column, value, person["kewarganegaraan"]):
                values[column] = date.fromisoformat(value) if column == "tanggal_akhir_paspor" else value
                del data[column]
        if values:
            await Penduduk.update({getattr(Penduduk, c): v for c, v in values.items()}).where(
                Penduduk.id == row["penduduk"]).run()
            if data:
                await DataOpenSID.update({DataOpenSID.data: json.dumps(data)}).where(
                    DataOpenSID.id == row["id"]).run()
            else:
                await DataOpenSID.delete().where(DataOpenSID.id == row["id"]).run()


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="impor", description=DESCRIPTION)
    manager.add_raw(move)
    return manager
