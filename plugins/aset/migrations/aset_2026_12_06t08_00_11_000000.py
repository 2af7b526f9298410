"""One register number per asset code (Piccolo runs a migration's raw SQL before its new tables)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T08:00:11:000000"
VERSION = "1.38.0"
DESCRIPTION = "indeks unik aset: satu nomor register per kode barang; mutasi per tanggal"

INDEXES = (
    "CREATE UNIQUE INDEX aset_barang_register ON aset_barang (kode_barang, nomor_register)",
    "CREATE INDEX aset_mutasi_tanggal ON aset_mutasi (aset, tanggal)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="aset", description=DESCRIPTION)

    async def indexes():
        engine = engine_finder()
        for statement in INDEXES:
            await engine.run_ddl(statement)

    manager.add_raw(indexes)
    return manager
