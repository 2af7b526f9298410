"""The letter types residents may request themselves: self-service's own table, keyed by letter type code."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-05T10:00:02:000000"
VERSION = "1.38.0"
DESCRIPTION = "jenis surat yang bisa diajukan warga"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="layanan_mandiri", description=DESCRIPTION)
    manager.add_table(class_name="JenisMandiri", tablename="mandiri_jenis", schema=None, columns=None)
    manager.add_column(
        table_class_name="JenisMandiri",
        tablename="mandiri_jenis",
        column_name="kode",
        db_column_name="kode",
        column_class_name="Varchar",
        column_class=Varchar,
        params={"length": 40, "default": "", "null": False, "primary_key": False, "unique": True, "index": False,
                "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False},
        schema=None,
    )
    return manager
