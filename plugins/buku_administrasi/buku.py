"""The book model: what a Buku Administrasi Desa is, its filters, its rows, and masking of NIK and No. KK.

A book is plain data plus one async row source; the pages and the export only lay it out. Books come from this
plugin (B.1, B.3 in penduduk.py) and from other plugins through the hook `buku_administrasi_buku` (events.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Awaitable, Callable

KINDS = ("text", "date", "number")
FILTERS = ("periode", "jorong", "cari")
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
YEAR = re.compile(r"^\d{4}$")
REGISTER = "penduduk.lihat"  # the core's permission to read the population register: the `izin` of books of residents
MASK_KEEP = 6  # the region part of a NIK / No. KK; digits 7-12 encode birth date and sex (DOMAIN.md, privacy)


class BukuError(ValueError):
    """A book that cannot be shown as asked; the message is for the clerk, in Bahasa Indonesia.

    `tidak_ada`: the book itself is unknown (the pages answer 404, otherwise 400)."""

    def __init__(self, message: str, *, tidak_ada: bool = False):
        super().__init__(message)
        self.tidak_ada = tidak_ada


@dataclass(frozen=True)
class Kolom:
    """One column: `kunci` is the row dict's key; `jenis` "text", "date" or "number"; `identitas` marks a NIK or
    No. KK, which the mask option cuts to its first 6 digits."""

    kunci: str
    label: str
    jenis: str = "text"
    identitas: bool = False

    def __post_init__(self):
        if self.jenis not in KINDS:
            raise ValueError(f"jenis kolom {self.kunci!r} harus salah satu dari {', '.join(KINDS)}")


@dataclass(frozen=True)
class Saringan:
    """What the clerk asked for: a period (year, or year and month), a jorong, a search text, masking."""

    tahun: int | None = None
    bulan: int | None = None
    jorong: int | None = None
    cari: str = ""
    samarkan: bool = False

    @property
    def periode(self) -> str:
        """"2026-05", "2026" or "" (no period asked)."""
        if self.tahun is None:
            return ""
        return f"{self.tahun:04d}-{self.bulan:02d}" if self.bulan else f"{self.tahun:04d}"

    def as_query(self) -> dict:
        """The filter as query parameters (for links, the audit entry and the export job)."""
        out = {"periode": self.periode, "jorong": self.jorong or "", "cari": self.cari,
               "samarkan": "1" if self.samarkan else ""}
        return {k: v for k, v in out.items() if v not in ("", None)}


@dataclass(frozen=True)
class Hasil:
    """One page of a book: its rows (dicts keyed by the columns' `kunci`) and how many rows the filter finds."""

    baris: list[dict]
    jumlah: int


@dataclass(frozen=True)
class Ringkasan:
    """A small table printed under a book's own (on the page, in the XLSX and the PDF): its title, a note (what
    it counts, on which date), its columns and its rows (dicts keyed by the columns' `kunci`), e.g. the assets
    per KIB class. Totals only: a summary has no NIK or No. KK column, so masking never has to reach it."""

    judul: str
    kolom: tuple[Kolom, ...]
    baris: tuple[dict, ...]
    keterangan: str = ""

    def __post_init__(self):
        object.__setattr__(self, "baris", tuple(self.baris))
        if any(k.identitas for k in self.kolom):
            raise ValueError(f"ringkasan {self.judul!r}: kolom NIK atau No. KK tidak boleh ada di ringkasan")


@dataclass(frozen=True)
class Buku:
    """A book: "B.1" Buku Induk Penduduk, its columns, which filters it reads, and its row source.

    ``await baris(saring, mulai=0, batas=None)`` -> Hasil; `batas` None means every row (the export).
    `saringan` names the filters the book reads (of FILTERS); `periode_wajib`: the book is per month and
    without a period shows the current month. `sementara`: the book stands in for one another plugin keeps for
    real (surat's letters as A.7 until a plugin keeps the Agenda); a book of the same code without it replaces it.
    `urut`: the column rows of other plugins (`Sumbangan`) are merged by, e.g. a date. `kosong_bulan_ini`: without
    a period the book shows the current month, but a whole year may be asked (B.2). `petunjuk_cari`: what the search
    box finds, in the clerk's words. `izin`: a permission the reader needs besides buku_administrasi.lihat (the books
    listing residents ask for penduduk.lihat, so a role given the books for assets or budget cannot read the
    register through them). ``await ringkasan(saring) -> [Ringkasan, ...]``: tables of totals printed under the
    book's own, computed by the plugin's one computation of those figures (not summed from the rows).
    """

    kode: str
    judul: str
    kolom: tuple[Kolom, ...]
    baris: Callable[..., Awaitable[Hasil]]
    keterangan: str = ""
    saringan: tuple[str, ...] = ("jorong", "cari")
    periode_wajib: bool = False
    urutan: int = 100
    sementara: bool = False
    urut: str = ""
    kosong_bulan_ini: bool = False
    petunjuk_cari: str = "Cari nama, NIK atau No. KK"
    izin: str = ""
    ringkasan: Callable[..., Awaitable[list[Ringkasan]]] | None = None
    plugin: str = field(default="", compare=False)

    @property
    def bulan_bawaan(self) -> bool:
        """Without a period the book shows this month."""
        return self.periode_wajib or self.kosong_bulan_ini

    @property
    def slug(self) -> str:
        """The book's code in a URL: "B.1" -> "b1"."""
        return self.kode.replace(".", "").lower()


@dataclass(frozen=True)
class Sumbangan:
    """Rows a plugin adds to another plugin's book: ``Sumbangan("A.7", baris)`` with
    ``await baris(saring) -> [dict, ...]`` keyed by that book's columns (its every row for the filter; the book
    merges them with its own by its `urut` column and pages the whole). So one book holds, say, every outgoing
    letter, whichever plugin issued it."""

    kode: str
    baris: Callable[..., Awaitable[list[dict]]]
    plugin: str = field(default="", compare=False)


def mask(value) -> str:
    """A NIK or No. KK with only its first 6 digits: "130601xxxxxxxxxx" for notice boards and shared copies."""
    text = "" if value is None else str(value)
    return text[:MASK_KEEP] + "x" * max(len(text) - MASK_KEEP, 0)


def masked(buku: Buku, rows: list[dict]) -> list[dict]:
    secret = [k.kunci for k in buku.kolom if k.identitas]
    return [{**row, **{key: mask(row.get(key)) for key in secret}} for row in rows]


async def read(buku: Buku, saring: Saringan, *, mulai: int = 0, batas: int | None = None) -> Hasil:
    """The book's rows for `saring`, masked when asked: the one way pages and exports read a book."""
    hasil = await buku.baris(saring, mulai=mulai, batas=batas)
    keys = [k.kunci for k in buku.kolom]
    if any(key not in row for row in hasil.baris for key in keys):
        # a row that leaves a column out (a contribution fills only its half of A.7) shows it empty
        hasil = replace(hasil, baris=[{**dict.fromkeys(keys), **row} for row in hasil.baris])
    return replace(hasil, baris=masked(buku, hasil.baris)) if saring.samarkan else hasil


async def summary(buku: Buku, saring: Saringan) -> list[Ringkasan]:
    """The book's tables of totals for `saring` ([] for a book without them): the one way pages and exports
    read them."""
    return list(await buku.ringkasan(saring)) if buku.ringkasan is not None else []


def may_open(user: dict | None, buku: Buku) -> bool:
    """Whether `user` (who holds buku_administrasi.lihat) may open `buku`: its own `izin`, when it has one."""
    from plugin_sdk import has_permission

    return not buku.izin or has_permission(user, buku.izin)


def parse_period(text: str | None, today: date) -> tuple[int | None, int | None]:
    """"2026-05" -> (2026, 5); "2026" -> (2026, None); "" -> (None, None). BukuError for anything else or a
    period after this month."""
    text = (text or "").strip()
    if not text:
        return None, None
    if found := MONTH.match(text):
        year, month = int(found.group(1)), int(found.group(2))
    elif YEAR.match(text):
        year, month = int(text), None
    else:
        raise BukuError(f"Periode \u201c{text}\u201d tidak dikenal: tulis tahun dan bulan (mis. 2026-05) atau tahun "
                        "saja (mis. 2026).")
    if year < 1900 or (year, month or 1) > (today.year, today.month):
        raise BukuError(f"Periode {text} belum berjalan atau terlalu lama: pilih bulan sampai bulan ini.")
    return year, month


def slice_rows(rows: list[dict], mulai: int, batas: int | None) -> Hasil:
    """Paging for a row source that builds its whole list (a monthly summary of a few dozen rows)."""
    return Hasil(rows[mulai:] if batas is None else rows[mulai:mulai + batas], len(rows))


def _with_rows_of(buku: Buku, others: list[Sumbangan]) -> Buku:
    """`buku` whose row source also reads the contributions `others`, merged by `buku.urut`."""

    async def baris(saring: Saringan, *, mulai: int = 0, batas: int | None = None) -> Hasil:
        rows = list((await buku.baris(saring)).baris)
        for other in others:
            rows += await other.baris(saring)
        if buku.urut:
            rows.sort(key=lambda row: (row.get(buku.urut) is None, row.get(buku.urut) or 0))
        return slice_rows(rows, mulai, batas)

    return replace(buku, baris=baris)


async def all_books(source) -> list[Buku]:
    """The books of every enabled plugin (hook `buku_administrasi_buku`), ordered by code. `source`: the request,
    or a job's context. The first of a code wins, so a plugin cannot replace B.1 by declaring it again; a book
    marked `sementara` gives way to one that is not. Contributions (`Sumbangan`) join the book of their code."""
    from plugin_sdk import emit

    from plugins.buku_administrasi.penduduk import BUKU

    # Seeded with this plugin's own books: pluggy calls later-registered plugins first, so without this a
    # third-party "B.1" would win the setdefault below.
    found: dict[str, Buku] = {b.slug: b for b in BUKU}
    given: dict[str, list[Sumbangan]] = {}
    for answer in await emit(source, "buku_administrasi_buku") or []:
        for item in answer or []:
            if isinstance(item, Sumbangan):
                given.setdefault(item.kode.replace(".", "").lower(), []).append(item)
            elif isinstance(item, Buku) and (item.slug not in found or found[item.slug].sementara
                                             and not item.sementara):
                found[item.slug] = item
    for slug, others in given.items():
        if slug in found:
            found[slug] = _with_rows_of(found[slug], others)
    return sorted(found.values(), key=lambda b: (b.kode[:1], b.urutan, b.kode))


async def find_book(source, slug: str) -> Buku:
    for buku in await all_books(source):
        if buku.slug == slug.lower():
            return buku
    raise BukuError(f"Buku \u201c{slug}\u201d tidak dikenal.", tidak_ada=True)
