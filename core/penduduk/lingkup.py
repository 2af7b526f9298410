"""Scopes of access: a staff account limited to part of the wilayah sees and edits only the residents living there.

A user's scope is one wilayah (a jorong, RW or RT) and everything below it; no scope is the whole nagari.
The access guard puts the scope of the user making the request into a context variable before any handler
runs, and every read of the register that plugins or the kernel's pages make (search, the query helpers,
`resident`, `find`, the API) narrows itself to it. Code without a request (the CLI, background jobs)
runs unscoped unless it asks for a user's scope with `scope_of_user` and enters it with `within`.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Iterator

from core.penduduk.tables import Keluarga, Penduduk, RumahTangga, Wilayah


@dataclass(frozen=True)
class Lingkup:
    """A part of the nagari: `wilayah_id` and every id at or below it (`ids`)."""

    wilayah_id: int
    nama: str
    ids: frozenset[int]

    def covers(self, wilayah_id: int | None) -> bool:
        return wilayah_id is not None and wilayah_id in self.ids


_current: ContextVar[Lingkup | None] = ContextVar("balai_lingkup", default=None)


async def below(wilayah_id: int) -> list[int]:
    """A wilayah and everything below it (a jorong includes its RWs and RTs)."""
    ids, frontier, seen = [wilayah_id], [wilayah_id], {wilayah_id}
    while frontier:
        rows = await Wilayah.select(Wilayah.id).where(Wilayah.induk.is_in(frontier)).run()
        frontier = [r["id"] for r in rows if r["id"] not in seen]
        seen.update(frontier)
        ids += frontier
    return ids


async def scope_of_wilayah(wilayah_id: int | None) -> Lingkup | None:
    if wilayah_id is None:
        return None
    row = await Wilayah.select(Wilayah.nama).where(Wilayah.id == wilayah_id).first().run()
    # A scope pointing at nothing must not widen to the whole nagari: it covers nobody.
    return Lingkup(wilayah_id, row["nama"] if row else "?", frozenset(await below(wilayah_id)) if row else frozenset())


async def scope_of_user(username: str) -> Lingkup | None:
    """The scope of a staff account by username (None: whole nagari), for jobs a user started."""
    from core.tables import Pengguna

    row = await Pengguna.select(Pengguna.wilayah_lingkup).where(Pengguna.username == username).first().run()
    return await scope_of_wilayah(row["wilayah_lingkup"]) if row else None


def current() -> Lingkup | None:
    """The scope in force for this request or block; None: the whole nagari."""
    return _current.get()


def enter(scope: Lingkup | None) -> None:
    """Set the scope for the rest of this request (the access guard does this for every request)."""
    _current.set(scope)


@contextmanager
def within(scope: Lingkup | None) -> Iterator[None]:
    """Run a block under `scope` (a job started by a scoped user), then restore the previous one."""
    token = _current.set(scope)
    try:
        yield
    finally:
        _current.reset(token)


def resident_condition(scope: Lingkup | None = None):
    """A `where` condition on Penduduk for the scope in force, or None when unscoped."""
    scope = scope if scope is not None else current()
    if scope is None:
        return None
    return Penduduk.wilayah.is_in(sorted(scope.ids) or [0])


def narrow(query, scope: Lingkup | None = None):
    """`query` (a select or count on Penduduk) limited to the scope in force."""
    condition = resident_condition(scope)
    return query if condition is None else query.where(condition)


async def resident_visible(penduduk_id: int) -> bool:
    scope = current()
    if scope is None:
        return True
    row = await Penduduk.select(Penduduk.wilayah).where(Penduduk.id == penduduk_id).first().run()
    return row is not None and scope.covers(row["wilayah"])


async def family_visible(keluarga_id: int) -> bool:
    """A family is in scope when its card's place is, or when any of its members lives in the scope."""
    scope = current()
    if scope is None:
        return True
    row = await Keluarga.select(Keluarga.wilayah).where(Keluarga.id == keluarga_id).first().run()
    if row is None:
        return False
    if scope.covers(row["wilayah"]):
        return True
    return await Penduduk.exists().where((Penduduk.keluarga == keluarga_id)
                                         & Penduduk.wilayah.is_in(sorted(scope.ids) or [0])).run()


async def household_visible(household_id: int) -> bool:
    scope = current()
    if scope is None:
        return True
    row = await RumahTangga.select(RumahTangga.wilayah).where(RumahTangga.id == household_id).first().run()
    if row is None:
        return False
    if scope.covers(row["wilayah"]):
        return True
    return await Penduduk.exists().where((Penduduk.rumah_tangga == household_id)
                                         & Penduduk.wilayah.is_in(sorted(scope.ids) or [0])).run()


async def entry_visible(entry_id: int) -> bool:
    """A journal entry is in scope when the resident it is about is."""
    from core.penduduk.tables import Peristiwa

    if current() is None:
        return True
    row = await Peristiwa.select(Peristiwa.penduduk).where(Peristiwa.id == entry_id).first().run()
    return row is not None and await resident_visible(row["penduduk"])


def wilayah_visible(wilayah_id: int | None) -> bool:
    scope = current()
    return scope is None or scope.covers(wilayah_id)
