"""Photos of the nagari's potential (a field of gambir, a waterfall): upload with a title and theme, publish or
withdraw, delete; and their pixels for the office (the public sees a photo only once it is published).

An upload goes through the kernel's photo check (plugin_sdk.normalise_photo: decoded, upright, metadata such as
the GPS position stripped) and is kept twice as WebP: 1600 px wide for the page and 480 px for phones."""

from __future__ import annotations

import asyncio
import secrets

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import NotFoundException
from litestar.params import FromQuery
from litestar.response import File, Redirect, Template

from plugin_sdk import (FileStoreError, Id, flash, log_change, normalise_photo, page, public_changed, requires,
                        store_file, stored_file, write_transaction)

from plugins.potensi.halaman.umum import BASE, TEMA, Multipart, boleh_kelola
from plugins.potensi.plugin import KELOLA, LIHAT
from plugins.potensi.tables import FotoPotensi

FOLDER = "potensi"
LEBAR, KECIL = 1600, 480
FOTO = f"{BASE}/foto"


def nama_kecil(berkas: str) -> str:
    """The phone-sized copy of a stored photo ("ab12.webp" -> "ab12-480.webp")."""
    return berkas.removesuffix(".webp") + f"-{KECIL}.webp"


def _teks(data: dict, nama: str) -> str:
    nilai = data.get(nama)
    return " ".join(nilai.split())[:1000] if isinstance(nilai, str) else ""


def _periksa(isian: dict, upload) -> dict[str, str]:
    galat = {}
    if not isian["judul"]:
        galat["judul"] = "Judul foto wajib diisi, mis. Ladang gambir di Jorong Koto."
    elif len(isian["judul"]) > 120:
        galat["judul"] = "Judul paling panjang 120 huruf."
    if len(isian["keterangan"]) > 300:
        galat["keterangan"] = "Keterangan paling panjang 300 huruf."
    if isian["tema"] and isian["tema"] not in TEMA:
        galat["tema"] = "Pilih tema dari daftar."
    if not isinstance(upload, UploadFile) or not upload.filename:
        galat["berkas"] = "Pilih foto (JPEG atau PNG) yang akan diunggah."
    return galat


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
    galat = _periksa(isian, upload)
    if not galat:
        try:
            (besar, kecil), _, _ = await asyncio.to_thread(normalise_photo, await upload.read(), (LEBAR, KECIL))
        except FileStoreError as exc:
            galat["berkas"] = str(exc)
    if galat:
        return await _daftar(request, isian, galat, 400)
    berkas = f"{secrets.token_hex(16)}.webp"
    # the files first, then the row: a failed write leaves only unreferenced files, never a row without pixels
    store_file(request, FOLDER, nama_kecil(berkas), kecil)
    store_file(request, FOLDER, berkas, besar)
    async with write_transaction():
        [row] = await FotoPotensi.insert(FotoPotensi(
            judul=isian["judul"], keterangan=isian["keterangan"], tema=isian["tema"], berkas=berkas,
            terbit=bool(isian["terbit"]))).returning(FotoPotensi.id).run()
        await log_change(request, "tambah", "potensi.foto", row["id"],
                         {"judul": isian["judul"], "tema": isian["tema"], "terbit": bool(isian["terbit"])})
        if isian["terbit"]:
            await public_changed()
    flash(request, f"Foto “{isian['judul']}” diunggah" + (" dan diterbitkan." if isian["terbit"] else
                                                           "; belum tampil di situs web sampai diterbitkan."))
    return Redirect(FOTO)


@post(f"{FOTO}/{{foto_id:int}}/terbit", opt=requires(KELOLA), include_in_schema=False)
async def foto_terbit(request: Request, foto_id: Id) -> Redirect:
    row = await _foto_atau_404(foto_id)
    baru = not row["terbit"]
    async with write_transaction():
        await FotoPotensi.update({FotoPotensi.terbit: baru}).where(FotoPotensi.id == foto_id).run()
        await log_change(request, "ubah", "potensi.foto", foto_id, {"terbit": [row["terbit"], baru]})
        await public_changed()
    flash(request, f"Foto “{row['judul']}” " + ("diterbitkan." if baru else "ditarik dari situs web."))
    return Redirect(FOTO)


@post(f"{FOTO}/{{foto_id:int}}/hapus", opt=requires(KELOLA), include_in_schema=False)
async def foto_hapus(request: Request, foto_id: Id) -> Redirect:
    row = await _foto_atau_404(foto_id)
    async with write_transaction():
        await FotoPotensi.delete().where(FotoPotensi.id == foto_id).run()
        await log_change(request, "hapus", "potensi.foto", foto_id, {"judul": row["judul"], "berkas": row["berkas"]})
        if row["terbit"]:
            await public_changed()
    for nama in (row["berkas"], nama_kecil(row["berkas"])):  # after the commit: a rollback keeps its pixels
        path = stored_file(request, FOLDER, nama)
        if path is not None:
            path.unlink(missing_ok=True)
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
