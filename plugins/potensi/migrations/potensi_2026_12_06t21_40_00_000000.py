"""The year the public page shows, chosen by the office (one row)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T21:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "tabel potensi: tahun yang diterbitkan di halaman publik"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="potensi", description=DESCRIPTION)
    manager.add_table(class_name="TahunTerbitPotensi", tablename="potensi_tahun_terbit", schema=None, columns=None)
    manager.add_column(
        table_class_name="TahunTerbitPotensi", tablename="potensi_tahun_terbit", column_name="tahun",
        db_column_name="tahun", column_class_name="Integer", column_class=Integer, schema=None,
        params={"default": 0, "null": False, "primary_key": False, "unique": False, "index": False,
                "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False})
    return manager
