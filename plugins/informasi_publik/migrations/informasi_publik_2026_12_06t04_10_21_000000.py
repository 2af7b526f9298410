"""The letter registers' unique indexes, after their tables (Piccolo runs a migration's raw SQL before its tables)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T04:10:21:000000"
VERSION = "1.38.0"
DESCRIPTION = "indeks unik agenda surat: satu nomor agenda per tahun, satu ekspedisi per surat keluar"

INDEXES = (
    "CREATE UNIQUE INDEX informasi_publik_surat_masuk_agenda ON informasi_publik_surat_masuk (tahun, nomor_agenda)",
    "CREATE UNIQUE INDEX informasi_publik_ekspedisi_keluar ON informasi_publik_ekspedisi (surat_keluar) "
    "WHERE surat_keluar IS NOT NULL",
    "CREATE UNIQUE INDEX informasi_publik_ekspedisi_surat ON informasi_publik_ekspedisi (surat_id) "
    "WHERE surat_id IS NOT NULL",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="informasi_publik", description=DESCRIPTION)

    async def indexes():
        engine = engine_finder()
        for statement in INDEXES:
            await engine.run_ddl(statement)

    manager.add_raw(indexes)
    return manager
