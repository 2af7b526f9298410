"""Letter types name further persons (`peran`), may list the family card (`keluarga`) and may be about someone
no longer living (`semua_status`; the death certificate always may, whatever this says)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean, Text

ID = "2026-12-05T18:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "jenis surat: peran, keluarga, semua_status"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="surat", description=DESCRIPTION)
    for name, column, default in (("peran", Text, "[]"), ("keluarga", Boolean, False),
                                  ("semua_status", Boolean, False)):
        manager.add_column(table_class_name="JenisSurat", tablename="surat_jenis", column_name=name,
                           db_column_name=name, column_class_name=column.__name__, column_class=column,
                           params={"default": default, "null": False, "primary_key": False, "unique": False,
                                   "index": False, "index_method": None, "choices": None, "db_column_name": None,
                                   "secret": False}, schema=None)
    return manager
