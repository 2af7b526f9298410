"""One release per dataset and period (Piccolo runs a migration's raw SQL before its new tables, so the index
comes one migration after its table)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T00:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "indeks unik satu data: satu terbitan per dataset dan periode"

INDEX = "satu_data_terbitan_periode"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="satu_data", description=DESCRIPTION)

    async def index():
        await engine_finder().run_ddl(f"CREATE UNIQUE INDEX {INDEX} ON satu_data_terbitan (dataset, periode)")

    async def drop():  # SQLite refuses to drop a table's indexed column while the index stands
        await engine_finder().run_ddl(f"DROP INDEX IF EXISTS {INDEX}")

    manager.add_raw(index)
    manager.add_raw_backwards(drop)
    return manager
