"""Insert many rows fast.

Piccolo's `insert(*rows)` hits SQLite's variable limit at scale, and batching it costs
~5.5 s for 20,000 rows; `executemany` on one connection takes ~0.14 s.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Iterable, Sequence

from piccolo.columns import Timestamptz
from piccolo.table import Table

from core.db.binding import current_engine
from core.db.transaction import write_transaction


# After a large load the planner's statistics are stale: measured on PostgreSQL with 20,000 residents,
# the resident list took 26 ms before ANALYZE and 2.5 ms after.
ANALYZE_AFTER = 1000


def _default(column) -> Any:
    value = column.get_default_value()
    return value.python() if hasattr(value, "python") else value  # e.g. TimestamptzNow -> a datetime


def _as_utc(value: Any) -> Any:
    """A time for a Timestamptz column as the ORM stores it: aware, in UTC (a naive one is taken as UTC)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
    return value


async def bulk_insert(table: type[Table], rows: Iterable[dict[str, Any]], columns: Sequence[str] | None = None,
                      analyze: bool = True) -> int:
    """Insert `rows` (dicts keyed by column name) into `table` in one transaction; return the count.

    Columns left out of a row get the column's default. Runs inside the current
    transaction when there is one, so a failed import leaves nothing behind.
    """
    rows = list(rows)
    if not rows:
        return 0
    meta = table._meta
    by_name = {c._meta.name: c for c in meta.non_default_columns}
    with_ids = columns is not None and meta.primary_key._meta.name in columns
    if with_ids:  # rows that carry their own ids, so related rows can point at them in the same import
        by_name[meta.primary_key._meta.name] = meta.primary_key
    names = list(columns or by_name)
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ValueError(f"Kolom tidak dikenal di {meta.tablename}: {', '.join(unknown)}")
    # Columns left out still get the ORM's own default, not the database's: SQLite's CURRENT_TIMESTAMP would store
    # `2026-12-04 15:13:06` beside the ORM's `2026-12-04 15:13:06.123456+00:00` in the same column.
    names += [n for n in by_name if n not in names and n != meta.primary_key._meta.name]
    defaults = {n: _default(by_name[n]) for n in names}
    aware = {i for i, n in enumerate(names) if isinstance(by_name[n], Timestamptz)}
    values = [tuple(row.get(n, defaults[n]) for n in names) for row in rows]
    if aware:
        values = [tuple(_as_utc(v) if i in aware else v for i, v in enumerate(row)) for row in values]
    await insert_values(table, names, values, with_ids=with_ids, analyze=analyze)
    return len(values)


async def insert_values(table: type[Table], names: Sequence[str], values: list[tuple], with_ids: bool = False,
                        analyze: bool = True) -> None:
    """Insert ready tuples (in the order of `names`, Piccolo column names) into `table`; see bulk_insert."""
    meta = table._meta
    by_name = {c._meta.name: c for c in meta.columns}
    await insert_rows(meta.tablename, [by_name[n]._meta.db_column_name for n in names], values,
                      meta.primary_key._meta.db_column_name if with_ids else None, analyze)


async def insert_rows(tablename: str, db_names: Sequence[str], values: list[tuple], id_column: str | None = None,
                      analyze: bool = True) -> None:
    """Insert tuples into a table by its database names (a restore loads tables the current code may not declare).

    With `id_column` the rows carry their own ids, and PostgreSQL's sequence is moved past them.
    """
    if not values:
        return
    engine = current_engine()
    sqlite = engine.engine_type == "sqlite"
    marks = ", ".join("?" if sqlite else f"${i}" for i in range(1, len(db_names) + 1))
    columns = ", ".join(f'"{n}"' for n in db_names)
    sql = f'INSERT INTO "{tablename}" ({columns}) VALUES ({marks})'
    after = []
    if id_column and not sqlite:  # later ordinary inserts must not collide with the ids given here
        after.append(f"SELECT setval(pg_get_serial_sequence('{tablename}', '{id_column}'), "
                     f'(SELECT MAX("{id_column}") FROM "{tablename}"))')
    if analyze and len(values) >= ANALYZE_AFTER:  # a caller loading in chunks asks for it on the last one
        after.append(f'ANALYZE "{tablename}"')
    copy = None if sqlite else (tablename, list(db_names))
    transaction = engine.current_transaction.get()
    if transaction is not None:
        await _insert(transaction.connection, sql, values, after, copy)
    else:
        async with write_transaction(engine) as tx:
            await _insert(tx.connection, sql, values, after, copy)


async def _insert(connection, sql: str, values: list, after: list[str], copy: tuple | None) -> None:
    """One executemany (SQLite) or COPY (PostgreSQL) on the transaction's own connection, then the follow-ups.

    PostgreSQL, 20,000 residents with their journal in one import: executemany 6.6 s, COPY 5.1 s.
    """
    if copy is not None:
        await connection.copy_records_to_table(copy[0], records=values, columns=copy[1])
    else:
        await connection.executemany(sql, values)
    for statement in after:
        await connection.execute(statement)
