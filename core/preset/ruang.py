"""The training room: whether this installation may receive a preset, and emptying it before a preset is applied
again.

A preset replaces data, so it goes only to a new installation (no user, no resident) or to one a preset already
made (marked as a training installation). Emptying drops every table in one transaction and the migrations then
run forwards as on a new installation: deleting rows only would lose what data migrations wrote (the letter types),
and running every migration backwards first costs far more.
"""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
from pathlib import Path

from core.db.binding import current_engine
from core.files import STORE
from core.db.transaction import write_transaction
from core.plugin_host.settings import get_value

KUNCI_LATIHAN = "balai.instalasi_latihan"
KUNCI_PRESET = "balai.preset"  # which preset made this installation: name, version, seed, residents


async def ada_data() -> bool:
    """Whether the installation holds a user or a resident (a database not migrated yet holds neither)."""
    from core.penduduk.tables import Penduduk
    from core.tables import Pengguna

    for table in (Pengguna, Penduduk):
        try:
            if await table.exists().run():
                return True
        except Exception:  # the table is not there yet: a new installation
            continue
    return False


async def instalasi_latihan() -> bool:
    try:
        return bool(await get_value(KUNCI_LATIHAN, False))
    except Exception:  # no settings table yet: a new installation, not marked
        return False


async def _raw(sql: str) -> list[dict]:
    from core.tables import Pengaturan

    return await Pengaturan.raw(sql).run()


async def kosongkan(data_dir: Path) -> None:
    """Drop every table of the database (a plugin's too, enabled or not, with the migration records), so the
    migrations that follow build it as on a new installation, the rows some of them write included (the letter
    types, the audit log's guard, the name search's index). The file store goes too: every file in it belonged to
    a row just dropped (the keys, the sessions and the backups beside it stay)."""
    engine = current_engine()
    if engine.engine_type == "sqlite":
        await asyncio.to_thread(_kosongkan_sqlite, engine.path)
    else:
        async with write_transaction():
            rows = await _raw("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            if rows:
                await _raw("DROP TABLE " + ", ".join(f'"{r["tablename"]}"' for r in rows) + " CASCADE")
    await asyncio.to_thread(shutil.rmtree, Path(data_dir) / STORE, True)


def _kosongkan_sqlite(path: str) -> None:
    """One transaction on a connection of its own, with foreign keys off (no order to find among the tables);
    virtual tables first, which take their shadow tables with them."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("BEGIN IMMEDIATE")
        try:
            for virtual in (True, False):
                rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                                  "'sqlite_%'").fetchall()
                for name, sql in rows:
                    if (sql or "").upper().startswith("CREATE VIRTUAL") == virtual:
                        db.execute(f'DROP TABLE IF EXISTS "{name}"')
            for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall():
                db.execute(f'DROP VIEW IF EXISTS "{name}"')
            if db.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
                db.execute("DELETE FROM sqlite_sequence")
            db.execute("PRAGMA user_version = 0")  # as a new file: the time-format scan runs again (on nothing)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    finally:
        db.close()
