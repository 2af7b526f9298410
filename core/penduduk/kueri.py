"""Query helpers for statistics, books and exports (through plugin_sdk.register): plain data, computed by the database.

`counts` is one GROUP BY in SQL and `unit_counts` its families' and households' twin (lists of residents are
in core.penduduk.daftar). Both narrow themselves to the scope of the user making the request
(core.penduduk.lingkup), so a plugin's statistic respects it without code of its own.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Iterable

from core.penduduk import kode, lingkup
from core.penduduk.jurnal import LEAVING
from core.penduduk.pendaftaran import ARRIVING
from core.penduduk.tables import Penduduk, Wilayah
from core.profil.waktu import today as nagari_today

HIDUP = 1
#: Fields `counts` groups by and `where` filters on: the register's coded fields, and places.
_NAMES = {c._meta.name for c in Penduduk._meta.columns}
CODED = tuple(name for name in kode.LISTS if name in _NAMES)
#: Derived groups: ``umur`` (age in whole years) and ``akta_lahir`` (1 has a birth-certificate number, 2 not).
GROUPS = (*CODED, "wilayah", "keluarga", "umur", "akta_lahir")
AKTA_SQL = "CASE WHEN p.no_akta_lahir <> '' THEN 1 ELSE 2 END"
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
    # Dates are ISO text in SQLite: slicing them is half the cost of strftime on every row.
    return (f"({day.year} - CAST(substr(p.tanggal_lahir, 1, 4) AS INTEGER)"
            f" - ('{iso[5:]}' < substr(p.tanggal_lahir, 6, 5)))")


def _place_on(day: date) -> str:
    """The resident's wilayah on `day`: the place a later move within the nagari left (its entry keeps the place
    counted before the move), else where they are recorded now."""
    later = (f"FROM balai_peristiwa m WHERE m.penduduk = p.id AND m.dibatalkan = FALSE"
             f" AND m.jenis = 'pindah_dalam_nagari' AND m.tanggal_peristiwa > '{day.isoformat()}'")
    return (f"(CASE WHEN EXISTS (SELECT 1 {later}) THEN (SELECT m.wilayah_id {later}"
            f" ORDER BY m.tanggal_peristiwa, m.id LIMIT 1) ELSE p.wilayah END)")


def _present_on(day: date) -> str:
    """Resident was in the register on `day`: their latest presence entry by then (not cancelled) is an arrival."""
    kinds = ", ".join(f"'{k}'" for k in (*ARRIVING, *LEAVING))
    arriving = ", ".join(f"'{k}'" for k in ARRIVING)
    return (f"(SELECT e.jenis FROM balai_peristiwa e WHERE e.penduduk = p.id AND e.dibatalkan = FALSE"
            f" AND e.jenis IN ({kinds}) AND e.tanggal_peristiwa <= '{day.isoformat()}'"
            f" ORDER BY e.tanggal_peristiwa DESC, e.id DESC LIMIT 1) IN ({arriving})")


async def _conditions(where: dict | None, living: bool, as_of: date | None) -> list[str]:
    where = dict(where or {})
    place = _place_on(as_of) if as_of is not None else "p.wilayah"
    unknown = sorted(set(where) - set(FILTERS))
    if unknown:
        raise QueryError(f"tidak bisa menyaring menurut {', '.join(unknown)}; yang bisa: {', '.join(FILTERS)}")
    sql = []
    for key, value in where.items():
        if key == "wilayah":  # a place includes everything below it
            places = set()
            for wid in _ints(value, key):
                places.update(await lingkup.below(wid))
            sql.append(f"{place} IN ({', '.join(map(str, sorted(places)))})")
        elif value is None:
            sql.append(f"p.{key} IS NULL")
        else:
            sql.append(f"p.{key} IN ({', '.join(map(str, _ints(value, key)))})")
    if as_of is not None:
        sql.append(_present_on(as_of))
    elif living and "status_dasar" not in where:
        # SQLite: "+", not through the status_dasar index: nearly everyone is living, and reading 20,000 rows via the
        # index took three times as long as a plain scan. PostgreSQL's statistics know that; a "+" would hide them
        # (it then expected 0.5 % of the rows and sorted where it hashes).
        plain = Penduduk._meta.db.engine_type == "postgres"
        sql.append(f"{'' if plain else '+'}p.status_dasar = {HIDUP}")
    scope = lingkup.current()
    if scope is not None:
        sql.append(f"{place} IN ({', '.join(map(str, sorted(scope.ids))) or '0'})")
    return sql


async def places_at(level: int) -> dict[int, int | None]:
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
    on that day by the journal, at the place they lived that day (a later move within the nagari is undone:
    its journal entry keeps the place before the move), with their other attributes as they are now.
    ``"akta_lahir"`` groups by whether a birth-certificate number is recorded (1 yes, 2 no). The scope of
    the current user applies (to the place on `as_of` when given).
    """
    by = tuple(by)
    unknown = [b for b in by if b not in GROUPS]
    if unknown or len(set(by)) != len(by):
        raise QueryError(f"tidak bisa mengelompokkan menurut {', '.join(unknown) or 'kolom ganda'}; "
                         f"yang bisa: {', '.join(GROUPS)}")
    if level is not None and level not in (1, 2, 3):
        raise QueryError("level harus 1 (dusun/jorong), 2 (RW) atau 3 (RT)")
    engine = Penduduk._meta.db.engine_type
    day = as_of or today or nagari_today()
    derived = {"umur": _age_sql(day, engine), "akta_lahir": AKTA_SQL,
               "wilayah": _place_on(as_of) if as_of is not None else "p.wilayah"}
    columns = [derived.get(b, f"p.{b}") + f" AS {b}" for b in by]
    conditions = await _conditions(where, living, as_of)
    sql = f"SELECT {', '.join([*columns, 'COUNT(*) AS jumlah'])} FROM balai_penduduk p"
    if conditions:
        sql += " WHERE " + " AND ".join(conditions)
    if by:
        sql += f" GROUP BY {', '.join(str(i + 1) for i in range(len(by)))}"
    return await _finish(await Penduduk.raw(sql).run(), by, level)


async def _finish(rows: list[dict], by: tuple, level: int | None) -> list[dict]:
    """Roll places up to `level`, sum, and sort by the group keys (None last)."""
    if level is not None and "wilayah" in by:
        up = await places_at(level)
        summed: dict[tuple, int] = defaultdict(int)
        for row in rows:
            row["wilayah"] = up.get(row["wilayah"]) if row["wilayah"] is not None else None
            summed[tuple(row[b] for b in by)] += int(row["jumlah"])
        rows = [{**dict(zip(by, key)), "jumlah": n} for key, n in summed.items()]
    rows = [{**{b: r[b] for b in by}, "jumlah": int(r["jumlah"])} for r in rows]
    return sorted(rows, key=lambda r: tuple((r[b] is None, r[b] if r[b] is not None else 0) for b in by))


UNITS = {"keluarga": ("balai_keluarga", ("kelas_sosial", "wilayah", "jenis_kelamin")),
         "rumah_tangga": ("balai_rumah_tangga", ("wilayah", "jenis_kelamin"))}


async def unit_counts(unit: str = "keluarga", by: Iterable[str] = ("wilayah",), where: dict | None = None,
                      as_of: date | None = None, *, level: int | None = None) -> list[dict]:
    """How many families (``unit="keluarga"``) or households (``"rumah_tangga"``), as one GROUP BY.

    A family or household counts when at least one member is a living resident (or, with `as_of`, was present
    that day) matching `where` (as in `counts`). `by`: ``"wilayah"`` (the family's/household's own place, rolled
    up to `level` as in `counts`), ``"jenis_kelamin"`` (of its head: the member recorded as kepala keluarga,
    else its first member) and, for families, ``"kelas_sosial"``. The scope of the current user applies.
    """
    if unit not in UNITS:
        raise QueryError(f"unit harus salah satu dari: {', '.join(UNITS)}")
    table, allowed = UNITS[unit]
    by = tuple(by)
    if any(b not in allowed for b in by) or len(set(by)) != len(by):
        raise QueryError(f"tidak bisa mengelompokkan {unit} menurut {', '.join(by)}; yang bisa: {', '.join(allowed)}")
    if level is not None and level not in (1, 2, 3):
        raise QueryError("level harus 1 (dusun/jorong), 2 (RW) atau 3 (RT)")
    # One pass over the register, grouped by unit (a correlated subquery per unit needs an index per unit column
    # and took 100 s at 20,000). The head's sex rides along as the last digit of id * 10 + sex: the smallest such
    # number among the kepala keluarga, else among all members, is the head's, without a sort or a join back.
    members = " AND ".join([f"p.{unit} IS NOT NULL", *await _conditions(where, True, as_of)])
    tagged = "CAST(p.id AS BIGINT) * 10 + p.jenis_kelamin"
    heads = (f"SELECT p.{unit} AS unit_id, COALESCE(MIN(CASE WHEN p.hubungan = 1 THEN {tagged} END), MIN({tagged}))"
             f" % 10 AS jenis_kelamin FROM balai_penduduk p WHERE {members} GROUP BY p.{unit}")
    columns = [("h.jenis_kelamin" if b == "jenis_kelamin" else f"u.{b}") + f" AS {b}" for b in by]
    sql = (f"SELECT {', '.join([*columns, 'COUNT(*) AS jumlah'])} FROM ({heads}) h"
           f" JOIN {table} u ON u.id = h.unit_id")
    scope = lingkup.current()
    if scope is not None:
        sql += f" WHERE u.wilayah IN ({', '.join(map(str, sorted(scope.ids))) or '0'})"
    if by:
        sql += f" GROUP BY {', '.join(str(i + 1) for i in range(len(by)))}"
    return await _finish(await Penduduk.raw(sql).run(), by, level)


async def data_version() -> str:
    """A cheap key that changes whenever a figure of the register may have changed: the last journal entry (every
    change to a resident writes one; its id and when it was written), and the families, households and places as
    counted now. For caches."""
    # The dashboard asks on every view. PostgreSQL counts the families and sums their class in one scan of the
    # table (two scans took ~0.4 ms more at 20,000 residents); SQLite is as fast or faster with two.
    one_scan = Penduduk._meta.db.engine_type == "postgres"
    families = ("f.k AS k", "f.ks AS ks") if one_scan else (
        "(SELECT COUNT(*) FROM balai_keluarga) AS k", "(SELECT SUM(kelas_sosial) FROM balai_keluarga) AS ks")
    rows = await Penduduk.raw(
        f"SELECT (SELECT MAX(id) FROM balai_peristiwa) AS e, {families[0]},"
        f" (SELECT MAX(id) FROM balai_keluarga) AS km, {families[1]},"
        " (SELECT COUNT(*) FROM balai_rumah_tangga) AS r, (SELECT MAX(id) FROM balai_wilayah) AS w,"
        " (SELECT COUNT(*) FROM balai_wilayah) AS wn,"
        # when the first and the last entry were written: tells two databases with the same counts apart
        " (SELECT dibuat FROM balai_peristiwa ORDER BY id LIMIT 1) AS e0,"
        " (SELECT dibuat FROM balai_peristiwa ORDER BY id DESC LIMIT 1) AS e1"
        + (" FROM (SELECT COUNT(*) AS k, SUM(kelas_sosial) AS ks FROM balai_keluarga) AS f" if one_scan else "")
    ).run()
    return ":".join(str(rows[0][k] or 0) for k in ("e", "k", "km", "ks", "r", "w", "wn", "e0", "e1"))


async def journal_start() -> date | None:
    """The date of the earliest journal entry that stands (the register's first day), or None when it is empty."""
    rows = await Penduduk.raw("SELECT MIN(tanggal_peristiwa) AS d FROM balai_peristiwa WHERE dibatalkan = FALSE").run()
    day = rows[0]["d"] if rows else None
    return date.fromisoformat(str(day)[:10]) if day is not None else None
