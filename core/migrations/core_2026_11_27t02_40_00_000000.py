"""Composite indexes for the resident list: it filters on status and sorts by name or age.

Measured on 20,000 residents: without them SQLite sorts ~19,700 rows in a temporary
B-tree for every page (3 ms of a 6 ms search); with them it reads the page in order.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-27T02:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "indeks daftar penduduk"

INDEXES = {
    "balai_penduduk_status_nama": "balai_penduduk (status_dasar, nama_cari, id)",
    "balai_penduduk_status_lahir": "balai_penduduk (status_dasar, tanggal_lahir, id)",
    "balai_penduduk_wilayah_status": "balai_penduduk (wilayah, status_dasar, nama_cari)",
    "balai_peristiwa_bulan": "balai_peristiwa (bulan_laporan, wilayah_id, jenis)",
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)

    async def up():
        for name, target in INDEXES.items():
            await engine_finder().run_ddl(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")

    async def down():
        for name in INDEXES:
            await engine_finder().run_ddl(f"DROP INDEX IF EXISTS {name}")

    manager.add_raw(up)
    manager.add_raw_backwards(down)
    return manager
