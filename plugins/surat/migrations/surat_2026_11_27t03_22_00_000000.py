"""One counter row per (sequence, year), and the built-in letter types.

The unique index is what `INSERT ... ON CONFLICT (kunci, tahun)` needs on both engines.
Built-in types are added by code (kode) and never overwrite an operator's edits.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-27T03:22:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "penghitung nomor dan jenis surat bawaan"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="surat", description=DESCRIPTION)

    async def up():
        from plugins.surat.jenis import seed_builtin

        await engine_finder().run_ddl(
            "CREATE UNIQUE INDEX IF NOT EXISTS surat_urutan_kunci_tahun ON surat_urutan (kunci, tahun)")
        await seed_builtin()

    async def down():
        await engine_finder().run_ddl("DROP INDEX IF EXISTS surat_urutan_kunci_tahun")

    manager.add_raw(up)
    manager.add_raw_backwards(down)
    return manager
