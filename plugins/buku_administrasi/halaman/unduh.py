"""A book as a file: XLSX of a short book at once; a PDF, or a long book, through the background job (tugas.py)
with a progress page; finished files for the user who asked for them."""

from __future__ import annotations

import io

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File, Redirect, Response, Template

from plugin_sdk import current_user, nagari_profile, page, requires, stored_file, today
from plugin_sdk.jobs import result_of, start

from plugins.buku_administrasi import ekspor, tugas
from plugins.buku_administrasi.buku import Buku, BukuError, Saringan, read, summary
from plugins.buku_administrasi.halaman.kantor import open_book
from plugins.buku_administrasi.saring import read_filters

FILE = requires("buku_administrasi.lihat", not_a_page="berkas unduhan (buku administrasi)")
EXPORT = requires("buku_administrasi.lihat")
NO_STORE = {"Cache-Control": "no-store"}


async def _queue(request: Request, buku: Buku, saring: Saringan, count: int, fmt: str, kertas: str = "A4",
                 ttd: list[int] | None = None) -> Redirect:
    user = await current_user(request)
    label = ekspor.FORMATS[fmt][0].split(" (")[0]
    return Redirect(await start(request, tugas.JOB, f"{buku.kode} {buku.judul}: {label} ({count} baris)",
                                {"buku": buku.slug, "saring": saring.as_query(), "pengguna": user["username"],
                                 "format": fmt, "kertas": kertas, "ttd": ttd or []},
                                permission="buku_administrasi.lihat"))


async def _book_and_filter(request: Request, kode: str, query: dict) -> tuple[Buku, Saringan]:
    buku = await open_book(request, kode)
    profil = nagari_profile(request)
    return buku, await read_filters(buku, query, today(request), profil.get("sebutan_dusun") or "Jorong")


@get("/admin/buku/{kode:str}/unduh.xlsx", opt=FILE, include_in_schema=False)
async def download(request: Request, kode: FromPath[str]) -> Response | Redirect:
    hari_ini = today(request)
    try:
        buku, saring = await _book_and_filter(request, kode, dict(request.query_params))
        # One read answers both questions: how long the book is, and (when short) every row of it.
        hasil = await read(buku, saring, batas=ekspor.DIRECT_MAX)
        ringkasan = await summary(buku, saring) if hasil.jumlah <= ekspor.DIRECT_MAX else []
    except BukuError as exc:
        return Response(str(exc), status_code=404 if exc.tidak_ada else 400, media_type="text/plain; charset=utf-8")
    if hasil.jumlah > ekspor.DIRECT_MAX:
        return await _queue(request, buku, saring, hasil.jumlah, "xlsx")
    out = io.BytesIO()
    header = ekspor.header_block(buku, saring, nagari_profile(request), await ekspor.jorong_name(saring.jorong),
                                 hari_ini)
    ekspor.write_xlsx(out, buku, header, hasil.baris, ringkasan)
    await ekspor.log_export(request, buku, saring, hasil.jumlah)
    name = ekspor.file_name(buku, saring, hari_ini)
    return Response(out.getvalue(), media_type=ekspor.MIME_XLSX,
                    headers={**NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'})


@post("/admin/buku/{kode:str}/ekspor", opt=EXPORT, include_in_schema=False)
async def export(request: Request, kode: FromPath[str]) -> Template | Redirect:
    """The export form of a book's page: format, paper and signers; queued only when every choice is valid."""
    form = await request.form()
    fmt, kertas = form.get("format") or "pdf", form.get("kertas") or "A4"
    buku = None
    try:
        buku, saring = await _book_and_filter(request, kode, {k: form.get(k) for k in
                                                               ("periode", "jorong", "cari", "samarkan")})
        if fmt not in ekspor.FORMATS:
            raise BukuError(f"Format \u201c{fmt[:10]}\u201d tidak dikenal: pilih PDF atau XLSX.")
        if kertas not in tugas.PAPERS:
            raise BukuError(f"Ukuran kertas \u201c{kertas[:10]}\u201d tidak dikenal: pilih A4 atau F4.")
        chosen = [v for v in form.getall("ttd", []) if v]
        if not all(v.isdigit() and len(v) < 10 for v in chosen):
            raise BukuError("Pilih penanda tangan dari daftar pejabat.")
        ttd = [int(v) for v in chosen]
        if len(set(ttd)) > tugas.MAX_SIGNERS:
            raise BukuError(f"Paling banyak {tugas.MAX_SIGNERS} penanda tangan.")
        await tugas.signature_blocks(ttd, nagari_profile(request))
        count = (await read(buku, saring, batas=1)).jumlah
    except BukuError as exc:
        return await page(request, "buku_administrasi/galat.html", {"galat": str(exc), "buku": buku},
                          404 if exc.tidak_ada else 400)
    return await _queue(request, buku, saring, count, fmt, kertas, ttd)


@get("/admin/buku/unduhan/{kode:str}", opt=FILE, include_in_schema=False)
async def download_done(request: Request, kode: FromPath[str]) -> File:
    """The file a background export wrote; only for the user who asked for it, while it is kept."""
    job = await result_of(kode)
    user = await current_user(request)
    if job is None or job["jenis"] != tugas.JOB or job["dibuat_oleh"] != user["username"] \
            or job["status"] != "selesai":
        raise NotFoundException("Berkas buku tidak ditemukan.")
    fmt = job["hasil"].get("format", "xlsx")
    path = stored_file(request, tugas.FOLDER, f"{kode}.{fmt}")
    if path is None:
        raise NotFoundException(f"Berkas buku ini sudah dihapus (disimpan {tugas.KEEP_DAYS} hari). Buat lagi.")
    return File(path=path, filename=job["hasil"].get("berkas") or f"buku-{kode}.{fmt}",
                media_type=ekspor.FORMATS[fmt][1], headers=NO_STORE)


ROUTES = [download, export, download_done]
