from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete
from piccolo.columns.base import OnUpdate
from piccolo.columns.column_types import ForeignKey
from piccolo.columns.column_types import Serial
from piccolo.columns.column_types import Text
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table


class Suku(Table, tablename="adat_suku", schema=None):
    id = Serial(null=False, primary_key=True, unique=False, index=False, index_method=IndexMethod.btree,
                choices=None, db_column_name="id", secret=False)


ID = "2026-12-07T10:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "kaum dalam suku"

COMMON = {"primary_key": False, "unique": False, "index_method": IndexMethod.btree, "choices": None,
          "db_column_name": None, "secret": False}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="adat", description=DESCRIPTION)
    manager.add_table(class_name="Kaum", tablename="adat_kaum", schema=None, columns=None)
    columns = [
        ("nama", "Varchar", Varchar, {"length": 80, "default": "", "null": False, "index": False}),
        ("suku", "ForeignKey", ForeignKey, {"references": Suku, "on_delete": OnDelete.restrict,
                                            "on_update": OnUpdate.cascade, "target_column": None, "null": True,
                                            "default": None, "index": True}),
        ("keterangan", "Text", Text, {"default": "", "null": False, "index": False}),
    ]
    for name, class_name, column_class, params in columns:
        manager.add_column(table_class_name="Kaum", tablename="adat_kaum", column_name=name,
                           db_column_name=name, column_class_name=class_name, column_class=column_class,
                           params={**COMMON, **params}, schema=None)

    return manager
