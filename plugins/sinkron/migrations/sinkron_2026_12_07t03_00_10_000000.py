"""The hub's release rows (`hub_rilis.kolom`, `.baris`: a nagari's month is ~0.3 MB of JSON) compressed with lz4
instead of PostgreSQL's default pglz: storing a batch took ~6 ms of the hub's time with pglz, under 1 ms with lz4
(measured on the bench's batches). A PostgreSQL built without lz4 keeps pglz; SQLite has no such setting."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T03:00:10:000000"
VERSION = "1.38.0"
DESCRIPTION = "hub sinkron: baris rilis dikompres lz4"

# the partitioned table (for partitions made later) and each partition (PostgreSQL does not pass it on to them)
LZ4 = """DO $$ DECLARE t regclass; BEGIN
    FOR t IN SELECT 'hub_rilis'::regclass UNION ALL
             SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'hub_rilis'::regclass LOOP
        EXECUTE format('ALTER TABLE %s ALTER COLUMN kolom SET COMPRESSION lz4, '
                       'ALTER COLUMN baris SET COMPRESSION lz4', t);
    END LOOP;
EXCEPTION WHEN feature_not_supported THEN NULL;
END $$"""


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="sinkron", description=DESCRIPTION)

    async def lz4():
        engine = engine_finder()
        if engine.engine_type == "postgres":
            await engine.run_ddl(LZ4)

    manager.add_raw(lz4)
    return manager
