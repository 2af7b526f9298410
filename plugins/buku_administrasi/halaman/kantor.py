"""The office pages of the books: the list of books and one book with its filters and pages.

Rows come from the book's own source through `buku.read` (masking included); every look at a book's rows is an
audit entry with the book and the filters, since B.1 shows names, NIKs and birth dates (DOMAIN.md, privacy).
"""

from __future__ import annotations

from litestar import Request, get
from litestar.params import FromPath, FromQuery
from litestar.response import Template

from plugin_sdk import Page, current_user, dokumen, log_change, nagari_profile, page, requires, today
from plugin_sdk.jobs import finished

from plugins.buku_administrasi import tugas

from plugins.buku_administrasi.buku import Buku, BukuError, all_books, find_book, read
from plugins.buku_administrasi.saring import jorong_choices, read_filters

PER_PAGE = 50
VIEW = requires("buku_administrasi.lihat")


async def _fail(request: Request, exc: BukuError, buku: Buku | None = None) -> Template:
    return await page(request, "buku_administrasi/galat.html", {"galat": str(exc), "buku": buku},
                      404 if exc.tidak_ada else 400)


@get("/admin/buku", opt=VIEW, include_in_schema=False)
async def book_list(request: Request) -> Template:
    user = await current_user(request)
    return await page(request, "buku_administrasi/daftar.html", {
        "daftar": await all_books(request), "simpan_hari": tugas.KEEP_DAYS,
        "unduhan": await finished(tugas.JOB, user["username"], tugas.kept_since())})


@get("/admin/buku/{kode:str}", opt=requires("buku_administrasi.lihat", sample="/admin/buku/b1"),
     include_in_schema=False)
async def one_book(request: Request, kode: FromPath[str], periode: FromQuery[str | None] = None,
                   jorong: FromQuery[str | None] = None, cari: FromQuery[str | None] = None,
                   samarkan: FromQuery[str | None] = None, hal: Page = 1) -> Template:
    profil = nagari_profile(request)
    buku = None
    try:
        buku = await find_book(request, kode)
        saring = await read_filters(buku, {"periode": periode, "jorong": jorong, "cari": cari, "samarkan": samarkan},
                                    today(request), profil.get("sebutan_dusun") or "Jorong")
        hal = max(hal, 1)
        hasil = await read(buku, saring, mulai=(hal - 1) * PER_PAGE, batas=PER_PAGE)
    except BukuError as exc:
        return await _fail(request, exc, buku)
    await log_change(request, "lihat", "buku_administrasi", buku.kode, {"saring": saring.as_query(), "hal": hal})
    query = saring.as_query()
    return await page(request, "buku_administrasi/buku.html", {
        "buku": buku, "saring": saring, "hasil": hasil, "hal": hal, "mulai": (hal - 1) * PER_PAGE,
        "jumlah_halaman": max(1, -(-hasil.jumlah // PER_PAGE)), "params": query,
        "jorong_pilihan": await jorong_choices() if "jorong" in buku.saringan else [],
        "nagari": profil, "bulan_ini": f"{today(request):%Y-%m}", "penandatangan": await dokumen.signatories()})


ROUTES = [book_list, one_book]
