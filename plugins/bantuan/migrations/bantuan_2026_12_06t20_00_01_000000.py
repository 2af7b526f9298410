"""One entry per resident, family, household or group in a cycle; a cycle number once per program (Piccolo runs a
migration's raw SQL before its new tables, so these come in a migration of their own)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T20:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "indeks unik bantuan: satu baris per penerima dalam satu siklus, nomor siklus per program"

INDEXES = (
    "CREATE UNIQUE INDEX bantuan_peserta_kunci ON bantuan_peserta (siklus, kunci)",
    "CREATE UNIQUE INDEX bantuan_siklus_nomor ON bantuan_siklus (program, nomor)",
    # the panels on a resident's and a family's page find their entries by key ("p:12", "k:5")
    "CREATE INDEX bantuan_peserta_kunci_saja ON bantuan_peserta (kunci)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="bantuan", description=DESCRIPTION)

    async def indexes():
        engine = engine_finder()
        for statement in INDEXES:
            await engine.run_ddl(statement)

    manager.add_raw(indexes)
    return manager
