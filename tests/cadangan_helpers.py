"""Shared steps for the backup tests: run the real CLI, make fresh targets, read every table independently.

Tables are read with sqlite3 and asyncpg directly (not with the backup's own reader), and values are compared
by meaning: a boolean stored as 0/1 on SQLite equals true on PostgreSQL, timestamps compare as instants.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import sqlite3
import subprocess
import uuid
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path

import asyncpg

from core.db.binding import load_app
from plugin_sdk.testing import POSTGRES_ADMIN, _pg_admin, run_sync
from tests.live import BALAI

PASSPHRASE = "kerbau-di-sawah-taram"
APPS = ("core.piccolo_app", "plugins.surat.piccolo_app", "plugins.layanan_mandiri.piccolo_app",
        "plugins.impor.piccolo_app")


def env_for(data_dir: Path, database_url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
    env.update(BALAI_DATA_DIR=str(data_dir), BALAI_DATABASE_URL=database_url, **extra)
    return env


def cli(data_dir: Path, database_url: str, *args: str, passphrase: str | None = None) -> subprocess.CompletedProcess:
    extra = {"BALAI_SANDI_CADANGAN": passphrase} if passphrase else {}
    return subprocess.run([BALAI, *args], env=env_for(data_dir, database_url, **extra), capture_output=True,
                          text=True, timeout=240)


@contextmanager
def fresh_database(engine: str, folder: Path):
    """A URL to an empty database of `engine` (a new SQLite file, or a new PostgreSQL database)."""
    if engine == "sqlite":
        yield f"sqlite:///{folder / 'pulih.sqlite'}"
        return
    name = f"balai_pulih_{uuid.uuid4().hex[:12]}"
    run_sync(_pg_admin(f'CREATE DATABASE "{name}"'))
    try:
        yield f"{POSTGRES_ADMIN.rsplit('/', 1)[0]}/{name}"
    finally:
        run_sync(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _kinds() -> dict[str, dict[str, str]]:
    return {t._meta.tablename: {c._meta.db_column_name: type(c).__name__ for c in t._meta.columns}
            for path in APPS for t in load_app(path).table_classes}


def _normal(value, kind: str):
    if value is None:
        return None
    if kind in ("Timestamptz", "Timestamp"):
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
        return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).astimezone(timezone.utc)
    if kind == "Date":
        return value.isoformat() if isinstance(value, date) else value
    if kind == "Boolean":
        return bool(value)
    return value


def read_tables(database_url: str) -> dict[str, list[tuple]]:
    """Every Balai table that exists, as normalised rows ordered by id."""
    kinds = _kinds()
    found: dict[str, list[tuple]] = {}
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            existing = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table, columns in kinds.items():
                if table in existing:
                    names = list(columns)
                    rows = db.execute(f'SELECT {", ".join(chr(34) + n + chr(34) for n in names)} FROM "{table}" '
                                      'ORDER BY id').fetchall()
                    found[table] = [tuple(_normal(v, columns[n]) for v, n in zip(row, names)) for row in rows]
        return found

    async def go():
        connection = await asyncpg.connect(database_url)
        try:
            existing = {r["tablename"] for r in await connection.fetch(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}
            for table, columns in kinds.items():
                if table in existing:
                    names = list(columns)
                    rows = await connection.fetch(
                        f'SELECT {", ".join(chr(34) + n + chr(34) for n in names)} FROM "{table}" ORDER BY id')
                    found[table] = [tuple(_normal(v, columns[n]) for v, n in zip(row, names)) for row in rows]
        finally:
            await connection.close()

    asyncio.run(go())
    return found


def data_files(data_dir: Path) -> dict[str, str]:
    """SHA-256 of every file a backup must carry: documents, uploads, keys, the secret key."""
    found = {}
    for folder in ("berkas", "kunci"):
        for path in sorted((data_dir / folder).rglob("*")) if (data_dir / folder).is_dir() else []:
            if path.is_file():
                found[path.relative_to(data_dir).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    if (data_dir / "secret_key").is_file():
        found["secret_key"] = hashlib.sha256((data_dir / "secret_key").read_bytes()).hexdigest()
    return found


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
