"""Query helpers for statistics, books and exports (through plugin_sdk.register): plain data, computed by the database.

`counts` is one GROUP BY in SQL; `stream_residents` pages through the register by id in batches so an export
of 50,000 residents never holds them all at once. Both narrow themselves to the scope of the user making the
request (core.penduduk.lingkup), so a plugin's list, statistic or export respects it without code of its own.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import AsyncIterator, Iterable

from core.penduduk import kode, lingkup
from core.penduduk.jurnal import LEAVING
from core.penduduk.pendaftaran import ARRIVING
from core.penduduk.tables import Penduduk, Wilayah

HIDUP = 1
#: Fields `counts` groups by and `where` filters on: the register's coded fields, and places.
_NAMES = {c._meta.name for c in Penduduk._meta.columns}
CODED = tuple(name for name in kode.LISTS if name in _NAMES)
GROUPS = (*CODED, "wilayah", "keluarga", "umur")
FILTERS = (*CODED, "wilayah", "keluarga")
#: Fields `stream_residents` can return besides the register's own.
EXTRA_FIELDS = ("id", "keluarga", "wilayah", "rumah_tangga", "no_kk", "wilayah_nama")


class QueryError(ValueError):
    """A helper was asked for a field or value it does not know; the message names it."""


def _ints(value, key: str) -> list[int]:
    values = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
    try:
        return sorted({int(v) for v in values})
    except (TypeError, ValueError):
        raise QueryError(f"where[{key!r}] harus kode angka atau daftar kode") from None


def _age_sql(day: date, engine: str) -> str:
    iso = day.isoformat()  # a date object's own text: safe to write into the statement
    if engine == "postgres":
        return f"CAST(date_part('year', age(DATE '{iso}', p.tanggal_lahir)) AS INTEGER)"
    return (f"(CAST(strftime('%Y', '{iso}') AS INTEGER) - CAST(strftime('%Y', p.tanggal_lahir) AS INTEGER)"
            f" - (strftime('%m-%d', '{iso}') < strftime('%m-%d', p.tanggal_lahir)))")


def _present_on(day: date) -> str:
    """Resident was in the register on `day`: their latest presence entry by then (not cancelled) is an arrival."""
    kinds = ", ".join(f"'{k}'" for k in (*ARRIVING, *LEAVING))
    arriving = ", ".join(f"'{k}'" for k in ARRIVING)
    return (f"(SELECT e.jenis FROM balai_peristiwa e WHERE e.penduduk = p.id AND e.dibatalkan = FALSE"
            f" AND e.jenis IN ({kinds}) AND e.tanggal_peristiwa <= '{day.isoformat()}'"
            f" ORDER BY e.tanggal_peristiwa DESC, e.id DESC LIMIT 1) IN ({arriving})")


async def _conditions(where: dict | None, living: bool, as_of: date | None) -> list[str]:
    where = dict(where or {})
    unknown = sorted(set(where) - set(FILTERS))
    if unknown:
        raise QueryError(f"tidak bisa menyaring menurut {', '.join(unknown)}; yang bisa: {', '.join(FILTERS)}")
    sql = []
    for key, value in where.items():
        if key == "wilayah":  # a place includes everything below it
            places = set()
            for wid in _ints(value, key):
                places.update(await lingkup.below(wid))
            sql.append(f"p.wilayah IN ({', '.join(map(str, sorted(places)))})")
        elif value is None:
            sql.append(f"p.{key} IS NULL")
        else:
            sql.append(f"p.{key} IN ({', '.join(map(str, _ints(value, key)))})")
    if as_of is not None:
        sql.append(_present_on(as_of))
    elif living and "status_dasar" not in where:
        sql.append(f"p.status_dasar = {HIDUP}")
    scope = lingkup.current()
    if scope is not None:
        sql.append(f"p.wilayah IN ({', '.join(map(str, sorted(scope.ids))) or '0'})")
    return sql


async def _ancestors(level: int) -> dict[int, int | None]:
    """Every wilayah id -> the id of the place at tingkat `level` it lies in (itself at that level), or None."""
    rows = {r["id"]: r for r in await Wilayah.select(Wilayah.id, Wilayah.tingkat, Wilayah.induk).run()}
    out = {}
    for wid, row in rows.items():
        current, seen = row, set()
        while current is not None and current["tingkat"] > level and current["id"] not in seen:
            seen.add(current["id"])
            current = rows.get(current["induk"])
        out[wid] = current["id"] if current is not None and current["tingkat"] == level else None
    return out


async def counts(by: Iterable[str] = ("jenis_kelamin",), where: dict | None = None, as_of: date | None = None, *,
                 living: bool = True, level: int | None = None, today: date | None = None) -> list[dict]:
    """How many residents, grouped by codes and places, as one GROUP BY in the database.

    ``counts(by=("jenis_kelamin", "wilayah"), where={"agama": 1})`` ->
    ``[{"jenis_kelamin": 1, "wilayah": 7, "jumlah": 312}, ...]``, sorted by the group keys.
    `by` takes the register's coded fields, ``"wilayah"`` (the place a resident is recorded at; with
    `level` 1, 2 or 3 rolled up to the jorong/dusun, RW or RT it lies in), ``"keluarga"`` and ``"umur"``
    (age in whole years on `as_of` or today). `where` maps the same fields (not ``"umur"``) to a code,
    a list of codes or None; ``"wilayah"`` includes everything below it. Living residents only unless
    `living` is False or `where` names ``status_dasar``; with `as_of` (a past date), the residents present
    on that day by the journal, counted by their attributes as they are now. The scope of the current
    user applies.
    """
    by = tuple(by)
    unknown = [b for b in by if b not in GROUPS]
    if unknown or len(set(by)) != len(by):
        raise QueryError(f"tidak bisa mengelompokkan menurut {', '.join(unknown) or 'kolom ganda'}; "
                         f"yang bisa: {', '.join(GROUPS)}")
    if level is not None and level not in (1, 2, 3):
        raise QueryError("level harus 1 (dusun/jorong), 2 (RW) atau 3 (RT)")
    engine = Penduduk._meta.db.engine_type
    day = as_of or today or date.today()
    columns = [(_age_sql(day, engine) if b == "umur" else f"p.{b}") + f" AS {b}" for b in by]
    conditions = await _conditions(where, living, as_of)
    sql = f"SELECT {', '.join([*columns, 'COUNT(*) AS jumlah'])} FROM balai_penduduk p"
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    if by:
        sql += f" GROUP BY {', '.join(str(i + 1) for i in range(len(by)))}"
    rows = await Penduduk.raw(sql).run()
    if level is not None and "wilayah" in by:
        up = await _ancestors(level)
        summed: dict[tuple, int] = defaultdict(int)
        for row in rows:
            row["wilayah"] = up.get(row["wilayah"]) if row["wilayah"] is not None else None
            summed[tuple(row[b] for b in by)] += row["jumlah"]
        rows = [{**dict(zip(by, key)), "jumlah": n} for key, n in summed.items()]
    rows = [{**{b: r[b] for b in by}, "jumlah": int(r["jumlah"])} for r in rows]
    return sorted(rows, key=lambda r: tuple((r[b] is None, r[b] if r[b] is not None else 0) for b in by))


def _column(name: str):
    if name == "no_kk":
        return Penduduk.keluarga.no_kk.as_alias("no_kk")
    if name == "wilayah_nama":
        return Penduduk.wilayah.nama.as_alias("wilayah_nama")
    return getattr(Penduduk, name)


async def stream_residents(fields: Iterable[str] | None = None, where: dict | None = None, *, batch: int = 1000,
                           living: bool = True) -> AsyncIterator[dict]:
    """Residents as plain dicts in id order, read `batch` at a time, for exports and books.

    ``async for person in stream_residents(("nik", "nama", "no_kk"), {"wilayah": 3}): ...``
    `fields`: the register's fields (plugin_sdk.register.FIELDS) and ``id``, ``keluarga``, ``wilayah``,
    ``rumah_tangga``, ``no_kk``, ``wilayah_nama``; None gives all of them. `where` as in `counts`.
    Living residents only unless `living` is False or `where` names ``status_dasar``. The scope of the
    current user applies. Dates are ``datetime.date``; codes are numbers (decode with ``code_labels``).
    """
    from core.penduduk.baca import FIELDS

    wanted = tuple(fields) if fields is not None else (*EXTRA_FIELDS, *FIELDS)
    unknown = [f for f in wanted if f not in FIELDS and f not in EXTRA_FIELDS]
    if unknown:
        raise QueryError(f"kolom tidak dikenal: {', '.join(unknown)}")
    if batch < 1:
        raise QueryError("batch harus 1 atau lebih")
    columns = [_column(f) for f in dict.fromkeys(("id", *wanted))]
    where = dict(where or {})
    unknown = sorted(set(where) - set(FILTERS))
    if unknown:
        raise QueryError(f"tidak bisa menyaring menurut {', '.join(unknown)}; yang bisa: {', '.join(FILTERS)}")
    conditions = []
    for key, value in where.items():
        if key == "wilayah":
            places: set[int] = set()
            for wid in _ints(value, key):
                places.update(await lingkup.below(wid))
            conditions.append(Penduduk.wilayah.is_in(sorted(places) or [0]))
        elif value is None:
            conditions.append(getattr(Penduduk, key).is_null())
        else:
            conditions.append(getattr(Penduduk, key).is_in(_ints(value, key)))
    if living and "status_dasar" not in where:
        conditions.append(Penduduk.status_dasar == HIDUP)
    if (scoped := lingkup.resident_condition()) is not None:
        conditions.append(scoped)
    last = 0
    while True:
        query = Penduduk.select(*columns).where(Penduduk.id > last)
        for condition in conditions:
            query = query.where(condition)
        rows = await query.order_by(Penduduk.id).limit(batch).run()
        for row in rows:
            yield {f: row[f] for f in wanted}
        if len(rows) < batch:
            return
        last = rows[-1]["id"]
