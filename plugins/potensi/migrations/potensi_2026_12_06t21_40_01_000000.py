"""The public page keeps showing what it showed before the office could choose the year: the newest year with a
figure of a published indicator becomes the published year (Piccolo runs a migration's raw SQL before its new
tables, so this is a migration of its own after the table's)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-06T21:40:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "tahun potensi yang diterbitkan: tahun terbaru yang sampai kini tampil"

ISI = ("INSERT INTO potensi_tahun_terbit (tahun) SELECT terakhir FROM ("
       "SELECT MAX(n.tahun) AS terakhir FROM potensi_nilai n JOIN potensi_terbit t ON t.indikator = n.indikator"
       ") m WHERE terakhir IS NOT NULL AND NOT EXISTS (SELECT 1 FROM potensi_tahun_terbit)")


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="potensi", description=DESCRIPTION)

    async def isi():
        await engine_finder().run_ddl(ISI)

    manager.add_raw(isi)
    return manager
