"""Drop `surat_jenis.mandiri` (its values were kept aside by the previous migration)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-05T10:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "kolom mandiri jenis surat dihapus"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="surat", description=DESCRIPTION)
    manager.drop_column(table_class_name="JenisSurat", tablename="surat_jenis", column_name="mandiri",
                        db_column_name="mandiri", schema=None)
    return manager
