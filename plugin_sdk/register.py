"""Read access to the population register for plugins: plain data, never the kernel's tables.

    from plugin_sdk import register

    person = await register.resident(penduduk_id, profile)          # one resident, labels decoded
    card = await register.family(person, profile)                   # their family card and its members
    rows = await register.counts(by=("jenis_kelamin", "wilayah"), level=1)   # GROUP BY in SQL
    families = await register.unit_counts("keluarga", by=("kelas_sosial",))  # families, households
    key = await register.data_version()                                      # changes with any register change
    async for p in register.stream_residents(("nik", "nama", "no_kk")):     # an export, batch by batch
        ...
    entries = await register.movements("2026-01", "2026-12")   # births, deaths, moves (Buku Mutasi)
    rows, total = await register.resident_page(("nama",), cari="siti", mulai=50, batas=50)  # a book's page

    class Catatan(Table):
        penduduk = register.resident_fk(index=True)                 # ON DELETE RESTRICT

Writes go through the kernel's journal only. Reading a person is a view: log it with
``plugin_sdk.log_view`` where your page shows it.

Every read here applies the scope of the staff user making the request (a kepala jorong sees only that
jorong): a resident outside it is simply not found. Code without a request (CLI commands, jobs) reads
the whole register unless it enters a user's scope with ``async with user_scope(username): ...``.

Bulk loading (an import) also goes through the journal: ``bulk_load(Muatan(...), actor, day)``
creates places, families and residents with ``pendataan_awal`` entries and applies corrections
with ``koreksi`` entries, in one transaction.
"""

from __future__ import annotations

import warnings
from contextlib import asynccontextmanager
from typing import AsyncIterator

from core.penduduk import kode as _kode
from core.penduduk import lingkup as _lingkup
from core.penduduk.baca import FIELD_SPECS, FIELDS, FieldSpec, by_nik, family, find, parents, resident, spouse
from core.penduduk.data_lengkap import FIELDS as DETAIL_FIELDS, LABELS as DETAIL_LABELS
from core.penduduk.data_lengkap import clean_details as check_details
from core.penduduk.kolom import family_fk, journal_fk, resident_fk
from core.penduduk.daftar import resident_page, stream_residents
from core.penduduk.kueri import GROUPS, QueryError, counts, data_version, journal_start, places_at, unit_counts
from core.penduduk.laporan import families_at, first_month as journal_first_month, journal_closed_until, \
    monthly_movements
from core.penduduk.mutasi import MOVEMENTS, movements
from core.penduduk.massal import Muatan, by_nik as residents_by_nik, load as bulk_load, wilayah_rows
from core.penduduk.nik import check_kk, check_nik

code_labels = _kode.labels  # code_labels("agama") -> {1: "Islam", ...}
code_rows = _kode.rows      # the code list's rows as in ../reference/kode, e.g. status_kawin's dari_kode_4


async def stored_profile() -> dict:
    """The nagari profile (name, code, terms) as stored, for code without a request (a contract, a job)."""
    from core.plugin_host.settings import get_value
    from core.runtime import DEFAULT_PROFILE, PROFILE_KEY

    return {**DEFAULT_PROFILE, **(await get_value(PROFILE_KEY) or {})}


def current_scope() -> dict | None:
    """The part of the nagari the current user may see: ``{"wilayah_id", "nama", "wilayah_ids"}``, or None
    for the whole nagari (also outside a request)."""
    scope = _lingkup.current()
    return None if scope is None else {"wilayah_id": scope.wilayah_id, "nama": scope.nama,
                                       "wilayah_ids": sorted(scope.ids)}


@asynccontextmanager
async def user_scope(username: str) -> AsyncIterator[None]:
    """Read as `username` may: for a job or CLI command a scoped user started (the job's own user name)."""
    with _lingkup.within(await _lingkup.scope_of_user(username)):
        yield


def __getattr__(name: str):
    if name == "PendudukTable":  # deprecated in SDK 1.7, removed in 2.0
        warnings.warn("plugin_sdk.register.PendudukTable is deprecated (SDK 1.7) and goes in 2.0: point at a resident "
                      "with register.resident_fk(), read with register.resident/counts/stream_residents",
                      DeprecationWarning, stacklevel=2)
        from core.penduduk.tables import Penduduk

        return Penduduk
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["by_nik", "family", "find", "parents", "resident", "spouse", "Muatan", "bulk_load",
           "residents_by_nik", "wilayah_rows", "check_nik", "check_kk", "code_labels", "code_rows", "FIELDS",
           "FIELD_SPECS", "FieldSpec", "counts", "stream_residents", "GROUPS", "QueryError", "resident_fk",
           "family_fk", "journal_fk", "current_scope", "user_scope", "monthly_movements", "families_at",
           "journal_first_month", "journal_closed_until", "unit_counts", "data_version", "journal_start",
           "stored_profile", "resident_page", "movements", "MOVEMENTS", "check_details", "DETAIL_FIELDS",
           "DETAIL_LABELS", "places_at"]
