"""Tables as engine-neutral JSON lines: read in one snapshot, written back on SQLite or PostgreSQL.

Each table becomes a header line (the column names) and one JSON array per row, ordered by primary key.
Values are plain JSON: dates and times as ISO text, decimals as text, bytes as base64; reading them back
goes by the column's type, so the same file loads into either engine.
"""

from __future__ import annotations

import base64
import json
import uuid
from contextlib import asynccontextmanager
from datetime import date, datetime, time
from decimal import Decimal
from graphlib import CycleError, TopologicalSorter
from typing import Any, AsyncIterator, Callable, Iterable

from piccolo.table import Table

from core.cadangan.errors import CadanganError
from core.db.binding import current_engine
from core.db.bulk import insert_rows

FETCH = 5000


class KolomError(CadanganError):
    """A column type this backup format does not carry, or a value that does not fit its column."""


def encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode()
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    raise KolomError(f"Nilai jenis {type(value).__name__} tidak bisa dicadangkan.")


def _datetime(text: str) -> datetime:
    return datetime.fromisoformat(text)


DECODERS: dict[str, Callable[[Any], Any]] = {
    "Date": date.fromisoformat,
    "Timestamptz": _datetime,
    "Timestamp": _datetime,
    "Time": time.fromisoformat,
    "Numeric": Decimal,
    "Decimal": Decimal,
    "UUID": uuid.UUID,
    "Bytea": lambda text: base64.b64decode(text.encode()),
    "Boolean": bool,
    "Real": float,
    "Float": float,
    "DoublePrecision": float,
}
PLAIN = {"Serial", "BigSerial", "Integer", "BigInt", "SmallInt", "Varchar", "Text", "Secret", "Email", "JSON", "JSONB",
         "ForeignKey", "PrimaryKey"}


def kind_decoder(kind: str, where: str) -> Callable[[Any], Any] | None:
    """How a stored value of a column of Piccolo type `kind` is read back; KolomError for a type not carried."""
    if kind in DECODERS:
        return DECODERS[kind]
    if kind in PLAIN:
        return None
    raise KolomError(f"Kolom {where} berjenis {kind}, yang belum didukung format cadangan.")


def describe(table: type[Table]) -> dict:
    """What a restore needs to know of a table, kept in the manifest: the backup's own schema, not the code's."""
    name = table._meta.tablename
    columns = list(table._meta.columns)
    info = {"nama": name, "kolom": [c._meta.db_column_name for c in columns],
            "jenis": [type(c).__name__ for c in columns],
            "kunci": table._meta.primary_key._meta.db_column_name,
            "rujukan": {fk._meta.db_column_name: fk._foreign_key_meta.resolved_references._meta.tablename
                        for fk in table._meta.foreign_key_columns}}
    for column, kind in zip(info["kolom"], info["jenis"]):
        kind_decoder(kind, f"{name}.{column}")  # refuse now, not on the day of the restore
    return info


def columns(table: type[Table]) -> list:
    return list(table._meta.columns)


def load_order(infos: Iterable[dict]) -> list[dict]:
    """Parents before children; a table pointing at itself is handled by deferring that column."""
    by_name = {info["nama"]: info for info in infos}
    graph = {name: set(info.get("rujukan", {}).values()) & set(by_name) - {name} for name, info in by_name.items()}
    try:
        return [by_name[n] for n in TopologicalSorter(graph).static_order()]
    except CycleError as exc:
        raise KolomError(f"Tabel saling merujuk melingkar, belum bisa dicadangkan: {' -> '.join(exc.args[1])}"
                         ) from None


# Reading: one snapshot for every table.

def _select(table: type[Table]) -> str:
    names = ", ".join(f'"{c._meta.db_column_name}"' for c in columns(table))
    pk = table._meta.primary_key._meta.db_column_name
    return f'SELECT {names} FROM "{table._meta.tablename}" ORDER BY "{pk}"'


class _SQLiteSnapshot:
    def __init__(self, connection):
        self.connection = connection

    async def rows(self, table: type[Table]) -> AsyncIterator[list]:
        async with self.connection.execute(_select(table)) as cursor:
            while chunk := await cursor.fetchmany(FETCH):
                yield [list(row.values()) for row in chunk]

    async def last_id(self, table: type[Table]) -> int | None:
        return None  # SQLite hands out MAX(id) + 1 anyway: there is nothing more to keep


class _PostgresSnapshot:
    def __init__(self, connection):
        self.connection = connection

    async def rows(self, table: type[Table]) -> AsyncIterator[list]:
        cursor = await self.connection.cursor(_select(table))
        while chunk := await cursor.fetch(FETCH):
            yield [list(row.values()) for row in chunk]

    async def last_id(self, table: type[Table]) -> int | None:
        """The highest id the sequence has handed out, so a restore never hands out a deleted row's id again."""
        sequence = await self.connection.fetchval("SELECT pg_get_serial_sequence($1, $2)", table._meta.tablename,
                                                  table._meta.primary_key._meta.db_column_name)
        if sequence is None:
            return None
        row = await self.connection.fetchrow(f"SELECT last_value, is_called FROM {sequence}")
        return row["last_value"] if row["is_called"] else row["last_value"] - 1


@asynccontextmanager
async def snapshot() -> AsyncIterator[_SQLiteSnapshot | _PostgresSnapshot]:
    """``async with snapshot() as read: async for chunk in read.rows(Table)`` — every table as of one moment.

    SQLite in WAL mode and PostgreSQL at REPEATABLE READ both give a read transaction a fixed view, so
    what the app writes meanwhile is neither half in nor blocked.
    """
    engine = current_engine()
    if engine.engine_type == "sqlite":
        connection = await engine.get_connection()
        try:
            await connection.execute("BEGIN")
            yield _SQLiteSnapshot(connection)
        finally:
            await connection.execute("ROLLBACK")
            await connection.close()
        return
    connection = await engine.get_new_connection()
    try:
        async with connection.transaction(isolation="repeatable_read", readonly=True):
            yield _PostgresSnapshot(connection)
    finally:
        await connection.close()


async def existing_tables(tables: Iterable[type[Table]]) -> list[type[Table]]:
    return [t for t in tables if await t.table_exists().run()]


# Writing back, inside the caller's transaction.

class Loader:
    """Loads one table's rows as the manifest describes them; a column pointing at its own table is set in a
    second pass, once every row is in."""

    def __init__(self, info: dict):
        self.info = info
        self.decoders = [kind_decoder(kind, f"{info['nama']}.{column}")
                         for column, kind in zip(info["kolom"], info["jenis"])]
        own = info["nama"]
        self.deferred = [i for i, column in enumerate(info["kolom"]) if info.get("rujukan", {}).get(column) == own]
        self.pk_index = info["kolom"].index(info["kunci"])
        self.later: list[tuple] = []
        self.count = 0

    def _decode(self, row: list) -> tuple:
        values = [v if v is None or d is None else d(v) for v, d in zip(row, self.decoders)]
        for i in self.deferred:
            if values[i] is not None:
                self.later.append((i, values[i], values[self.pk_index]))
                values[i] = None
        return tuple(values)

    async def add(self, rows: list[list], last: bool = False) -> None:
        try:
            values = [self._decode(row) for row in rows]
        except (TypeError, ValueError, ArithmeticError) as exc:
            raise KolomError(f"Cadangan rusak: nilai tidak sah di tabel {self.info['nama']} ({exc}).") from None
        await insert_rows(self.info["nama"], self.info["kolom"], values, self.info["kunci"], analyze=last)
        self.count += len(values)

    async def finish(self) -> None:
        engine = current_engine()
        connection = engine.current_transaction.get().connection
        table, pk = self.info["nama"], self.info["kunci"]
        if self.info.get("urutan") and engine.engine_type != "sqlite":  # continue where the source's sequence was
            await connection.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', '{pk}'), "
                f'GREATEST($1::bigint, (SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}")))', int(self.info["urutan"]))
        if not self.later:
            return
        marks = ("?", "?") if engine.engine_type == "sqlite" else ("$1", "$2")
        for index in sorted({i for i, _, _ in self.later}):
            column = self.info["kolom"][index]
            sql = f'UPDATE "{table}" SET "{column}" = {marks[0]} WHERE "{pk}" = {marks[1]}'
            await connection.executemany(sql, [(value, key) for i, value, key in self.later if i == index])
