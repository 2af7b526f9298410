"""The residents' accounts table, adopted from the kernel where it already exists.

Until this release `balai_akun_warga` belonged to the core app (core migration 2026-11-27T05:31:51:434582, which
stays in the core's history and still creates it on a fresh install). This migration records the same table under
the `akun_warga` app without touching it: where the table exists its rows stay as they are; where it does not (the
plugin's data was purged, then the plugin enabled again) it is created exactly as the kernel did. Backwards (a
purge) drops it, as any plugin's first migration does.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete
from piccolo.columns.base import OnUpdate
from piccolo.columns.column_types import Boolean
from piccolo.columns.column_types import ForeignKey
from piccolo.columns.column_types import Integer
from piccolo.columns.column_types import Serial
from piccolo.columns.column_types import Timestamptz
from piccolo.columns.column_types import Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.engine import engine_finder
from piccolo.table import Table


class Penduduk(Table, tablename="balai_penduduk", schema=None):
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


ID = "2026-12-04T18:10:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "akun warga diambil alih dari core (tabel tetap)"


class Adopting(MigrationManager):
    """Creates the table only where it does not exist yet; the migration is recorded either way."""

    async def run(self, backwards: bool = False):
        if not backwards and await _exists():
            return None
        return await super().run(backwards=backwards)


async def _exists() -> bool:
    class AkunWarga(Table, tablename="balai_akun_warga"):
        pass

    AkunWarga._meta.db = engine_finder()
    return await AkunWarga.table_exists().run()


async def forwards():
    manager = Adopting(migration_id=ID, app_name="akun_warga", description=DESCRIPTION)

    manager.add_table(
        class_name="AkunWarga",
        tablename="balai_akun_warga",
        schema=None,
        columns=None,
    )

    manager.add_column(
        table_class_name="AkunWarga",
        tablename="balai_akun_warga",
        column_name="penduduk",
        db_column_name="penduduk",
        column_class_name="ForeignKey",
        column_class=ForeignKey,
        params={
            "references": Penduduk,
            "on_delete": OnDelete.restrict,
            "on_update": OnUpdate.cascade,
            "target_column": None,
            "null": True,
            "primary_key": False,
            "unique": True,
            "index": True,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="AkunWarga",
        tablename="balai_akun_warga",
        column_name="pin_hash",
        db_column_name="pin_hash",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 255,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": True,
        },
        schema=None,
    )

    manager.add_column(
        table_class_name="AkunWarga",
        tablename="balai_akun_warga",
        column_name="wajib_ganti_pin",
        db_column_name="wajib_ganti_pin",
        column_class_name="Boolean",
        column_class=Boolean,
        params={
            "default": True,
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
        table_class_name="AkunWarga",
        tablename="balai_akun_warga",
        column_name="aktif",
        db_column_name="aktif",
        column_class_name="Boolean",
        column_class=Boolean,
        params={
            "default": True,
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
        table_class_name="AkunWarga",
        tablename="balai_akun_warga",
        column_name="sesi_versi",
        db_column_name="sesi_versi",
        column_class_name="Integer",
        column_class=Integer,
        params={
            "default": 0,
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
        table_class_name="AkunWarga",
        tablename="balai_akun_warga",
        column_name="pin_dari",
        db_column_name="pin_dari",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 64,
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
        table_class_name="AkunWarga",
        tablename="balai_akun_warga",
        column_name="pin_diatur",
        db_column_name="pin_diatur",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": TimestamptzNow(),
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
        table_class_name="AkunWarga",
        tablename="balai_akun_warga",
        column_name="dibuat",
        db_column_name="dibuat",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": TimestamptzNow(),
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
        table_class_name="AkunWarga",
        tablename="balai_akun_warga",
        column_name="terakhir_masuk",
        db_column_name="terakhir_masuk",
        column_class_name="Timestamptz",
        column_class=Timestamptz,
        params={
            "default": None,
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
