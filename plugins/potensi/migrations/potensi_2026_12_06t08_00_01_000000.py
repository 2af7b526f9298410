"""One figure per year, indicator and jorong (Piccolo runs a migration's raw SQL before its new tables)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T08:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "indeks unik potensi: satu nilai per tahun, indikator dan jorong"

INDEXES = ("CREATE UNIQUE INDEX potensi_nilai_satu ON potensi_nilai (tahun, indikator, jorong)",)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="potensi", description=DESCRIPTION)

    async def indexes():
        engine = engine_finder()
        for statement in INDEXES:
            await engine.run_ddl(statement)

    manager.add_raw(indexes)
    return manager
