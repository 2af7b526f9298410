"""Take over which letter types residents may request from the values `surat` kept when it dropped its column.

`surat` 2026-12-05T10:00:00 kept the last values of `surat_jenis.mandiri` in `surat_jenis_lama`; copy the types
that were open to self-service. On an installation where `surat` never had that column there is nothing to copy
and no type is open until the office opens one. Literal SQL: a migration never imports live code.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T10:00:03:000000"
VERSION = "1.38.0"
DESCRIPTION = "jenis surat mandiri diambil dari nilai lama surat"


async def _exists(engine, table: str) -> bool:
    if engine.engine_type == "sqlite":
        rows = await engine.run_ddl(f"SELECT 1 AS ada FROM sqlite_master WHERE type = 'table' AND name = '{table}'")
    else:
        rows = await engine.run_ddl(f"SELECT 1 AS ada WHERE to_regclass('{table}') IS NOT NULL")
    return bool(rows)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="layanan_mandiri", description=DESCRIPTION)

    async def up():
        engine = engine_finder()
        if not await _exists(engine, "surat_jenis_lama"):
            return
        await engine.run_ddl(
            "INSERT INTO mandiri_jenis (kode) SELECT DISTINCT l.kode FROM surat_jenis_lama l "
            "WHERE l.kolom = 'mandiri' AND l.nilai = '1' "
            "AND NOT EXISTS (SELECT 1 FROM mandiri_jenis m WHERE m.kode = l.kode)")

    manager.add_raw(up)
    return manager
