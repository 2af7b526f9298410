"""The hub's unique keys (Piccolo runs a migration's raw SQL before its new tables, so they come in a migration of
their own): one key id per nagari; on SQLite also the keys PostgreSQL's partitioned tables declare themselves."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T03:00:02:000000"
VERSION = "1.38.0"
DESCRIPTION = "indeks unik hub sinkron: kunci per nagari, batch, rilis dan peristiwa"

INDEXES = ("CREATE UNIQUE INDEX hub_kunci_satu ON hub_kunci (node, kid)",)
SQLITE = (
    "CREATE UNIQUE INDEX hub_batch_satu ON hub_batch (kode_wilayah, seq)",
    "CREATE UNIQUE INDEX hub_rilis_satu ON hub_rilis (kode_wilayah, dataset, periode)",
    "CREATE UNIQUE INDEX hub_peristiwa_satu ON hub_peristiwa (kode_wilayah, bulan)",
    "CREATE INDEX hub_rilis_dataset ON hub_rilis (dataset, periode)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="sinkron", description=DESCRIPTION)

    async def indexes():
        engine = engine_finder()
        for statement in INDEXES + (SQLITE if engine.engine_type != "postgres" else ()):
            await engine.run_ddl(statement)

    manager.add_raw(indexes)
    return manager
