"""Photos of the nagari's potential on the office's side: the list with the upload form, publish or withdraw,
delete (galeri.py does the work); and their pixels for the office (the public sees a photo only once published)."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import NotFoundException
from litestar.params import FromQuery
from litestar.response import File, Redirect, Template

from plugin_sdk import Id, flash, page, requires, stored_file

from plugins.potensi import galeri
from plugins.potensi.galeri import FOLDER, nama_kecil
from plugins.potensi.halaman.umum import BASE, TEMA, Form, Multipart, boleh_kelola, sebutan
from plugins.potensi.layanan import IsianError
from plugins.potensi.plugin import KELOLA, LIHAT
from plugins.potensi.tables import FotoPotensi

FOTO = f"{BASE}/foto"


def _teks(data: dict, nama: str) -> str:
    nilai = data.get(nama)
    return " ".join(nilai.split())[:1000] if isinstance(nilai, str) else ""


async def _daftar(request: Request, isian: dict | None = None, galat: dict | None = None,
                  status_code: int = 200) -> Template:
    foto = await FotoPotensi.select().order_by(FotoPotensi.urutan).order_by(FotoPotensi.id, ascending=False).run()
    return await page(request, "potensi/admin/foto.html", {
        "foto": foto, "tema": TEMA, "isian": isian or {"judul": "", "keterangan": "", "tema": "", "terbit": ""},
        "galat": galat or {}, "kelola": await boleh_kelola(request)}, status_code)


async def _foto_atau_404(foto_id: int) -> dict:
    row = await FotoPotensi.select().where(FotoPotensi.id == foto_id).first().run()
    if row is None:
        raise NotFoundException("Foto tidak ditemukan.")
    return row


@get(FOTO, opt=requires(LIHAT), include_in_schema=False)
async def foto_daftar(request: Request) -> Template:
    return await _daftar(request)


@post(FOTO, opt=requires(KELOLA), include_in_schema=False)
async def foto_unggah(request: Request, data: Multipart) -> Template | Redirect:
    isian = {f: _teks(data, f) for f in ("judul", "keterangan", "tema")}
    isian["terbit"] = "1" if data.get("terbit") == "1" else ""
    upload = data.get("berkas")
    isi = await upload.read() if isinstance(upload, UploadFile) and upload.filename else None
    try:
        await galeri.unggah_foto(request, isian, isi, terbit=bool(isian["terbit"]))
    except IsianError as e:
        return await _daftar(request, isian, e.galat, 400)
    flash(request, f"Foto “{isian['judul']}” diunggah" + (" dan diterbitkan." if isian["terbit"] else
                                                           "; belum tampil di situs web sampai diterbitkan."))
    return Redirect(FOTO)


@post(f"{FOTO}/{{foto_id:int}}/terbit", opt=requires(KELOLA), include_in_schema=False)
async def foto_terbit(request: Request, foto_id: Id, data: Form) -> Redirect:
    """Publish (terbit=1) or withdraw (terbit=0): the form posts the state it wants, so a double click or a page
    left open in a second tab never flips it back."""
    row = await _foto_atau_404(foto_id)
    if data.get("terbit") not in ("0", "1"):
        flash(request, "Pilihan terbit foto tidak dikenal; muat ulang halaman lalu coba lagi.", "galat")
        return Redirect(FOTO)
    terbit = data["terbit"] == "1"
    berubah = await galeri.atur_terbit_foto(request, foto_id, terbit)
    if berubah is None:
        raise NotFoundException("Foto tidak ditemukan.")
    situs = f"halaman Potensi {sebutan(request)['desa']}"
    if not berubah:
        flash(request, f"Foto “{row['judul']}” sudah " + (f"tampil di {situs}." if terbit else
                                                         "tidak tampil di situs web."), "info")
    else:
        flash(request, f"Foto “{row['judul']}” " + (f"diterbitkan di {situs}." if terbit else
                                                   "ditarik dari situs web."))
    return Redirect(FOTO)


@post(f"{FOTO}/{{foto_id:int}}/hapus", opt=requires(KELOLA), include_in_schema=False)
async def foto_hapus(request: Request, foto_id: Id) -> Redirect:
    row = await galeri.hapus_foto(request, foto_id)
    if row is None:
        raise NotFoundException("Foto tidak ditemukan.")
    flash(request, f"Foto “{row['judul']}” dihapus.")
    return Redirect(FOTO)


@get(f"{FOTO}/{{foto_id:int}}/gambar", opt=requires(LIHAT, not_a_page="foto WebP untuk halaman kantor"),
     include_in_schema=False)
async def foto_gambar(request: Request, foto_id: Id, kecil: FromQuery[bool] = True) -> File:
    """A photo's pixels for the office, published or not (the public route serves published ones only)."""
    row = await _foto_atau_404(foto_id)
    nama = nama_kecil(row["berkas"]) if kecil else row["berkas"]
    path = stored_file(request, FOLDER, nama)
    if path is None:
        raise NotFoundException("Berkas foto tidak ditemukan.")
    return File(path=path, media_type="image/webp", content_disposition_type="inline", filename=nama,
                headers={"Cache-Control": "private, no-cache", "X-Content-Type-Options": "nosniff"})


ROUTES = [foto_daftar, foto_unggah, foto_terbit, foto_hapus, foto_gambar]
