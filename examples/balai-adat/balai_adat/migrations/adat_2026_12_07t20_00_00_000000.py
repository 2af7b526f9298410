from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete
from piccolo.columns.base import OnUpdate
from piccolo.columns.column_types import Date
from piccolo.columns.column_types import ForeignKey
from piccolo.columns.column_types import Integer
from piccolo.columns.column_types import Serial
from piccolo.columns.column_types import Text
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.column_types import Varchar
from piccolo.columns.defaults.date import DateNow
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table


def _stub(tablename: str) -> type[Table]:
    """A referenced table as the migration sees it: its id only (runs after adat_2026_12_07t10: adat_kaum exists)."""
    return type(tablename, (Table,), {"id": Serial(null=False, primary_key=True, unique=False, index=False,
                                                   index_method=IndexMethod.btree, choices=None, db_column_name="id",
                                                   secret=False)}, tablename=tablename, schema=None)


Suku, Kaum, TanahUlayat = _stub("adat_suku"), _stub("adat_kaum"), _stub("adat_ulayat")

ID = "2026-12-07T20:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "tanah ulayat dan sengketanya"

COMMON = {"primary_key": False, "unique": False, "index_method": IndexMethod.btree, "choices": None,
          "db_column_name": None, "secret": False}


def _fk(references) -> dict:
    return {"references": references, "on_delete": OnDelete.restrict, "on_update": OnUpdate.cascade,
            "target_column": None, "null": True, "default": None, "index": True}


TABLES = {
    ("TanahUlayat", "adat_ulayat"): [
        ("nama", "Varchar", Varchar, {"length": 120, "default": "", "null": False, "index": False}),
        ("jorong", "Integer", Integer, {"default": 0, "null": False, "index": False}),
        ("batas", "Text", Text, {"default": "", "null": False, "index": False}),
        ("luas_m2", "Integer", Integer, {"default": 0, "null": False, "index": False}),
        ("status", "Varchar", Varchar, {"length": 12, "default": "", "null": False, "index": False}),
        ("suku", "ForeignKey", ForeignKey, _fk(Suku)),
        ("kaum", "ForeignKey", ForeignKey, _fk(Kaum)),
        ("penggunaan", "Varchar", Varchar, {"length": 20, "default": "", "null": False, "index": False}),
        ("keterangan", "Text", Text, {"default": "", "null": False, "index": False}),
        ("diubah", "Timestamptz", Timestamptz, {"default": TimestamptzNow(), "null": False, "index": False}),
    ],
    ("SengketaUlayat", "adat_ulayat_sengketa"): [
        ("tanah", "ForeignKey", ForeignKey, {**_fk(TanahUlayat), "null": True}),
        ("tanggal", "Date", Date, {"default": DateNow(), "null": False, "index": False}),
        ("pihak", "Text", Text, {"default": "", "null": False, "index": False}),
        ("uraian", "Text", Text, {"default": "", "null": False, "index": False}),
        ("status", "Varchar", Varchar, {"length": 12, "default": "", "null": False, "index": False}),
        ("hasil", "Text", Text, {"default": "", "null": False, "index": False}),
        ("diubah", "Timestamptz", Timestamptz, {"default": TimestamptzNow(), "null": False, "index": False}),
    ],
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="adat", description=DESCRIPTION)
    for (class_name, tablename), columns in TABLES.items():
        manager.add_table(class_name=class_name, tablename=tablename, schema=None, columns=None)
        for name, column_class_name, column_class, params in columns:
            manager.add_column(table_class_name=class_name, tablename=tablename, column_name=name,
                               db_column_name=name, column_class_name=column_class_name, column_class=column_class,
                               params={**COMMON, **params}, schema=None)
    return manager
