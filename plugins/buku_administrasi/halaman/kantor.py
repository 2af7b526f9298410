"""The office pages of the books: the list of books and one book with its filters and pages.

Rows come from the book's own source through `buku.read` (masking included); every look at a book's rows is an
audit entry with the book and the filters, since B.1 shows names, NIKs and birth dates (DOMAIN.md, privacy). A book
that names its own `izin` (the books of residents: penduduk.lihat) is hidden from the list and refused (403) to a
user without it. The book's tables of totals (`Buku.ringkasan`) print under its table on every page.
"""

from __future__ import annotations

from litestar import Request, get
from litestar.exceptions import PermissionDeniedException
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from plugin_sdk import Page, current_user, dokumen, log_change, nagari_profile, page, requires, today
from plugin_sdk.jobs import finished

from plugins.buku_administrasi import tugas

from plugins.buku_administrasi.buku import Buku, BukuError, all_books, find_book, may_open, read, summary
from plugins.buku_administrasi.saring import jorong_choices, read_filters

PER_PAGE = 50
VIEW = requires("buku_administrasi.lihat")


async def _fail(request: Request, exc: BukuError, buku: Buku | None = None) -> Template:
    return await page(request, "buku_administrasi/galat.html", {"galat": str(exc), "buku": buku},
                      404 if exc.tidak_ada else 400)


async def open_book(request: Request, kode: str) -> Buku:
    """The book of this code for the user asking: BukuError when unknown, 403 when its own `izin` is missing."""
    buku = await find_book(request, kode)
    if not may_open(await current_user(request), buku):
        raise PermissionDeniedException(f"Anda tidak punya izin untuk membuka {buku.kode} {buku.judul}.")
    return buku


@get("/admin/buku", opt=VIEW, include_in_schema=False)
async def book_list(request: Request) -> Template:
    user = await current_user(request)
    return await page(request, "buku_administrasi/daftar.html", {
        "daftar": [b for b in await all_books(request) if may_open(user, b)], "simpan_hari": tugas.KEEP_DAYS,
        "unduhan": await finished(tugas.JOB, user["username"], tugas.kept_since())})


@get("/admin/buku/{kode:str}", opt=requires("buku_administrasi.lihat", sample="/admin/buku/b1"),
     include_in_schema=False)
async def one_book(request: Request, kode: FromPath[str], periode: FromQuery[str | None] = None,
                   jorong: FromQuery[str | None] = None, cari: FromQuery[str | None] = None,
                   samarkan: FromQuery[str | None] = None, hal: Page = 1) -> Template:
    profil = nagari_profile(request)
    buku = None
    try:
        buku = await open_book(request, kode)
        saring = await read_filters(buku, {"periode": periode, "jorong": jorong, "cari": cari, "samarkan": samarkan},
                                    today(request), profil.get("sebutan_dusun") or "Jorong")
        hal = max(hal, 1)
        hasil = await read(buku, saring, mulai=(hal - 1) * PER_PAGE, batas=PER_PAGE)
        ringkasan = await summary(buku, saring)
    except BukuError as exc:
        return await _fail(request, exc, buku)
    await log_change(request, "lihat", "buku_administrasi", buku.kode, {"saring": saring.as_query(), "hal": hal})
    query = saring.as_query()
    return await page(request, "buku_administrasi/buku.html", {
        "buku": buku, "saring": saring, "hasil": hasil, "ringkasan": ringkasan, "hal": hal,
        "mulai": (hal - 1) * PER_PAGE, "jumlah_halaman": max(1, -(-hasil.jumlah // PER_PAGE)), "params": query,
        "jorong_pilihan": await jorong_choices() if "jorong" in buku.saringan else [],
        "nagari": profil, "bulan_ini": f"{today(request):%Y-%m}", "penandatangan": await dokumen.signatories()})


ROUTES = [book_list, one_book]
