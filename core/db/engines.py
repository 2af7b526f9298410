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
import asyncpg
from piccolo.engine.postgres import PostgresEngine, PostgresTransaction
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


class BalaiPostgresTransaction(PostgresTransaction):
    """Piccolo's transaction, made safe for a connection that dies (PostgreSQL restarted, a backend terminated).

    Piccolo's own releases the connection and forgets the transaction only when the commit or rollback worked.
    When the connection had died, the pool slot leaked (ten of them and every request waits forever) and the
    task kept the dead transaction as its current one, so each later transaction in that task (the audit writer
    runs in one for the life of the server) "joined" it and failed with "connection has been released back to
    the pool" until Balai was restarted. Here both always happen; a failed BEGIN gives the connection back too;
    and a rollback that fails because the connection is gone does not hide the error that caused it (the server
    rolled the transaction back when the connection ended).
    """

    __slots__ = ()

    async def __aenter__(self) -> PostgresTransaction:
        if self._parent is not None:
            return self._parent
        self.connection = await self.get_connection()
        try:
            self.transaction = self.connection.transaction()
            await self.begin()
        except BaseException:
            await self._give_back()
            raise
        self.context = self.engine.current_transaction.set(self)
        return self

    async def __aexit__(self, exception_type, exception, traceback) -> bool:
        if self._parent:
            return exception is None
        try:
            if exception:
                if not self._rolled_back:
                    try:
                        await self.rollback()
                    except Exception:  # the connection is gone, and the transaction with it: report the cause
                        _terminate(self.connection)
            elif not self._committed and not self._rolled_back:
                await self.commit()
        finally:
            self.engine.current_transaction.reset(self.context)
            await self._give_back()
        return exception is None

    async def _give_back(self) -> None:
        if self.engine.pool is None:
            await self.connection.close()
            return
        try:
            await self.engine.pool.release(self.connection)
        except Exception:  # a broken connection: the pool opens a new one on the next acquire
            _terminate(self.connection)


def _terminate(connection) -> None:
    """Close a connection at once; one the pool already took back when it broke is left to the pool."""
    try:
        connection.terminate()
    except asyncpg.InterfaceError:
        pass


class BalaiPostgresEngine(PostgresEngine):
    """PostgreSQL whose connection pool is kept per event loop; transactions survive a dying connection."""

    def transaction(self, allow_nested: bool = True) -> BalaiPostgresTransaction:
        return BalaiPostgresTransaction(engine=self, allow_nested=allow_nested)

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

