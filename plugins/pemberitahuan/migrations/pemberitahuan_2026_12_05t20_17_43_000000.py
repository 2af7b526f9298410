"""The residents' choices of channel and the notices with their delivery state (written by hand)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table


class Penduduk(Table, tablename="balai_penduduk", schema=None):
    id = Serial(null=False, primary_key=True, unique=False, index=False, index_method=IndexMethod.btree,
                choices=None, db_column_name="id", secret=False)


ID = "2026-12-05T20:17:43:000000"
VERSION = "1.38.0"
DESCRIPTION = "pilihan saluran warga dan kiriman pemberitahuan"


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


def _resident(manager, table: str, tablename: str, **params) -> None:
    _column(manager, table, tablename, "penduduk", ForeignKey, references=Penduduk, on_delete=OnDelete.restrict,
            on_update=OnUpdate.cascade, target_column=None, null=True, default=None, **params)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="pemberitahuan", description=DESCRIPTION)

    manager.add_table(class_name="Pilihan", tablename="pemberitahuan_pilihan", schema=None, columns=None)
    _resident(manager, "Pilihan", "pemberitahuan_pilihan", unique=True, index=True)
    _column(manager, "Pilihan", "pemberitahuan_pilihan", "saluran", Varchar, length=40)
    _column(manager, "Pilihan", "pemberitahuan_pilihan", "alamat", Varchar, length=200)
    _column(manager, "Pilihan", "pemberitahuan_pilihan", "diubah", Timestamptz, default=TimestamptzNow())

    table, name = "Kiriman", "pemberitahuan_kiriman"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "kode", Varchar, length=32, unique=True)
    _resident(manager, table, name, index=True)
    _column(manager, table, name, "jenis", Varchar, length=16)
    _column(manager, table, name, "peristiwa", Varchar, length=16)
    _column(manager, table, name, "sumber_id", Integer, default=None, null=True)
    _column(manager, table, name, "kunci", Varchar, length=48, index=True)
    _column(manager, table, name, "judul", Varchar, length=120)
    _column(manager, table, name, "teks", Text)
    _column(manager, table, name, "tautan", Varchar, length=300)
    _column(manager, table, name, "saluran", Varchar, length=40)
    _column(manager, table, name, "alamat", Varchar, length=200)
    _column(manager, table, name, "status", Varchar, length=16, index=True)
    _column(manager, table, name, "percobaan", Integer, default=0)
    _column(manager, table, name, "galat", Varchar, length=300)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow(), index=True)
    _column(manager, table, name, "diubah", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "coba_lagi", Timestamptz, default=None, null=True)
    _column(manager, table, name, "terkirim", Timestamptz, default=None, null=True)
    return manager
