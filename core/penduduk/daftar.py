"""Residents as rows for books and exports (through plugin_sdk.register): a whole list streamed in batches, or one
page of it with its count, filtered, searched and paged by the database.

Both read the same conditions, so a book's page on screen and its export list the same people in the same order.
The scope of the user making the request applies (core.penduduk.lingkup).
"""

from __future__ import annotations

from typing import AsyncIterator, Iterable

from core.penduduk import lingkup
from core.penduduk.kueri import EXTRA_FIELDS, FILTERS, HIDUP, QueryError, _ints
from core.penduduk.pencarian import page, search_of
from core.penduduk.tables import Penduduk

CARI_MAX = 80
#: Asked for by name only (never in the default list, so exports keep their columns): the family card's own fields.
ON_REQUEST = ("kelas_sosial",)
#: `where` here may also name residents by id or by household (a plugin re-reading the people it listed, dead or
#: moved included).
STREAM_FILTERS = (*FILTERS, "id", "rumah_tangga")


def _column(name: str):
    if name == "no_kk":
        return Penduduk.keluarga.no_kk.as_alias("no_kk")
    if name == "kelas_sosial":
        return Penduduk.keluarga.kelas_sosial.as_alias("kelas_sosial")
    if name == "wilayah_nama":
        return Penduduk.wilayah.nama.as_alias("wilayah_nama")
    return getattr(Penduduk, name)


def _fields(fields: Iterable[str] | None) -> tuple[str, ...]:
    from core.penduduk.baca import FIELDS

    wanted = tuple(fields) if fields is not None else (*EXTRA_FIELDS, *FIELDS)
    unknown = [f for f in wanted if f not in FIELDS and f not in EXTRA_FIELDS and f not in ON_REQUEST]
    if unknown:
        raise QueryError(f"kolom tidak dikenal: {', '.join(unknown)}")
    return wanted


async def _conditions(where: dict | None, living: bool) -> list:
    """`where` and `living` as conditions, the search aside (pencarian.search_of)."""
    where = dict(where or {})
    unknown = sorted(set(where) - set(STREAM_FILTERS))
    if unknown:
        raise QueryError(f"tidak bisa menyaring menurut {', '.join(unknown)}; yang bisa: {', '.join(STREAM_FILTERS)}")
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
    return conditions


async def _search(cari: str):
    """Digits (spaces ignored): the start of the NIK or of the family's No. KK; words: part of the name."""
    return await search_of((cari or "").strip()[:CARI_MAX], no_kk=True)


def _where(query, conditions: list):
    for condition in conditions:
        query = query.where(condition)
    return query


async def stream_residents(fields: Iterable[str] | None = None, where: dict | None = None, *, batch: int = 1000,
                           living: bool = True, cari: str = "") -> AsyncIterator[dict]:
    """Residents as plain dicts in id order, read `batch` at a time, for exports and books.

    ``async for person in stream_residents(("nik", "nama", "no_kk"), {"wilayah": 3}): ...``
    `fields`: the register's fields (plugin_sdk.register.FIELDS) and ``id``, ``keluarga``, ``wilayah``,
    ``rumah_tangga``, ``no_kk``, ``wilayah_nama``; None gives all of them; ``kelas_sosial`` (the family card's welfare
    class) only when named. `where` as in `counts`, and ``{"id": [...]}`` / ``{"rumah_tangga": [...]}`` for given
    residents or households' members.
    `cari`: digits find the start of a NIK or No. KK, words a part of the name.
    Living residents only unless `living` is False or `where` names ``status_dasar``. The scope of the
    current user applies. Dates are ``datetime.date``; codes are numbers (decode with ``code_labels``).
    """
    wanted = _fields(fields)
    if batch < 1:
        raise QueryError("batch harus 1 atau lebih")
    columns = [_column(f) for f in dict.fromkeys(("id", *wanted))]
    conditions = await _conditions(where, living)
    if (found := await _search(cari)) is not None:
        conditions.append(found.condition)
    last = 0
    while True:
        query = _where(Penduduk.select(*columns).where(Penduduk.id > last), conditions)
        rows = await query.order_by(Penduduk.id).limit(batch).run()
        for row in rows:
            yield {f: row[f] for f in wanted}
        if len(rows) < batch:
            return
        last = rows[-1]["id"]


async def resident_page(fields: Iterable[str] | None = None, where: dict | None = None, *, cari: str = "",
                        mulai: int = 0, batas: int = 50, living: bool = True) -> tuple[list[dict], int]:
    """One page of `stream_residents`' list (same filters, same id order) and how many residents it holds.

    ``rows, total = await resident_page(("nik", "nama"), {"wilayah": 3}, cari="siti", mulai=50, batas=50)``
    The total is exact, except for a search (`cari`) matching more than 2,000: then it is a round number past this
    page's end (2,000 while the page ends before it, then 10,000, 20,000, ...) and ``total.lebih`` is True, so
    ``mulai + batas < total`` still tells whether another page follows (core.penduduk.pencarian.page).
    """
    wanted = _fields(fields)
    if mulai < 0 or batas < 1:
        raise QueryError("mulai harus 0 atau lebih dan batas 1 atau lebih")
    columns = [_column(f) for f in dict.fromkeys(("id", *wanted))]
    conditions = await _conditions(where, living)
    rows, total = await page(tuple(columns), lambda query: query.order_by(Penduduk.id), conditions,
                             await _search(cari), mulai, batas)
    return [{f: row[f] for f in wanted} for row in rows], total
