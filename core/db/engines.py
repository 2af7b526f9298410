"""Database engines tuned for Balai.

Piccolo's SQLite engine opens a new connection (and a thread) for every query
outside a transaction, about 1 ms each; the PostgreSQL engine opens one per query
unless a pool runs. Both subclasses here keep connections open, one set per event
loop, because a connection belongs to the loop that made it (the web app, the CLI
and the tests each run their own loop).
"""

from __future__ import annotations

import asyncio
import threading
from urllib.parse import urlparse

import aiosqlite
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, dict_factory

SQLITE_PRAGMAS = (
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA busy_timeout = 30000",
)


def _loop_key() -> int:
    return id(asyncio.get_running_loop())


class BalaiSQLiteEngine(SQLiteEngine):
    """SQLite with WAL, a busy timeout, foreign keys and a long-lived read connection."""

    def __init__(self, path: str, **kwargs):
        super().__init__(path=path, timeout=30, **kwargs)
        # Not in __slots__ of the parent, so kept in a plain dict on the class instance.
        object.__setattr__(self, "_shared", {})

    async def get_connection(self) -> aiosqlite.Connection:
        pending = aiosqlite.connect(**self.connection_kwargs)
        # A connection left open must not keep the process alive at exit.
        if isinstance(getattr(pending, "_thread", None), threading.Thread):
            pending._thread.daemon = True
        connection = await pending
        connection.row_factory = dict_factory  # type: ignore[assignment]
        for pragma in SQLITE_PRAGMAS:
            await connection.execute(pragma)
        return connection

    async def _shared_connection(self) -> aiosqlite.Connection:
        key = _loop_key()
        connection = self._shared.get(key)
        if connection is None:
            connection = await self.get_connection()
            self._shared[key] = connection
        return connection

    async def _run_in_new_connection(self, query, args=None, query_type="generic", table=None):
        # Outside a transaction every statement autocommits (isolation_level=None),
        # so one open connection per loop serves them all.
        connection = await self._shared_connection()
        async with connection.execute(query, args or []) as cursor:
            return await cursor.fetchall()

    async def close(self) -> None:
        """Close the connection that belongs to the running loop."""
        connection = self._shared.pop(_loop_key(), None)
        if connection is not None:
            await connection.close()


class BalaiPostgresEngine(PostgresEngine):
    """PostgreSQL whose connection pool is kept per event loop."""

    def __init__(self, dsn: str, **kwargs):
        object.__setattr__(self, "_pools", {})
        super().__init__(config={"dsn": dsn}, **kwargs)

    @property  # type: ignore[override]
    def pool(self):
        try:
            return self._pools.get(_loop_key())
        except RuntimeError:  # no running loop
            return None

    @pool.setter
    def pool(self, value) -> None:
        try:
            key = _loop_key()
        except RuntimeError:
            return
        if value is None:
            self._pools.pop(key, None)
        else:
            self._pools[key] = value

    async def close(self) -> None:
        pool = self.pool
        if pool is None:
            return
        try:
            await asyncio.wait_for(pool.close(), timeout=10)
        except asyncio.TimeoutError:  # a connection never came back: do not hang the shutdown on it
            pool.terminate()
        self.pool = None


def make_engine(url: str):
    """Build the engine for a `sqlite:////abs/path` or `postgresql://...` URL."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = url[len("sqlite:///"):]
        if not path:
            raise ValueError("BALAI_DATABASE_URL sqlite harus menyebut path berkas, mis. sqlite:////data/balai.sqlite")
        return BalaiSQLiteEngine(path=path)
    if parsed.scheme in ("postgresql", "postgres"):
        return BalaiPostgresEngine(dsn=url)
    raise ValueError(f"Jenis basis data tidak dikenal dalam BALAI_DATABASE_URL: {parsed.scheme!r}")

