"""The open-data tables: the office's choices, the releases, the outcome of the last release of each dataset."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T00:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "tabel satu data: pilihan dataset, terbitan per periode, catatan terbit"


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="satu_data", description=DESCRIPTION)

    table, name = "PilihanDataset", "satu_data_pilihan"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "dataset", Varchar, length=100, unique=True)
    _column(manager, table, name, "terbit", Boolean, default=False)
    _column(manager, table, name, "jadwal", Varchar, length=10, default="bulanan")
    _column(manager, table, name, "diubah", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "oleh", Varchar, length=60)

    table, name = "TerbitanDataset", "satu_data_terbitan"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "dataset", Varchar, length=100, index=True)
    _column(manager, table, name, "periode", Varchar, length=10)
    _column(manager, table, name, "baris", Text, default="[]")
    _column(manager, table, name, "jumlah_baris", Integer, default=0)
    _column(manager, table, name, "sidik", Varchar, length=64)
    _column(manager, table, name, "sementara", Boolean, default=False)
    _column(manager, table, name, "catatan", Varchar, length=300)
    _column(manager, table, name, "versi", Integer, default=1)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "diubah", Timestamptz, default=TimestamptzNow())

    table, name = "CatatanTerbit", "satu_data_catatan"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "dataset", Varchar, length=100, unique=True)
    _column(manager, table, name, "pada", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "berhasil", Boolean, default=True)
    _column(manager, table, name, "pesan", Varchar, length=500)
    return manager
