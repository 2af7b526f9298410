"""How the register is searched and counted: one rule for the resident list, the books and the office's search box.

Digits (spaces ignored) find the start of a NIK (and, where asked, of the family's No. KK); anything else is a part
of the name, as typed: `%`, `_` and quotes are letters like any other, upper and lower case are the same.

Names are found through an index when the text has 3 characters or more (issue 19): a trigram GIN index on
PostgreSQL serves `LIKE '%...%'`, and on SQLite the FTS5 table `balai_penduduk_cari` (trigram tokenizer, kept by
triggers; migration 2026-12-05T12:10) answers a phrase query. Shorter text, or an SQLite without the table (older
than 3.34), is tested row by row (`strpos`/`instr`), which finds the same residents; so does the LIKE on a
PostgreSQL without pg_trgm.

A page of a search (`page`) counts only what is cheap to count: up to FEW matches exactly, beyond that "more
than": a page needs to know whether another follows, not how many thousands match. A list without a search gets
its exact total, kept per register version (`exact_total`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from piccolo.columns.combination import WhereRaw
from piccolo.query import Select

from core.db.binding import current_engine
from core.penduduk.tables import Keluarga, Penduduk

FTS_TABLE = "balai_penduduk_cari"
TRIGRAM = 3  # the index knows nothing of shorter text
COUNT_CAP = 10000
FEW = 2000  # a search matching up to this many is paged by their ids, and counted exactly
_indexed: set[str] = set()  # SQLite files known to hold the FTS table (an older SQLite never gets one)
_totals: dict[tuple, int] = {}
TOTALS_KEPT = 256


class Jumlah(int):
    """A count that may have stopped at a cap: ``lebih`` is True when more rows match than the number says."""

    lebih: bool = False

    @classmethod
    def capped(cls, value: int, lebih: bool) -> "Jumlah":
        count = cls(value)
        count.lebih = lebih
        return count


def like_pattern(text: str) -> str:
    """`%text%` for LIKE ... ESCAPE '\\': the user's `%`, `_` and backslash match themselves."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_phrase(text: str) -> str:
    """The text as one FTS5 phrase: in double quotes, a double quote doubled; nothing inside is query syntax."""
    return '"' + text.replace('"', '""') + '"'


def _prefix_range(digits: str) -> tuple[str, str | None]:
    """[low, high) holding every string that starts with `digits`: "1307" -> ("1307", "1308"), "19" -> ("19", "2")."""
    stem = digits.rstrip("9")
    if not stem:
        return digits, None
    return digits, stem[:-1] + str(int(stem[-1]) + 1)


def prefix_condition(column, digits: str):
    """`column` starts with `digits`. The range lets a plain B-tree index serve it on both engines (SQLite's
    case-insensitive LIKE and a PostgreSQL without the C collation cannot use one); the LIKE keeps it exact."""
    low, high = _prefix_range(digits)
    condition = (column >= low) & column.like(f"{digits}%")
    return condition & (column < high) if high else condition


async def _fts_ready() -> bool:
    engine = current_engine()
    if engine.engine_type != "sqlite":
        return False
    if engine.path in _indexed:
        return True
    rows = await engine.run_ddl(f"SELECT 1 AS ada FROM sqlite_master WHERE name = '{FTS_TABLE}'")
    if rows:
        _indexed.add(engine.path)
    return bool(rows)


def substring_condition(text: str):
    """Residents whose name holds `text` (case aside), tested row by row: no index can serve it, so no plan picks
    one. PostgreSQL's generic plan for `LIKE $1` (reused for every text once a statement has run a few times)
    read the whole trigram index for a 2-character text: 75 ms at 200,000."""
    function = "strpos" if current_engine().engine_type == "postgres" else "instr"
    return WhereRaw(f'{function}("balai_penduduk"."nama_cari", {{}}) > 0', text.lower())


async def name_condition(text: str):
    """Residents whose name holds `text` (case aside), through the index when it can serve (3 characters or more):
    PostgreSQL's trigram index serves the LIKE, SQLite's FTS5 table a phrase query."""
    text = text.lower()
    if len(text) < TRIGRAM:
        return substring_condition(text)
    if current_engine().engine_type == "postgres":
        return WhereRaw("\"balai_penduduk\".\"nama_cari\" LIKE {} ESCAPE '\\'", like_pattern(text))
    if await _fts_ready():
        return WhereRaw(f'"balai_penduduk"."id" IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH {{}})',
                        fts_phrase(text))
    return substring_condition(text)


@dataclass(frozen=True)
class Cari:
    """What the search box asked for, as conditions on residents: `condition` goes through the index, `scan` is
    the same test for a read in the list's own order (for a name on SQLite row by row, else the same)."""

    condition: Any
    scan: Any


async def search_of(text: str, *, no_kk: bool = False) -> Cari | None:
    """The register's search box: digits the start of a NIK (or, with `no_kk`, of the family's No. KK), anything
    else a part of the name. None for empty text."""
    text = (text or "").strip()
    if not text:
        return None
    digits = text.replace(" ", "")
    if digits.isascii() and digits.isdigit():
        found = prefix_condition(Penduduk.nik, digits)
        if no_kk:  # families through their own index, not a join the planner must read whole
            families = Keluarga.select(Keluarga.id).where(prefix_condition(Keluarga.no_kk, digits))
            found = found | Penduduk.keluarga.is_in(families)
        return Cari(found, found)
    condition = await name_condition(text)
    # Many matches are found soonest in the list's own order: SQLite would otherwise sort every FTS match.
    return Cari(condition, condition if current_engine().engine_type == "postgres" else substring_condition(text))


def cap_for(offset: int, limit: int) -> int:
    """A count's cap for the page at `offset`: a round number past the page's end, so a capped count still says
    that more rows follow it (the next page of a book's loop is never lost to the cap)."""
    return COUNT_CAP * ((offset + limit) // COUNT_CAP + 1)


async def count_upto(conditions: list, cap: int = COUNT_CAP) -> Jumlah:
    """How many residents match, reading at most `cap` + 1 of them: the exact number up to `cap`, else `cap`
    with ``lebih`` set."""
    query = _narrowed(Penduduk.select(Penduduk.id), conditions).limit(cap + 1)
    rows = await Penduduk.raw("SELECT COUNT(*) AS n FROM ({}) AS upto", query.querystrings[0]).run()
    found = rows[0]["n"]
    return Jumlah.capped(min(found, cap), found > cap)


async def _register_version() -> tuple:
    # Every change to a resident writes a journal entry (ENGINEERING-NOTES 1): the newest one names the state.
    # (On PostgreSQL a transaction that took an older id and committed later shows at the next change.)
    rows = await Penduduk.raw("SELECT id, dibuat FROM balai_peristiwa ORDER BY id DESC LIMIT 1").run()
    return (rows[0]["id"], str(rows[0]["dibuat"])) if rows else (0, "")


async def exact_total(conditions: list) -> Jumlah:
    """The exact count, kept per register version: for lists without a search (a handful of filters, viewed
    again and again), so the first view after a change counts and the others do not."""
    query = _narrowed(Penduduk.count(), conditions)
    engine = current_engine()
    key = (getattr(engine, "path", None) or str(engine.config), str(query), await _register_version())
    if key not in _totals:
        if len(_totals) >= TOTALS_KEPT:
            _totals.pop(next(iter(_totals)))
        _totals[key] = await query.run()
    return Jumlah.capped(_totals[key], False)


def _by_ids(ids: list[int]):
    """`id` among `ids`, as one parameter: Piccolo spent ~5 ms of CPU building an IN list of 500 numbers."""
    if current_engine().engine_type == "postgres":
        return WhereRaw('"balai_penduduk"."id" = ANY({})', ids)
    return WhereRaw('"balai_penduduk"."id" IN (SELECT value FROM json_each({}))', json.dumps(ids))


def _narrowed(query, conditions: list):
    for condition in conditions:
        query = query.where(condition)
    return query


async def page(columns: tuple, order: Callable[[Select], Select], conditions: list, found: Cari | None,
               offset: int, limit: int, *, count: bool = True) -> tuple[list[dict], Jumlah | None]:
    """Rows `offset`..`offset + limit` of `columns` in the caller's `order` (a function adding ORDER BY to a select),
    narrowed by `conditions` and the search `found`, and how many match (None when not `count`).

    A search first reads the ids of up to FEW matches. When that is all of them (the usual case: a name or a NIK
    is looked for to be found), those ids are put in order, and the page's rows read by their ids: the count is
    exact. Otherwise at least one resident in 100 matches (at 200,000), so a read in the list's own order finds a
    page soon, and the count says "more than FEW" (past FEW, up to `cap_for`). A planner told to find the first 50
    of a few hundred in name order guesses they are spread out and reads the table in that order: PostgreSQL read
    120,000 rows to reach the "n" of a first name."""
    if found is None:
        rows = await _narrowed(order(Penduduk.select(*columns)), conditions).offset(offset).limit(limit).run()
        return rows, (await exact_total(conditions) if count else None)
    probe = _narrowed(Penduduk.select(Penduduk.id), [*conditions, found.condition]).limit(FEW + 1)
    ids = [row["id"] for row in await probe.run()]
    if len(ids) <= FEW:
        return await _by_id_page(columns, order, ids, offset, limit), Jumlah.capped(len(ids), False)
    in_order = _narrowed(order(Penduduk.select(*columns)), [*conditions, found.scan])
    rows = await in_order.offset(offset).limit(limit).run()
    if not count:
        return rows, None
    if offset + limit < FEW:
        return rows, Jumlah.capped(FEW, True)
    return rows, await count_upto([*conditions, found.condition], cap_for(offset, limit))


async def _by_id_page(columns: tuple, order: Callable[[Select], Select], ids: list[int], offset: int,
                      limit: int) -> list[dict]:
    """The page of these residents: all their ids in order (no LIMIT, so no plan bets on finding them early),
    then the page's rows by id; a few are read whole in one go."""
    if not ids:
        return []
    if len(ids) <= 4 * limit:
        every = await order(Penduduk.select(*columns).where(_by_ids(ids))).run()
        return every[offset:offset + limit]
    ordered = [row["id"] for row in await order(Penduduk.select(Penduduk.id).where(_by_ids(ids))).run()]
    wanted = ordered[offset:offset + limit]
    if not wanted:
        return []
    rows = {row["id"]: row for row in await Penduduk.select(*columns, Penduduk.id.as_alias("_id")).where(
        _by_ids(wanted)).run()}
    return [{k: v for k, v in rows[pid].items() if k != "_id"} for pid in wanted]
