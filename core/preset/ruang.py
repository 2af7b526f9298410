"""The training room: whether this installation may receive a preset, and emptying it before a preset is applied
again.

A preset replaces data, so it goes only to a new installation or to one a preset already made (marked as a
training installation). "New" means: no Balai table yet, or nothing in the Balai tables but what the migrations
write themselves (see `isi_kantor`). A migrated database where the office already entered a jorong, an official or
a budget is not new, with or without an account.

Emptying drops the Balai tables in one transaction, after reading the mark again inside it, and the migrations
then run forwards as on a new installation: deleting rows only would lose what data migrations wrote (the letter
types), and running every migration backwards first costs far more.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
from pathlib import Path

from core.db.binding import current_engine, load_app
from core.db.transaction import write_transaction
from core.files import STORE
from core.plugin_host.settings import get_value
from core.preset.berkas import PresetError

KUNCI_LATIHAN = "balai.instalasi_latihan"
KUNCI_PRESET = "balai.preset"  # which preset made this installation: name, version, seed, residents, date
# Tables the migrations fill by themselves (plugin states, letter types, self-service kinds, holidays): their rows
# are not the office's. tests/test_preset_ruang.py migrates every built-in plugin on an empty database and checks
# that this list names every table a migration writes, so a new seeding migration cannot slip by.
KATALOG = frozenset({"balai_plugin", "surat_jenis", "surat_jenis_lama", "mandiri_jenis", "informasi_publik_libur"})
TIDAK_BERUBAH = "Tidak ada yang diubah."


async def _raw(sql: str, *args) -> list[dict]:
    from core.tables import Pengaturan

    return await Pengaturan.raw(sql, *args).run()


async def tabel_ada() -> set[str]:
    """The names of the tables this database holds (none on a file never migrated)."""
    if current_engine().engine_type == "sqlite":
        rows = await _raw("SELECT name AS t FROM sqlite_master WHERE type = 'table'")
    else:
        rows = await _raw("SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema()")
    return {r["t"] for r in rows}


def tabel_balai(balai) -> dict[str, type]:
    """Table name -> Piccolo table of the kernel's and every loaded plugin's apps (disabled ones too)."""
    found: dict[str, type] = {}
    for path in balai.all_app_paths():
        for table in load_app(path).table_classes:
            found[table._meta.tablename] = table
    return found


async def isi_kantor(balai) -> list[str]:
    """The Balai tables holding a row the migrations did not write: every table outside KATALOG with a row, the
    roles other than the built-in ones, and settings other than the kernel's internal ones (`_...`). Empty on a
    new installation. A failing read raises: it is never taken for an empty table."""
    from core.tables import Pengaturan, Peran

    ada = await tabel_ada()
    found = []
    for name, table in sorted(tabel_balai(balai).items()):
        if name not in ada or name in KATALOG:
            continue
        if table is Peran:
            isi = await Peran.exists().where(Peran.bawaan == False).run()  # noqa: E712
        elif table is Pengaturan:
            keys = await Pengaturan.select(Pengaturan.kunci).run()
            isi = any(not r["kunci"].startswith("_") for r in keys)
        else:
            isi = await table.exists().run()
        if isi:
            found.append(name)
    return found


async def keterangan(balai) -> dict | None:
    """The mark of a training installation: {"nama", "tanggal", ...} of the preset that made it, or None when the
    installation is not marked (a new one has no settings table: not marked)."""
    from core.tables import Pengaturan

    if Pengaturan._meta.tablename not in await tabel_ada():
        return None
    if not await get_value(KUNCI_LATIHAN, False):
        return None
    return dict(await get_value(KUNCI_PRESET, None) or {})


async def instalasi_latihan(balai=None) -> bool:
    return await keterangan(balai) is not None


def _tolak_tak_bertanda() -> PresetError:
    return PresetError("Instalasi ini tidak (lagi) ditandai sebagai instalasi latihan: tabelnya tidak dikosongkan. "
                       + TIDAK_BERUBAH)


async def kosongkan(balai) -> None:
    """Drop the Balai tables (a plugin's too, enabled or not, with the migration records), so the migrations that
    follow build it as on a new installation, the rows some of them write included (the letter types, the audit
    log's guard, the name search's index). The mark is read again inside the dropping transaction. The file store
    goes too: every file in it belonged to a row just dropped (the keys, the sessions and the backups stay)."""
    engine = current_engine()
    if engine.engine_type == "sqlite":
        await asyncio.to_thread(_kosongkan_sqlite, engine.path)
    else:
        await _kosongkan_postgres(set(tabel_balai(balai)))
    await asyncio.to_thread(shutil.rmtree, Path(balai.settings.data_dir) / STORE, True)


async def _kosongkan_postgres(milik_balai: set[str]) -> None:
    """Only Balai's tables (its apps', their partitions and side tables, Piccolo's `migration`): a schema shared with
    another application (PostGIS's spatial_ref_sys, say) is refused rather than emptied of what is not Balai's."""
    import asyncpg

    milik_balai = milik_balai | {"migration"}
    try:
        async with write_transaction():
            rows = await _raw("SELECT nilai FROM balai_pengaturan WHERE kunci = {}", KUNCI_LATIHAN)
            if not rows or not json.loads(rows[0]["nilai"] or "null"):
                raise _tolak_tak_bertanda()
            ada = await tabel_ada()
            # a Balai table's partitions and the side tables its migrations keep beside it (surat_jenis_lama beside
            # surat_jenis) are Balai's too
            anak = await _raw("SELECT c.relname AS t FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                              "JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace "
                              "WHERE n.nspname = current_schema() AND p.relname = ANY({})", sorted(milik_balai))
            asing = sorted(t for t in ada - milik_balai - {r["t"] for r in anak}
                           if not any(t.startswith(f"{k}_") for k in milik_balai))
            if asing:
                raise PresetError("Skema basis data ini juga berisi tabel yang bukan milik Balai "
                                  f"({', '.join(asing[:5])}{'...' if len(asing) > 5 else ''}): ruang latihan tidak "
                                  "dikosongkan. Pakai basis data (atau skema) tersendiri untuk Balai. "
                                  + TIDAK_BERUBAH)
            if ada:
                await _raw("DROP TABLE " + ", ".join(f'"{t}"' for t in sorted(ada)) + " CASCADE")
    except asyncpg.PostgresError as exc:
        raise PresetError(f"Ruang latihan gagal dikosongkan ({type(exc).__name__}: {exc}). " + TIDAK_BERUBAH) from exc


def _kosongkan_sqlite(path: str) -> None:
    """One transaction on a connection of its own, with foreign keys off (no order to find among the tables);
    virtual tables first, which take their shadow tables with them. A file holds only Balai's database."""
    db = sqlite3.connect(path, timeout=30, isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = OFF")
        db.execute("BEGIN IMMEDIATE")
        try:
            row = db.execute("SELECT nilai FROM balai_pengaturan WHERE kunci = ?", (KUNCI_LATIHAN,)).fetchone()
            if not row or not json.loads(row[0] or "null"):
                raise _tolak_tak_bertanda()
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
    except sqlite3.Error as exc:
        raise PresetError(f"Ruang latihan gagal dikosongkan ({exc}). " + TIDAK_BERUBAH) from exc
    finally:
        db.close()
