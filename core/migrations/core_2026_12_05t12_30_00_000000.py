"""API tokens for machine clients: `balai_token_api`, written by hand.

Role and scope keys are ON DELETE RESTRICT like the staff accounts' (a role in use cannot vanish). The table
carries its own copy of every column (tests/test_migrasi_literal.py): later changes to the live table class
must not change what this migration made.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import Date, ForeignKey, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-05T12:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "token API untuk aplikasi lain"

TABLE = "balai_token_api"


def _pk() -> Serial:
    return Serial(null=False, primary_key=True, unique=False, index=False, index_method=IndexMethod.btree,
                  choices=None, db_column_name="id", secret=False)


class Peran(Table, tablename="balai_peran", schema=None):
    id = _pk()


class Wilayah(Table, tablename="balai_wilayah", schema=None):
    id = _pk()


def _params(**own) -> dict:
    return {"null": False, "primary_key": False, "unique": False, "index": False, "index_method": IndexMethod.btree,
            "choices": None, "db_column_name": None, "secret": False, **own}


def _key(table, null: bool) -> dict:
    return _params(references=table, on_delete=OnDelete.restrict, on_update=OnUpdate.cascade, target_column=None,
                   null=null, **({"default": None} if null else {}))


COLUMNS = (
    ("kode", Varchar, _params(length=16, default="", unique=True, index=True)),
    ("hash_rahasia", Varchar, _params(length=64, default="", secret=True)),
    ("nama", Varchar, _params(length=120, default="")),
    ("peran", ForeignKey, _key(Peran, null=False)),
    ("wilayah_lingkup", ForeignKey, _key(Wilayah, null=True)),
    ("berlaku_sampai", Date, _params()),
    ("dibuat", Timestamptz, _params(default=TimestamptzNow())),
    ("dibuat_oleh", Varchar, _params(length=64, default="")),
    ("dicabut", Timestamptz, _params(null=True, default=None)),
    ("dicabut_oleh", Varchar, _params(length=64, default="")),
    ("terakhir_dipakai", Timestamptz, _params(null=True, default=None)),
    ("terakhir_ip", Varchar, _params(length=64, default="")),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    manager.add_table(class_name="TokenApi", tablename=TABLE, schema=None, columns=None)
    for name, column_class, params in COLUMNS:
        manager.add_column(table_class_name="TokenApi", tablename=TABLE, column_name=name, db_column_name=name,
                           column_class_name=column_class.__name__, column_class=column_class, params=params,
                           schema=None)
    return manager
