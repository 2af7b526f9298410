"""The hub's small tables: the nagari enrolled, their keys, one-time enrolment codes."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import BigInt, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T03:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "hub sinkron: nagari terdaftar, kunci publik nagari, kode undangan sekali pakai"


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="sinkron", description=DESCRIPTION)

    table, name = "NodeHub", "hub_node"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "kode_wilayah", Varchar, length=20, unique=True)
    _column(manager, table, name, "nama", Varchar, length=120)
    _column(manager, table, name, "kecamatan", Varchar, length=120)
    _column(manager, table, name, "status", Varchar, length=12, default="menunggu")
    _column(manager, table, name, "kontak", Varchar, length=200)
    _column(manager, table, name, "didaftarkan", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "dikonfirmasi", Timestamptz, default=None, null=True)
    _column(manager, table, name, "terakhir_terlihat", Timestamptz, default=None, null=True)
    _column(manager, table, name, "detak", Text, default="{}")
    _column(manager, table, name, "seq_terakhir", BigInt, default=0)

    table, name = "KunciNode", "hub_kunci"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "node", Varchar, length=20, index=True)
    _column(manager, table, name, "kid", Varchar, length=32)
    _column(manager, table, name, "kunci", Varchar, length=64)
    _column(manager, table, name, "status", Varchar, length=12, default="aktif")
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())

    table, name = "UndanganHub", "hub_undangan"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "kode_wilayah", Varchar, length=20, index=True)
    _column(manager, table, name, "kode_hash", Varchar, length=64, unique=True)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "kedaluwarsa", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "dipakai", Timestamptz, default=None, null=True)
    _column(manager, table, name, "oleh", Varchar, length=60)
    return manager
