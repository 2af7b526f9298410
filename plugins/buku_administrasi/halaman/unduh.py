"""A book's XLSX download: at once for a short book, through the background job (ekspor.py) for a long one."""

from __future__ import annotations

import io

from litestar import Request, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File, Redirect, Response

from plugin_sdk import current_user, nagari_profile, requires, stored_file, today
from plugin_sdk.jobs import result_of, start

from plugins.buku_administrasi import ekspor
from plugins.buku_administrasi.buku import BukuError, find_book, read
from plugins.buku_administrasi.penduduk import BUKU
from plugins.buku_administrasi.saring import read_filters

FILE = requires("buku_administrasi.lihat", not_a_page="berkas unduhan (buku administrasi, XLSX)")
NO_STORE = {"Cache-Control": "no-store"}


@get("/admin/buku/{kode:str}/unduh.xlsx", opt=FILE, include_in_schema=False)
async def download(request: Request, kode: FromPath[str]) -> Response | Redirect:
    profil = nagari_profile(request)
    hari_ini = today(request)
    try:
        buku = await find_book(request, kode)
        saring = await read_filters(buku, dict(request.query_params), hari_ini, profil.get("sebutan_dusun") or "Jorong")
        # One read answers both questions: how long the book is, and (when short) every row of it.
        hasil = await read(buku, saring, batas=ekspor.DIRECT_MAX)
    except BukuError as exc:
        return Response(str(exc), status_code=404 if exc.tidak_ada else 400, media_type="text/plain; charset=utf-8")
    if hasil.jumlah > ekspor.DIRECT_MAX and buku in BUKU:  # the job knows this plugin's own books only
        user = await current_user(request)
        return Redirect(await start(request, ekspor.JOB, f"Unduh {buku.kode} {buku.judul} ({hasil.jumlah} baris)",
                                    {"buku": buku.slug, "saring": saring.as_query(), "pengguna": user["username"]},
                                    permission="buku_administrasi.lihat"))
    if hasil.jumlah > len(hasil.baris):  # another plugin's long book: written here, as it has no job
        hasil = await read(buku, saring)
    out = io.BytesIO()
    ekspor.write(out, ekspor.header_block(buku, saring, profil, await ekspor.jorong_name(saring.jorong), hari_ini),
                 ekspor.table(buku, hasil.baris))
    await ekspor.log_export(request, buku, saring, hasil.jumlah)
    name = ekspor.file_name(buku, saring, hari_ini)
    return Response(out.getvalue(), media_type=ekspor.MIME_XLSX,
                    headers={**NO_STORE, "Content-Disposition": f'attachment; filename="{name}"'})


@get("/admin/buku/unduhan/{kode:str}", opt=FILE, include_in_schema=False)
async def download_done(request: Request, kode: FromPath[str]) -> File:
    """The file a background export wrote; only for the user who asked for it."""
    job = await result_of(kode)
    user = await current_user(request)
    if job is None or job["jenis"] != ekspor.JOB or job["dibuat_oleh"] != user["username"]:
        raise NotFoundException("Berkas buku tidak ditemukan.")
    path = stored_file(request, ekspor.FOLDER, f"{kode}.xlsx")
    if path is None:
        raise NotFoundException("Berkas buku tidak ditemukan.")
    return File(path=path, filename=job["hasil"].get("berkas") or f"buku-{kode}.xlsx", media_type=ekspor.MIME_XLSX,
                headers=NO_STORE)


ROUTES = [download, download_done]
