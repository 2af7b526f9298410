"""The training room: whether this installation may receive a preset, and emptying it before a preset is applied
again.

A preset replaces data, so it goes only to a new installation (no user, no resident) or to one a preset already
made (marked as a training installation). Emptying deletes every row of every Balai table in one transaction,
which is much faster than running every migration backwards and forwards again.
"""

from __future__ import annotations

from piccolo.table import Table

from core.db.binding import current_engine, load_app
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


def _urutan_hapus(tables: list[type[Table]]) -> list[type[Table]]:
    """Children before the tables they point at, so no RESTRICT key stops a delete."""
    ordered: list[type[Table]] = []
    seen: set[str] = set()
    by_name = {t._meta.tablename: t for t in tables}

    def visit(table: type[Table], stack: tuple[str, ...]) -> None:
        name = table._meta.tablename
        if name in seen or name in stack:
            return
        for other in tables:  # every table pointing at this one goes first
            if other is table:
                continue
            for fk in other._meta.foreign_key_columns:
                parent = fk._foreign_key_meta.resolved_references
                if parent._meta.tablename == name and other._meta.tablename in by_name:
                    visit(other, stack + (name,))
        seen.add(name)
        ordered.append(table)

    for table in tables:
        visit(table, ())
    return ordered


async def kosongkan(app_paths: list[str]) -> None:
    """Delete every row of every table of `app_paths` (and of any other table left in the database by a plugin
    no longer installed), numbering ids from 1 again; the tables and the migration records stay."""
    engine = current_engine()
    ada = await _tabel_ada(engine)
    known: dict[str, type[Table]] = {}
    for path in app_paths:
        for table in load_app(path).table_classes:
            if table._meta.tablename in ada:
                known[table._meta.tablename] = table
    lain = sorted(n for n in ada - set(known) if n != MIGRASI and not n.startswith("sqlite_"))
    async with write_transaction():
        if engine.engine_type != "sqlite":
            names = ", ".join(f'"{n}"' for n in [*lain, *known])
            await _raw(f"TRUNCATE {names} RESTART IDENTITY CASCADE")
            return
        for name in lain:
            await _raw(f'DELETE FROM "{name}"')
        for table in _urutan_hapus(list(known.values())):
            name = table._meta.tablename
            for fk in table._meta.foreign_key_columns:  # a tree in one table (a jorong above its RW): cut it first
                if fk._foreign_key_meta.resolved_references is table and fk._meta.null:
                    await _raw(f'UPDATE "{name}" SET "{fk._meta.db_column_name}" = NULL')
            await _raw(f'DELETE FROM "{name}"')
        if "sqlite_sequence" in ada:
            await _raw("DELETE FROM sqlite_sequence")
