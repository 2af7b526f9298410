"""A cancellation names the mutation it cancels; register numbers are counted per code in their own table."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T21:24:20:000000"
VERSION = "1.38.0"
DESCRIPTION = "aset: pembatalan mutasi (kolom membatalkan), penghitung nomor register per kode barang"


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="aset", description=DESCRIPTION)
    _column(manager, "MutasiAset", "aset_mutasi", "membatalkan", Integer, default=None, null=True)

    table, name = "NomorRegister", "aset_nomor"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "kode_barang", Varchar, length=30)
    _column(manager, table, name, "terakhir", Integer, default=0)
    return manager

