"""The regulations' table (by hand)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Date, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T04:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "tabel produk hukum: peraturan dan keputusan dengan statusnya"


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="informasi_publik", description=DESCRIPTION)
    table, name = "ProdukHukum", "informasi_publik_hukum"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "jenis", Varchar, length=10, index=True)
    _column(manager, table, name, "nomor", Integer, default=0)
    _column(manager, table, name, "tahun", Integer, default=0, index=True)
    _column(manager, table, name, "judul", Varchar, length=250)
    _column(manager, table, name, "pokok", Text)
    _column(manager, table, name, "ditetapkan", Date, default=None)
    _column(manager, table, name, "disepakati", Date, default=None, null=True)
    _column(manager, table, name, "diundangkan", Date, default=None, null=True)
    _column(manager, table, name, "nomor_lembaran", Varchar, length=40)
    _column(manager, table, name, "status", Varchar, length=8, default="berlaku", index=True)
    _column(manager, table, name, "status_oleh", Integer, default=None, null=True)
    _column(manager, table, name, "mengubah_id", Integer, default=None, null=True)
    _column(manager, table, name, "tindakan", Varchar, length=8)
    _column(manager, table, name, "berkas", Varchar, length=40)
    _column(manager, table, name, "keterangan", Varchar, length=250)
    _column(manager, table, name, "cari", Text)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())
    return manager
