"""A resident's photo and documents on their page: upload, view or download (each one logged), delete with a reason.

Every route needs the permission penduduk.dokumen; the path parameter `penduduk_id` puts the jorong scope in force
(core.web.access: another jorong's resident is a 404). Files are answered only here, never from a public URL, with
``Cache-Control: no-store`` so a shared office computer keeps no copy in its browser cache.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromQuery
from litestar.response import File, Redirect

from core.audit.log import log_view
from core.penduduk import berkas, lingkup
from core.penduduk.tables import Penduduk
from core.web.auth import has_permission
from core.web.pages import flash
from core.web.params import Id
from core.web.session_pages import Form

DOKUMEN = "penduduk.dokumen"
EDIT = {"permission": DOKUMEN}
FILE = {"permission": DOKUMEN, "bukan_halaman": "foto atau dokumen penduduk (gambar atau PDF)"}
Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]


async def section(request: Request, penduduk_id: int) -> dict | None:
    """What the resident page's "Foto dan dokumen" shows; None for an officer without the permission."""
    if not has_permission(request.state.user, DOKUMEN):
        return None
    return {**await berkas.listing(penduduk_id), "jenis": berkas.JENIS, "batas_mb": berkas.LIMIT // (1024 * 1024)}


async def _resident(penduduk_id: int) -> None:
    if await lingkup.narrow(Penduduk.select(Penduduk.id).where(Penduduk.id == penduduk_id)).first().run() is None:
        raise NotFoundException()


def _back(penduduk_id: int) -> Redirect:
    return Redirect(f"/admin/penduduk/{penduduk_id}#foto-dokumen")


@post("/admin/penduduk/{penduduk_id:int}/berkas", opt=EDIT, include_in_schema=False)
async def upload(request: Request, penduduk_id: Id, data: Multipart) -> Redirect:
    await _resident(penduduk_id)
    sent = data.get("berkas")
    jenis = data.get("jenis") if isinstance(data.get("jenis"), str) else ""
    judul = data.get("judul") if isinstance(data.get("judul"), str) else ""
    if not isinstance(sent, UploadFile) or not sent.filename:
        flash(request, "Pilih berkas foto atau dokumennya dulu.", "galat")
        return _back(penduduk_id)
    try:
        saved = await berkas.add(request.app.state.balai.settings.data_dir, penduduk_id, jenis, judul,
                                 await sent.read(), request)
    except berkas.BerkasError as exc:
        flash(request, f"Berkas tidak disimpan: {exc}", "galat")
        return _back(penduduk_id)
    if saved["jenis"] == berkas.FOTO:
        flash(request, "Foto lama diganti dengan foto baru." if saved["diganti"] else "Foto disimpan.")
    else:
        flash(request, f"Dokumen {saved['judul']} disimpan.")
    return _back(penduduk_id)


@get("/admin/penduduk/{penduduk_id:int}/berkas/{berkas_id:int}", opt=FILE, include_in_schema=False)
async def show(request: Request, penduduk_id: Id, berkas_id: Id, unduh: FromQuery[bool] = False) -> File:
    await _resident(penduduk_id)
    row = await berkas.find(penduduk_id, berkas_id)
    path = berkas.path_of(request.app.state.balai.settings.data_dir, row) if row else None
    if path is None:
        raise NotFoundException("Berkas tidak ditemukan.")
    # Every look at a person's document is logged, the photo on their page included (UU 27/2022).
    log_view(request, "penduduk", penduduk_id, {"dokumen": row["id"], "jenis": row["jenis"], "judul": row["judul"],
                                                "cara": "unduh" if unduh else "lihat"})
    return File(path=path, filename=f"{row['jenis']}-{penduduk_id}-{row['id']}{path.suffix}", media_type=row["mime"],
                content_disposition_type="attachment" if unduh else "inline",
                headers={"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})


@post("/admin/penduduk/{penduduk_id:int}/berkas/{berkas_id:int}/hapus", opt=EDIT, include_in_schema=False)
async def delete(request: Request, penduduk_id: Id, berkas_id: Id, data: Form) -> Redirect:
    await _resident(penduduk_id)
    try:
        row = await berkas.remove(request.app.state.balai.settings.data_dir, penduduk_id, berkas_id,
                                  data.get("alasan", ""), request)
    except berkas.BerkasError as exc:
        flash(request, str(exc), "galat")
        return _back(penduduk_id)
    if row is None:
        raise NotFoundException("Berkas tidak ditemukan.")
    flash(request, f"{row['judul']} dihapus.")
    return _back(penduduk_id)


ROUTES = [upload, show, delete]
