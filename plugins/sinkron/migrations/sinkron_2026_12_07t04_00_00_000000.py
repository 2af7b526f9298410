"""An index on the arrival of each release kept at the hub (`hub_rilis.diubah`): the hub's periodic re-publication
asks every few minutes which periods changed since its last run, one index range scan when nothing did."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T04:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "indeks hub_rilis.diubah untuk penerbitan ulang otomatis di hub"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="sinkron", description=DESCRIPTION)

    async def index():
        # on PostgreSQL the partitioned table passes the index on to each partition, present and future
        await engine_finder().run_ddl("CREATE INDEX IF NOT EXISTS hub_rilis_diubah ON hub_rilis (diubah)")

    manager.add_raw(index)
    return manager
