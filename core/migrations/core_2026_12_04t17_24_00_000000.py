from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete
from piccolo.columns.base import OnUpdate
from piccolo.columns.column_types import ForeignKey
from piccolo.columns.column_types import Serial
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table


class Wilayah(Table, tablename="balai_wilayah", schema=None):
    id = Serial(
        null=False,
        primary_key=True,
        unique=False,
        index=False,
        index_method=IndexMethod.btree,
        choices=None,
        db_column_name="id",
        secret=False,
    )


ID = "2026-12-04T17:24:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "lingkup wilayah pengguna"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)

    # A staff account limited to one jorong/RW/RT and what lies below it; NULL is the whole nagari.
    manager.add_column(
        table_class_name="Pengguna",
        tablename="balai_pengguna",
        column_name="wilayah_lingkup",
        db_column_name="wilayah_lingkup",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": Wilayah,
            "on_delete": OnDelete.restrict,
            "on_update": OnUpdate.cascade,
            "target_column": None,
            "null": True,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager
