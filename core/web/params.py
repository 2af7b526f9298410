"""Integer parameters the databases can hold: the one place ids in paths and queries are bounded.

Ids are Piccolo's default primary key, SERIAL: a signed 32-bit INTEGER on PostgreSQL (SQLite
would hold 64 bits, but both engines keep the same ids, backups move between them). A number
outside 1..2^31-1 names nothing and must never reach a query: asyncpg raises on anything past
the column's range, SQLite on anything past 2^63, and either was an HTTP 500.

    @get("/admin/penduduk/{penduduk_id:int}")
    async def detail(request: Request, penduduk_id: Id) -> Template: ...       # bad id: 404

    @get("/admin/audit")
    async def audit(request: Request, hal: Page = 1) -> Template: ...         # bad page: 400

A path parameter that fails its bounds is answered 404 (core.web.errors): such a path
names no page. A query parameter that fails is a 400.
"""

from __future__ import annotations

from typing import Annotated, Iterable

from litestar import Request
from litestar.exceptions import ValidationException
from litestar.params import PathParameter, QueryParameter

ID_MAX = 2 ** 31 - 1  # SERIAL / INTEGER on PostgreSQL
CODE_MAX = 2 ** 15 - 1  # SMALLINT: the register's code columns (agama, status_dasar, ...)
PAGE_MAX = 1_000_000  # page × page size must stay a sane OFFSET

#: A row id in a path: ``{x_id:int}`` with ``x_id: Id``. Out of range (0, negative, >= 2^31): 404.
Id = Annotated[int, PathParameter(ge=1, le=ID_MAX, description="Nomor data (1 sampai 2^31-1)")]
#: A row id (or an id cursor, 0 for "from the start") in the query string. Out of range: 400.
QueryId = Annotated[int, QueryParameter(ge=0, le=ID_MAX, description="Nomor data (0 sampai 2^31-1)")]
#: A page number in the query string (``?hal=2``). Out of range: 400.
Page = Annotated[int, QueryParameter(ge=0, le=PAGE_MAX, description="Nomor halaman")]


def parse_id(value: object) -> int | None:
    """An id read by hand (a form field, a query value): the number, or None when it is not a valid id."""
    text = str(value).strip() if value is not None else ""
    if not text.isdigit() or len(text) > 12:
        return None
    number = int(text)
    return number if 1 <= number <= ID_MAX else None


def check_query_numbers(request: Request, names: Iterable[str], low: int = 0, high: int = ID_MAX) -> None:
    """Refuse (400) a query whose named values are numbers outside low..high; other text is left to the caller."""
    for name in names:
        for raw in request.query_params.getall(name, []):
            text = raw.strip()
            if text.lstrip("+-").isdigit() and not (low <= int(text) <= high if len(text) <= 20 else False):
                raise ValidationException(f"Nilai {name} di luar batas ({low} sampai {high}).",
                                          extra=[{"key": name, "source": "query",
                                                  "message": f"harus antara {low} dan {high}"}])
