"""Letter types stop saying who may request them online: keep the old values of `surat_jenis.mandiri` aside.

Whether residents may request a type themselves belongs to the self-service plugin, not to `surat`. The next
migration drops the column; this one keeps its last values, per letter type code, in `surat_jenis_lama`
(``kode, kolom, nilai``) for whichever plugin took that information over to copy (it may be installed, enabled
or migrated later). `surat` itself never reads that table. Literal SQL: a migration never imports live code.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T10:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "nilai lama kolom mandiri jenis surat disimpan"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="surat", description=DESCRIPTION)

    async def up():
        engine = engine_finder()
        await engine.run_ddl("CREATE TABLE IF NOT EXISTS surat_jenis_lama "
                             "(kode VARCHAR(40) NOT NULL, kolom VARCHAR(40) NOT NULL, nilai TEXT NOT NULL)")
        await engine.run_ddl("INSERT INTO surat_jenis_lama (kode, kolom, nilai) "
                             "SELECT kode, 'mandiri', CASE WHEN mandiri THEN '1' ELSE '0' END FROM surat_jenis")

    async def down():
        # Runs after the next migration's backwards step has put the column back (default false).
        engine = engine_finder()
        await engine.run_ddl("UPDATE surat_jenis SET mandiri = EXISTS (SELECT 1 FROM surat_jenis_lama l "
                             "WHERE l.kode = surat_jenis.kode AND l.kolom = 'mandiri' AND l.nilai = '1')")
        await engine.run_ddl("DROP TABLE IF EXISTS surat_jenis_lama")

    manager.add_raw(up)
    manager.add_raw_backwards(down)
    return manager
