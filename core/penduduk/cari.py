"""Searching the register: filters, sorting and pages, all done by the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from core.penduduk import lingkup
from core.penduduk.pencarian import Jumlah, page, search_of
from core.penduduk.tables import Penduduk
from core.profil.waktu import today as nagari_today

PER_PAGE = 50
SORTS = {"nama": (Penduduk.nama_cari, True), "umur": (Penduduk.tanggal_lahir, True),
         "umur_turun": (Penduduk.tanggal_lahir, False), "nik": (Penduduk.nik, True)}
CODE_FILTERS = ("jenis_kelamin", "agama", "pendidikan_kk", "pekerjaan", "status_kawin", "hubungan")


@dataclass
class Filter:
    q: str = ""
    wilayah: int | None = None
    status_dasar: int | None = 1
    umur_min: int | None = None
    umur_max: int | None = None
    codes: dict[str, int] = field(default_factory=dict)
    sort: str = "nama"
    hal: int = 1

    @classmethod
    def from_query(cls, params) -> "Filter":
        def number(key):
            try:
                return int(params.get(key)) if params.get(key) not in (None, "") else None
            except ValueError:
                return None
        status = params.get("status_dasar", "1")
        return cls(q=(params.get("q") or "").strip(), wilayah=number("wilayah"),
                   status_dasar=None if status == "semua" else number("status_dasar") or 1,
                   umur_min=number("umur_min"), umur_max=number("umur_max"),
                   codes={k: v for k in CODE_FILTERS if (v := number(k)) is not None},
                   sort=params.get("sort") if params.get("sort") in SORTS else "nama", hal=max(number("hal") or 1, 1))


def _years_ago(years: int, today: date) -> date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


async def _conditions(f: Filter, today: date) -> list:
    """The filter's conditions, the search box aside (pencarian.search_of)."""
    conditions = [c] if (c := lingkup.resident_condition()) is not None else []
    if f.wilayah is not None:
        conditions.append(Penduduk.wilayah.is_in(await lingkup.below(f.wilayah)))
    if f.status_dasar is not None:
        conditions.append(Penduduk.status_dasar == f.status_dasar)
    if f.umur_min is not None:
        conditions.append(Penduduk.tanggal_lahir <= _years_ago(f.umur_min, today))
    if f.umur_max is not None:
        conditions.append(Penduduk.tanggal_lahir > _years_ago(f.umur_max + 1, today))
    for key, value in f.codes.items():
        conditions.append(getattr(Penduduk, key) == value)
    return conditions


def _ordered(query, f: Filter):
    column, ascending = SORTS[f.sort]
    return query.order_by(column, ascending=ascending).order_by(Penduduk.id)


LIST_COLUMNS = (Penduduk.id, Penduduk.nik, Penduduk.nama, Penduduk.jenis_kelamin, Penduduk.tanggal_lahir,
                Penduduk.hubungan, Penduduk.status_dasar, Penduduk.keluarga.no_kk.as_alias("no_kk"),
                Penduduk.wilayah.nama.as_alias("wilayah_nama"))


async def search(f: Filter, today: date | None = None, *, count: bool = True) -> tuple[list[dict], Jumlah | None]:
    """One page of residents matching `f`, within the current user's scope, and how many match: exact, or for a
    search matching very many a capped number with ``lebih`` set (pencarian.page). None when not `count`."""
    conditions = await _conditions(f, today or nagari_today())
    return await page(LIST_COLUMNS, lambda query: _ordered(query, f), conditions, await search_of(f.q),
                      (f.hal - 1) * PER_PAGE, PER_PAGE, count=count)


async def every_match(f: Filter, columns: tuple, batch: int = 2000, today: date | None = None):
    """Every resident matching `f` (all pages, the list's order, the current user's scope), `batch` rows per
    query so a long list never holds the event loop for long; yields lists of rows."""
    conditions = await _conditions(f, today or nagari_today())
    if (found := await search_of(f.q)) is not None:
        conditions.append(found.condition)
    offset = 0
    while True:
        query = Penduduk.select(*columns)  # a new query each time: piccolo's builders change in place
        for condition in conditions:
            query = query.where(condition)
        rows = await _ordered(query, f).limit(batch).offset(offset).run()
        if rows:
            yield rows
        if len(rows) < batch:
            return
        offset += batch


def age(born: date, today: date | None = None) -> int:
    today = today or nagari_today()
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
