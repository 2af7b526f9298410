"""The budget's unique indexes, after its tables (Piccolo runs a migration's raw SQL before its new tables)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T03:15:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "indeks unik APB Desa: satu versi berlaku per tahun, satu baris per pos"

# One version in force per year, one version number per year, one line per pos and one code per activity.
INDEXES = (
    "CREATE UNIQUE INDEX keuangan_apbdes_tahun_versi ON keuangan_apbdes (tahun, versi)",
    "CREATE UNIQUE INDEX keuangan_apbdes_berlaku ON keuangan_apbdes (tahun) WHERE status = 'berlaku'",
    "CREATE UNIQUE INDEX keuangan_kegiatan_kode ON keuangan_kegiatan (apbdes, kode)",
    "CREATE UNIQUE INDEX keuangan_baris_pos ON keuangan_baris (apbdes, kegiatan, akun)",
    "CREATE INDEX keuangan_realisasi_pos ON keuangan_realisasi (tahun, kegiatan, akun, tanggal)",
)



async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="keuangan", description=DESCRIPTION)

    async def indexes():
        engine = engine_finder()
        for statement in INDEXES:
            await engine.run_ddl(statement)

    manager.add_raw(indexes)
    return manager
