from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Text
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-27T01:27:21:706390"
VERSION = "1.38.0"
DESCRIPTION = "tabel suku"


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="adat", description=DESCRIPTION
    )

    manager.add_table(
        class_name="Suku", tablename="adat_suku", schema=None, columns=None
    )

    manager.add_column(
        table_class_name="Suku",
        tablename="adat_suku",
        column_name="nama",
        db_column_name="nama",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 80,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": True,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="Suku",
        tablename="adat_suku",
        column_name="penghulu",
        db_column_name="penghulu",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 120,
            "default": "",
            "null": False,
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

    manager.add_column(
        table_class_name="Suku",
        tablename="adat_suku",
        column_name="keterangan",
        db_column_name="keterangan",
        column_class_name="Text",
        column_class=Text,
        params={
            "default": "",
            "null": False,
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
