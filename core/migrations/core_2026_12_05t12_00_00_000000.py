"""A household's head (`balai_rumah_tangga.kepala`), written by hand.

The head is a resident's id in a plain INTEGER column, not a foreign key: `balai_penduduk.rumah_tangga` already
points at the households, and a key pointing back would make the two tables a cycle, which the backup refuses
("Tabel saling merujuk melingkar") because it cannot tell which to restore first. Residents are never deleted,
so a RESTRICT key would guard nothing the code does not already keep (core.penduduk.rumah_tangga).

Households that already exist get the head of their first family (the smallest family id), when that person is
alive and lives in the household, as the demo builder does. An index on the residents' household lets the
household list count members and check a scoped user's households without reading every resident.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer
from piccolo.columns.indexes import IndexMethod
from piccolo.engine import engine_finder

ID = "2026-12-05T12:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "kepala rumah tangga"

INDEX = "balai_penduduk_rumah_tangga"
CREATE_INDEX = f"CREATE INDEX IF NOT EXISTS {INDEX} ON balai_penduduk (rumah_tangga, status_dasar)"
FIRST_FAMILY_HEAD = (
    "UPDATE balai_rumah_tangga SET kepala = (SELECT MIN(p.id) FROM balai_penduduk p"
    " WHERE p.rumah_tangga = balai_rumah_tangga.id AND p.hubungan = 1 AND p.status_dasar = 1"
    " AND p.keluarga = (SELECT MIN(k.id) FROM balai_keluarga k WHERE k.rumah_tangga = balai_rumah_tangga.id))"
    " WHERE kepala IS NULL")


class WithHeads(MigrationManager):
    """Adds the column, then fills in the heads: in one transaction (Piccolo runs raw steps before new columns)."""

    async def run(self, backwards: bool = False):
        engine = engine_finder()
        async with engine.transaction():  # joined by the manager's own transaction
            await super().run(backwards=backwards)
            if self.preview:
                return
            if backwards:
                await engine.run_ddl(f"DROP INDEX IF EXISTS {INDEX}")
            else:
                await engine.run_ddl(CREATE_INDEX)
                await engine.run_ddl(FIRST_FAMILY_HEAD)


async def forwards():
    manager = WithHeads(migration_id=ID, app_name="core", description=DESCRIPTION)
    manager.add_column(
        table_class_name="RumahTangga",
        tablename="balai_rumah_tangga",
        column_name="kepala",
        db_column_name="kepala",
        column_class_name="Integer",
        column_class=Integer,
        params={"default": None, "null": True, "primary_key": False, "unique": False, "index": False,
                "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False},
        schema=None,
    )
    return manager
