"""Putting the database back as the pre-upgrade backup holds it, after the new version's migrations failed.

`balai restore` only fills an empty installation and also places the backup's files and keys; here the files and
keys were never touched by a migration (and a plain backup does not even hold the private keys), so only the
database comes back. Every table is dropped and the backup's rows loaded in ONE write transaction (both engines
run DDL transactionally): if loading fails, the drop is rolled back too and the database stays as the failed
migration left it, with the backup file still there to try again. This runs with the previous version's code,
the code the backup was made with.
"""

from __future__ import annotations

from pathlib import Path

from core.audit.log import log_change
from core.cadangan.arsip import opened
from core.cadangan.pulih import check_compatible, load_rows
from core.db.binding import current_engine
from core.db.migrations import times_may_be_mixed
from core.db.transaction import write_transaction


async def _sqlite_drop_order(connection) -> list[str]:
    """Every table, a table before those it references (SQLite checks foreign keys on DROP TABLE). Virtual tables
    (the FTS5 search index) come first: dropping one drops its shadow tables, which are then skipped."""
    cursor = await connection.execute(
        "SELECT name, sql LIKE 'CREATE VIRTUAL TABLE%' AS virtual FROM sqlite_master "
        "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    rows = await cursor.fetchall()
    virtual = sorted(row["name"] for row in rows if row["virtual"])
    names = sorted(row["name"] for row in rows if not row["virtual"])
    references: dict[str, set[str]] = {}
    for name in names:
        cursor = await connection.execute(f'PRAGMA foreign_key_list("{name}")')
        references[name] = {row["table"] for row in await cursor.fetchall()} - {name}
    ordered: list[str] = []
    while names:  # referrers first: a table goes once no remaining table references it
        free = [n for n in names if not any(n in references[other] for other in names if other != n)]
        step = free or names[:1]  # a cycle cannot be ordered: its foreign keys are deferred-checked at commit
        ordered += step
        names = [n for n in names if n not in step]
    return virtual + ordered


async def _drop_everything() -> int:
    """Drop every table of this database inside the open transaction; how many."""
    engine = current_engine()
    connection = engine.current_transaction.get().connection
    if engine.engine_type == "sqlite":
        await connection.execute("PRAGMA defer_foreign_keys = ON")
        names = await _sqlite_drop_order(connection)
        for name in names:
            await connection.execute(f'DROP TABLE IF EXISTS "{name}"')
        return len(names)
    names = [row["tablename"] for row in await connection.fetch(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
    if names:
        await connection.execute("DROP TABLE " + ", ".join(f'"{n}"' for n in names) + " CASCADE")
    return len(names)


async def pulihkan_basis_data(balai, cadangan: Path, alasan: dict) -> int:
    """Replace the whole database with the backup's; the number of rows loaded. CadanganError when refused
    (nothing is changed then)."""
    with opened(cadangan, None, workdir=balai.settings.data_dir) as backup:
        apps = check_compatible(balai, backup.manifest)
        async with write_transaction():
            await _drop_everything()
            rows = await load_rows(backup, apps, None)
            await times_may_be_mixed()
            await balai.migrate()  # roles for this version's permissions, as after any restore
            await log_change(None, "pulihkan", "pembaruan", Path(cadangan).name, alasan)
    return rows
