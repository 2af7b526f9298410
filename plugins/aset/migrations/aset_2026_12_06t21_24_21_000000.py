"""One counter per code, one cancellation per mutation (Piccolo runs a migration's raw SQL before its new tables,
so these indexes come one migration after their columns)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T21:24:21:000000"
VERSION = "1.38.0"
DESCRIPTION = "indeks unik aset: satu penghitung per kode barang, satu pembatalan per mutasi"

INDEXES = (
    "CREATE UNIQUE INDEX aset_nomor_kode ON aset_nomor (kode_barang)",
    "CREATE UNIQUE INDEX aset_mutasi_membatalkan ON aset_mutasi (membatalkan)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="aset", description=DESCRIPTION)

    async def indexes():
        engine = engine_finder()
        for statement in INDEXES:
            await engine.run_ddl(statement)

    async def drop():  # before the previous migration drops `membatalkan`: SQLite refuses to drop an indexed column
        engine = engine_finder()
        for name in ("aset_mutasi_membatalkan", "aset_nomor_kode"):
            await engine.run_ddl(f"DROP INDEX IF EXISTS {name}")

    manager.add_raw(indexes)
    manager.add_raw_backwards(drop)
    return manager
