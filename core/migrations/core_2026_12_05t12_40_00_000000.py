"""A resident's photo and document scans (KTP, KK, akta, ...): `balai_penduduk_berkas`, written by hand.

The resident key is ON DELETE RESTRICT like every key to the register (ENGINEERING-NOTES 9). One photo per
resident is a partial unique index, which both engines have and Piccolo's column options cannot say.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import ForeignKey, Integer, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-05T12:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "foto dan dokumen penduduk"

TABLE = "balai_penduduk_berkas"
ONE_PHOTO = "balai_penduduk_berkas_satu_foto"


class Penduduk(Table, tablename="balai_penduduk", schema=None):
    id = Serial(null=False, primary_key=True, unique=False, index=False, index_method=IndexMethod.btree,
                choices=None, db_column_name="id", secret=False)


def _params(**own) -> dict:
    return {"null": False, "primary_key": False, "unique": False, "index": False, "index_method": IndexMethod.btree,
            "choices": None, "db_column_name": None, "secret": False, **own}


COLUMNS = (
    ("penduduk", ForeignKey, _params(references=Penduduk, on_delete=OnDelete.restrict, on_update=OnUpdate.cascade,
                                     target_column=None, index=True)),
    ("jenis", Varchar, _params(length=16, default="")),
    ("judul", Varchar, _params(length=120, default="")),
    ("berkas", Varchar, _params(length=64, default="", unique=True)),
    ("ukuran", Integer, _params(default=0)),
    ("mime", Varchar, _params(length=64, default="")),
    ("diunggah_oleh", Varchar, _params(length=64, default="")),
    ("diunggah", Timestamptz, _params(default=TimestamptzNow())),
)


class OnePhotoIndex(MigrationManager):
    """Makes the table, then its partial index, in one transaction (raw steps would run before the table exists)."""

    async def run(self, backwards: bool = False):
        engine = engine_finder()
        async with engine.transaction():  # the manager's own transaction joins this one
            await super().run(backwards=backwards)
            if not backwards and not self.preview:  # backwards, dropping the table drops its index
                await engine.run_ddl(f"CREATE UNIQUE INDEX IF NOT EXISTS {ONE_PHOTO} ON {TABLE} (penduduk) "
                                     "WHERE jenis = 'foto'")


async def forwards():
    manager = OnePhotoIndex(migration_id=ID, app_name="core", description=DESCRIPTION)
    manager.add_table(class_name="BerkasPenduduk", tablename=TABLE, schema=None, columns=None)
    for name, column_class, params in COLUMNS:
        manager.add_column(table_class_name="BerkasPenduduk", tablename=TABLE, column_name=name,
                           db_column_name=name, column_class_name=column_class.__name__, column_class=column_class,
                           params=params, schema=None)
    return manager
