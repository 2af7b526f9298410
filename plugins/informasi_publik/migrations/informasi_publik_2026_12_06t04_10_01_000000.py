"""The regulations' unique number per kind and year, after the table (Piccolo runs raw SQL before new tables)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T04:10:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "indeks unik produk hukum: satu nomor per jenis dan tahun"

INDEXES = (
    "CREATE UNIQUE INDEX informasi_publik_hukum_nomor ON informasi_publik_hukum (jenis, tahun, nomor)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="informasi_publik", description=DESCRIPTION)

    async def indexes():
        engine = engine_finder()
        for statement in INDEXES:
            await engine.run_ddl(statement)

    manager.add_raw(indexes)
    return manager
