"""Write transactions that do not deadlock on SQLite.

With SQLite's default DEFERRED transactions, two writers that both read first and
then write fail with "database is locked" (measured: 49 of 50). BEGIN IMMEDIATE takes
the write lock up front, so writers queue on the busy timeout instead.
"""

from __future__ import annotations

from piccolo.engine.base import Engine
from piccolo.engine.sqlite import TransactionType

from core.db.binding import current_engine


def write_transaction(engine: Engine | None = None):
    """`async with write_transaction(): ...` — IMMEDIATE on SQLite, a normal transaction on PostgreSQL."""
    engine = engine or current_engine()
    if engine.engine_type == "sqlite":
        return engine.transaction(transaction_type=TransactionType.immediate)
    return engine.transaction()
