from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete
from piccolo.columns.base import OnUpdate
from piccolo.columns.column_types import Date
from piccolo.columns.column_types import ForeignKey
from piccolo.columns.column_types import Serial
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod
from piccolo.engine import engine_finder
from piccolo.table import Table


def _id():
    return Serial(null=False, primary_key=True, unique=False, index=False, index_method=IndexMethod.btree,
                  choices=None, db_column_name="id", secret=False)


class Penduduk(Table, tablename="balai_penduduk", schema=None):
    id = _id()


class Suku(Table, tablename="adat_suku", schema=None):
    id = _id()


class Kaum(Table, tablename="adat_kaum", schema=None):
    id = _id()


ID = "2026-12-07T10:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "penghulu dan KAN; kaum warga"

COMMON = {"primary_key": False, "unique": False, "index_method": IndexMethod.btree, "choices": None,
          "db_column_name": None, "secret": False}


def _fk(references, index=True):
    return {"references": references, "on_delete": OnDelete.restrict, "on_update": OnUpdate.cascade,
            "target_column": None, "null": True, "default": None, "index": index}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="adat", description=DESCRIPTION)
    manager.add_table(class_name="Penghulu", tablename="adat_penghulu", schema=None, columns=None)
    columns = [
        ("gelar", "Varchar", Varchar, {"length": 120, "default": "", "null": False, "index": False}),
        ("suku", "ForeignKey", ForeignKey, _fk(Suku)),
        ("kaum", "ForeignKey", ForeignKey, _fk(Kaum)),
        ("penduduk", "ForeignKey", ForeignKey, _fk(Penduduk)),
        ("sejak", "Date", Date, {"default": None, "null": True, "index": False}),
        ("jabatan_kan", "Varchar", Varchar, {"length": 20, "default": "", "null": False, "index": False}),
    ]
    for name, class_name, column_class, params in columns:
        manager.add_column(table_class_name="Penghulu", tablename="adat_penghulu", column_name=name,
                           db_column_name=name, column_class_name=class_name, column_class=column_class,
                           params={**COMMON, **params}, schema=None)
    manager.add_column(table_class_name="SukuWarga", tablename="adat_suku_warga", column_name="kaum",
                       db_column_name="kaum", column_class_name="ForeignKey", column_class=ForeignKey,
                       params={**COMMON, **_fk(Kaum)}, schema=None)

    async def lepas_indeks():
        # SQLite drops no indexed column: the column's index goes first when the plugin's data is purged
        await engine_finder().run_ddl("DROP INDEX IF EXISTS adat_suku_warga_kaum")

    manager.add_raw_backwards(lepas_indeks)
    return manager
