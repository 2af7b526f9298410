"""The node's tables: the enrolment with the hub, the outbox of signed batches, the packing cursor."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T02:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "sinkron (nagari): hub tujuan, kotak keluar, kursor"


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="sinkron", description=DESCRIPTION)

    table, name = "SinkronHub", "sinkron_hub"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "url", Varchar, length=300)
    _column(manager, table, name, "kode_wilayah", Varchar, length=20)
    _column(manager, table, name, "status", Varchar, length=10, default="menunggu")
    _column(manager, table, name, "sidik_jari", Varchar, length=60)
    _column(manager, table, name, "didaftarkan", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "terakhir_diakui", Timestamptz, default=None, null=True)
    _column(manager, table, name, "seq_diakui", Integer, default=0)
    _column(manager, table, name, "galat", Varchar, length=500)

    table, name = "KotakKeluar", "sinkron_keluar"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "seq", Integer, default=0, unique=True)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "bingkai", Text)
    _column(manager, table, name, "ukuran", Integer, default=0)
    _column(manager, table, name, "jumlah_rilis", Integer, default=0)
    _column(manager, table, name, "status", Varchar, length=10, default="tertunda", index=True)
    _column(manager, table, name, "percobaan", Integer, default=0)
    _column(manager, table, name, "galat", Varchar, length=500)
    _column(manager, table, name, "berikutnya", Timestamptz, default=None, null=True)
    _column(manager, table, name, "diakui_pada", Timestamptz, default=None, null=True)
    _column(manager, table, name, "lewat", Varchar, length=10)

    table, name = "KursorSinkron", "sinkron_kursor"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "posisi_satu_data", Integer, default=0)
    _column(manager, table, name, "ringkasan", Text, default="{}")
    return manager
