from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder


ID = "2026-12-07T10:00:02:000000"
VERSION = "1.38.0"
DESCRIPTION = "penghulu suku dipindah ke daftar penghulu; nama kaum dan gelar unik"

# Both SQLite and PostgreSQL take these: a kaum's name is unique within its suku, a title within its suku,
# and a kaum has one penghulu (NULL, the suku's own penghulu, may repeat).
INDEXES = (
    "CREATE UNIQUE INDEX adat_kaum_unik_nama ON adat_kaum (suku, lower(nama))",
    "CREATE UNIQUE INDEX adat_penghulu_unik_gelar ON adat_penghulu (suku, lower(gelar))",
    "CREATE UNIQUE INDEX adat_penghulu_unik_kaum ON adat_penghulu (kaum)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="adat", description=DESCRIPTION)

    async def pindahkan():
        engine = engine_finder()  # the engine being migrated (a table class here could be bound to another)
        for sql in INDEXES:
            await engine.run_ddl(sql)
        # The title typed on the old suku form becomes the suku's penghulu (of no one kaum), holder unknown:
        # nothing of what the office wrote is lost when the column goes.
        await engine.run_ddl("INSERT INTO adat_penghulu (gelar, suku, kaum, penduduk, sejak, jabatan_kan) "
                       "SELECT trim(penghulu), id, NULL, NULL, NULL, '' FROM adat_suku "
                       "WHERE trim(penghulu) <> ''")

    manager.add_raw(pindahkan)  # runs before the column is dropped (Piccolo runs raw steps first)
    manager.drop_column(table_class_name="Suku", tablename="adat_suku", column_name="penghulu",
                        db_column_name="penghulu", schema=None)
    return manager
