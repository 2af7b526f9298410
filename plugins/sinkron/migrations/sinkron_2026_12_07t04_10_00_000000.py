"""The digest of each applied batch's payload (`hub_batch.sidik`, SHA-256 hex): a frame whose number the hub already
applied is compared with it, so a nagari restored from an old backup (new batches under numbers already used) is
refused with a clear message instead of skipped as a duplicate. Batches applied before keep '' (not compared)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T04:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "hub sinkron: sidik isi setiap batch yang diterapkan"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="sinkron", description=DESCRIPTION)
    # on PostgreSQL the partitioned table passes the new column on to each partition
    manager.add_column(table_class_name="BatchHub", tablename="hub_batch", column_name="sidik",
                       db_column_name="sidik", column_class_name="Varchar", column_class=Varchar, schema=None,
                       params={"length": 64, "default": "", "null": False, "primary_key": False, "unique": False,
                               "index": False, "index_method": IndexMethod.btree, "choices": None,
                               "db_column_name": None, "secret": False})
    return manager
