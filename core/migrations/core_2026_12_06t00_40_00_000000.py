"""An official's photo for the public website (`balai_perangkat.foto`), written by hand.

The column holds the stem of the stored WebP (core/files_gambar.py), empty when there is none; officials already
on record have none. The photo itself lives in the file store, not in the database.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T00:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "foto perangkat"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    manager.add_column(
        table_class_name="Perangkat",
        tablename="balai_perangkat",
        column_name="foto",
        db_column_name="foto",
        column_class_name="Varchar",
        column_class=Varchar,
        params={"length": 64, "default": "", "null": False, "primary_key": False, "unique": False, "index": False,
                "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False},
        schema=None,
    )
    return manager
