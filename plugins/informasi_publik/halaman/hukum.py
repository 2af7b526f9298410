"""The office's regulation pages: the list (`/admin/hukum`), a new one with its PDF (`/admin/hukum/baru`) and an
edit (`/admin/hukum/{id}`). A form that is refused is shown again with a message per field and nothing saved.
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from plugin_sdk import Id, MenuItem, current_user, flash, has_permission, nagari_profile, page, requires

from plugins.informasi_publik import hukum
from plugins.informasi_publik.plugin import HUKUM, LIHAT
from plugins.informasi_publik.tabel_hukum import ProdukHukum

Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
BATAS_UNGGAH = 10 * 1024 * 1024
KOLOM_FORM = ("jenis", "nomor", "tahun", "judul", "pokok", "ditetapkan", "disepakati", "diundangkan",
              "nomor_lembaran", "keterangan", "tindakan", "mengubah_id", "status", "status_oleh")


def _isian(row: dict) -> dict:
    return {k: ("" if row.get(k) is None else (row[k].isoformat() if hasattr(row[k], "isoformat") else str(row[k])))
            for k in KOLOM_FORM}


async def _semua() -> list[dict]:
    return await ProdukHukum.select(ProdukHukum.id, ProdukHukum.jenis, ProdukHukum.nomor, ProdukHukum.tahun,
                                    ProdukHukum.judul, ProdukHukum.status, ProdukHukum.status_oleh,
                                    ProdukHukum.berkas, ProdukHukum.ditetapkan).order_by(
        ProdukHukum.tahun, ascending=False).order_by(ProdukHukum.nomor, ascending=False).run()


async def _form(request: Request, isian: dict, galat: dict, hukum_id: int | None = None,
                status_code: int = 200) -> Template:
    profil = nagari_profile(request)
    semua = [{"id": r["id"], "nama": f"{hukum.sebutan(r, profil)} tentang {r['judul']}"}
             for r in await _semua() if r["id"] != hukum_id]
    return await page(request, "informasi_publik/admin/hukum_form.html", {
        "isian": isian, "galat": galat, "hukum_id": hukum_id, "jenis": list(hukum.nama_jenis(profil).items()),
        "semua": semua, "batas_mb": BATAS_UNGGAH // 2**20}, status_code)


@get("/admin/hukum", opt=requires(LIHAT), include_in_schema=False)
async def daftar(request: Request) -> Template:
    profil = nagari_profile(request)
    rows = await _semua()
    nama = {r["id"]: r for r in rows}
    produk = [{**r, "sebutan": hukum.sebutan(r, profil), "slug": hukum.slug(r),
               "oleh": hukum.sebutan(nama[r["status_oleh"]], profil) if r["status_oleh"] in nama else ""}
              for r in rows]
    return await page(request, "informasi_publik/admin/hukum_daftar.html", {
        "produk": produk, "boleh": has_permission(await current_user(request), HUKUM)})


@get("/admin/hukum/baru", opt=requires(HUKUM), include_in_schema=False)
async def baru(request: Request) -> Template:
    return await _form(request, {"jenis": "perdes", "status": "berlaku"}, {})


async def _unggahan(data: dict) -> bytes:
    berkas = data.get("berkas")
    return await berkas.read() if isinstance(berkas, UploadFile) else b""


def _teks(data: dict) -> dict:
    return {k: v for k, v in data.items() if isinstance(v, str)}


@post("/admin/hukum/baru", opt=requires(HUKUM), include_in_schema=False,
      request_max_body_size=BATAS_UNGGAH + 2**20)
async def tambah(request: Request, data: Multipart) -> Template | Redirect:
    isian = _teks(data)
    try:
        hukum_id = await hukum.simpan(request, isian, await _unggahan(data))
    except hukum.HukumError as exc:
        return await _form(request, isian, exc.galat, status_code=400)
    row = await hukum.satu(hukum_id)
    flash(request, f"{hukum.sebutan(row, nagari_profile(request))} tersimpan.", "success")
    return Redirect("/admin/hukum")


@get("/admin/hukum/{hukum_id:int}", opt=requires(HUKUM, sample="/admin/hukum/1"), include_in_schema=False)
async def ubah(request: Request, hukum_id: FromPath[Id]) -> Template:
    row = await hukum.satu(hukum_id)
    if row is None:
        raise NotFoundException("Produk hukum tidak ditemukan.")
    return await _form(request, _isian(row), {}, hukum_id)


@post("/admin/hukum/{hukum_id:int}", opt=requires(HUKUM), include_in_schema=False,
      request_max_body_size=BATAS_UNGGAH + 2**20)
async def simpan(request: Request, hukum_id: FromPath[Id], data: Multipart) -> Template | Redirect:
    if await hukum.satu(hukum_id) is None:
        raise NotFoundException("Produk hukum tidak ditemukan.")
    isian = _teks(data)
    try:
        await hukum.simpan(request, isian, await _unggahan(data), hukum_id)
    except hukum.HukumError as exc:
        return await _form(request, isian, exc.galat, hukum_id, 400)
    flash(request, "Perubahan tersimpan.", "success")
    return Redirect("/admin/hukum")


ROUTES: list = [daftar, baru, tambah, ubah, simpan]
MENU: list = [MenuItem("Produk hukum", "/admin/hukum", permission=LIHAT, order=10, group="sekretariat")]
