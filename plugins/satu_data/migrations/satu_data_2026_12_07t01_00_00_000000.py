"""The rows before suppression beside each release, and the change log the sync plugin reads."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T01:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "satu data: baris sebelum sensor per terbitan, log perubahan untuk sinkron"


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="satu_data", description=DESCRIPTION)
    _column(manager, "TerbitanDataset", "satu_data_terbitan", "mentah", Text, default="")

    table, name = "PerubahanDataset", "satu_data_perubahan"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "dataset", Varchar, length=100)
    _column(manager, table, name, "periode", Varchar, length=10)
    _column(manager, table, name, "versi", Integer, default=1)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())
    return manager
