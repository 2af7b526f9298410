"""An index for searching residents by a part of the name (issue 19), written by hand.

PostgreSQL: the pg_trgm extension and a GIN trigram index on `nama_cari`, which serves the list's own
`nama_cari LIKE '%...%'` unchanged. The extension is created in a savepoint: where the database user may not create
it, the migration still succeeds without the index (the search then reads the table, as before) and says so.

SQLite: an FTS5 table `balai_penduduk_cari` with the trigram tokenizer (SQLite 3.34 or later), reading its text from
`balai_penduduk.nama_cari` (external content, rowid = resident id), kept by triggers on every insert, change and
delete, so the bulk inserts (raw executemany) keep it too. `case_sensitive 1`: `nama_cari` is already lower case,
and matching it exactly gives the same residents as LIKE. An older SQLite gets no table; the search falls back.
"""

import logging
import sqlite3

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-05T12:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "indeks pencarian nama penduduk"

log = logging.getLogger("balai.migrate")

GIN_INDEX = "balai_penduduk_nama_trgm"
FTS = "balai_penduduk_cari"
TRIGGERS = {
    "balai_penduduk_cari_tambah": "AFTER INSERT ON balai_penduduk BEGIN "
    f"INSERT INTO {FTS} (rowid, nama_cari) VALUES (new.id, new.nama_cari); END",
    "balai_penduduk_cari_hapus": "AFTER DELETE ON balai_penduduk BEGIN "
    f"INSERT INTO {FTS} ({FTS}, rowid, nama_cari) VALUES ('delete', old.id, old.nama_cari); END",
    "balai_penduduk_cari_ubah": "AFTER UPDATE OF id, nama_cari ON balai_penduduk BEGIN "
    f"INSERT INTO {FTS} ({FTS}, rowid, nama_cari) VALUES ('delete', old.id, old.nama_cari); "
    f"INSERT INTO {FTS} (rowid, nama_cari) VALUES (new.id, new.nama_cari); END",
}


async def _postgres(engine) -> None:
    transaction = engine.current_transaction.get()
    savepoint = await transaction.savepoint("pg_trgm") if transaction else None
    try:
        await engine.run_ddl("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:  # not installed, or not allowed: the search works without the index
        if savepoint is None:
            raise
        await savepoint.rollback_to()
        log.warning("pg_trgm tidak bisa dipasang (%s): pencarian nama berjalan tanpa indeks", exc)
        return
    await engine.run_ddl(f"CREATE INDEX IF NOT EXISTS {GIN_INDEX} ON balai_penduduk "
                         "USING gin (nama_cari gin_trgm_ops)")


async def _sqlite(engine) -> None:
    if sqlite3.sqlite_version_info < (3, 34, 0):
        log.warning("SQLite %s belum punya tokenizer trigram (perlu 3.34): pencarian nama berjalan tanpa indeks",
                    sqlite3.sqlite_version)
        return
    try:
        await engine.run_ddl(f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5(nama_cari, "
                             "content='balai_penduduk', content_rowid='id', tokenize='trigram case_sensitive 1')")
    except Exception as exc:  # an SQLite built without FTS5
        log.warning("FTS5 tidak tersedia (%s): pencarian nama berjalan tanpa indeks", exc)
        return
    for name, body in TRIGGERS.items():
        await engine.run_ddl(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")
    await engine.run_ddl(f"INSERT INTO {FTS} ({FTS}) VALUES ('rebuild')")  # the residents already there


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)

    async def up():
        engine = engine_finder()
        await (_postgres(engine) if engine.engine_type == "postgres" else _sqlite(engine))

    async def down():
        engine = engine_finder()
        if engine.engine_type == "postgres":  # the extension stays: other things may use it
            await engine.run_ddl(f"DROP INDEX IF EXISTS {GIN_INDEX}")
            return
        for name in TRIGGERS:
            await engine.run_ddl(f"DROP TRIGGER IF EXISTS {name}")
        await engine.run_ddl(f"DROP TABLE IF EXISTS {FTS}")

    manager.add_raw(up)
    manager.add_raw_backwards(down)
    return manager
