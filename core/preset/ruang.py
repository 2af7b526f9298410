"""The training room: whether this installation may receive a preset, and emptying it before a preset is applied
again.

A preset replaces data, so it goes only to a new installation (no user, no resident) or to one a preset already
made (marked as a training installation). Emptying deletes every row of every Balai table in one transaction,
which is much faster than running every migration backwards and forwards again.
"""

from __future__ import annotations

import asyncio
import sqlite3

from piccolo.table import Table

from core.db.binding import current_engine, load_app
from core.migrations import core_2026_11_27t02_30_00_000000 as audit
from core.db.transaction import write_transaction
from core.plugin_host.settings import get_value

KUNCI_LATIHAN = "balai.instalasi_latihan"
KUNCI_PRESET = "balai.preset"  # which preset made this installation: name, version, seed, residents
MIGRASI = "migration"  # Piccolo's record of applied migrations: kept, the tables stay as they are


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


async def _tabel_ada(engine) -> set[str]:
    if engine.engine_type == "sqlite":
        rows = await _raw("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {r["name"] for r in rows}
    rows = await _raw("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()")
    return {r["name"] for r in rows}


async def _raw(sql: str) -> list[dict]:
    from core.tables import Pengaturan

    return await Pengaturan.raw(sql).run()


async def kosongkan(app_paths: list[str]) -> None:
    """Delete every row of every table of `app_paths` (on PostgreSQL also of any table left by a plugin no longer
    installed), numbering ids from 1 again; the tables and the migration records stay."""
    engine = current_engine()
    ada = await _tabel_ada(engine)
    known: dict[str, type[Table]] = {}
    for path in app_paths:
        for table in load_app(path).table_classes:
            if table._meta.tablename in ada:
                known[table._meta.tablename] = table
    if engine.engine_type != "sqlite":
        async with write_transaction():  # TRUNCATE fires no row trigger: the audit log's guard stays in place
            lain = sorted(n for n in ada - set(known) if n != MIGRASI)
            names = ", ".join(f'"{n}"' for n in [*lain, *known])
            await _raw(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
        return
    await asyncio.to_thread(_kosongkan_sqlite, engine.path, sorted(known), "sqlite_sequence" in ada)


def _kosongkan_sqlite(path: str, tables: list[str], sequence: bool) -> None:
    """One transaction on a connection of its own, with foreign keys off: a table pointing at itself without an
    index (the journal's `membatalkan`) would otherwise be scanned once per deleted row. The audit log's
    append-only guard is lifted inside this transaction only (the statements of its migration)."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in audit.SQLITE_DOWN:
                db.execute(statement)
            for name in tables:
                db.execute(f'DELETE FROM "{name}"')
            if sequence:
                db.execute("DELETE FROM sqlite_sequence")
            for statement in audit.SQLITE_UP:
                db.execute(statement)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    finally:
        db.close()
