"""An asset's photos and documents: the upload (`POST /admin/aset/{id}/berkas`) and the file itself for staff
holding aset.lihat (`GET /admin/aset/{id}/berkas/{berkas_id}`), never public.

A photo goes through the kernel's photo check (decoded, upright, metadata such as the GPS position stripped) and
is kept as WebP; a PDF through the kernel's PDF check. The file is written first and its row, with the audit entry,
in one transaction; a refused upload stores nothing."""

from __future__ import annotations

import asyncio
import secrets

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File, Redirect, Template

from plugin_sdk import (FileStoreError, Id, current_user, flash, log_change, normalise_photo, requires, save_pdf,
                        store_file, stored_file, stored_pdf, write_transaction)

from plugins.aset.halaman.rinci import halaman
from plugins.aset.halaman.umum import BASE, Multipart, aset_atau_404, teks
from plugins.aset.plugin import KELOLA, LIHAT
from plugins.aset.tables import BerkasAset

FOLDER = "aset"
LEBAR_FOTO = 1600
BATAS_UNGGAH = 10 * 1024 * 1024


def _foto(isi: bytes) -> bytes:
    """CPU-heavy: run off the event loop."""
    (besar,), _lebar, _tinggi = normalise_photo(isi, (LEBAR_FOTO,))
    return besar


def _pdf(unggahan: UploadFile, isi: bytes) -> bool:
    """A PDF by its content, or by what the browser says (then the PDF check tells a fake one what is wrong)."""
    return (isi.lstrip()[:5] == b"%PDF-" or (unggahan.content_type or "").endswith("/pdf")
            or (unggahan.filename or "").lower().endswith(".pdf"))


async def _simpan_berkas(request: Request, unggahan: UploadFile, isi: bytes) -> tuple[str, str, str]:
    """(jenis, stored name, media type); raises FileStoreError with the reason in Indonesian."""
    if _pdf(unggahan, isi):
        return "dokumen", save_pdf(request, FOLDER, isi), "application/pdf"
    besar = await asyncio.to_thread(_foto, isi)
    nama = f"{secrets.token_hex(16)}.webp"
    store_file(request, FOLDER, nama, besar)
    return "foto", nama, "image/webp"


@post(f"{BASE}/{{aset_id:int}}/berkas", opt=requires(KELOLA), include_in_schema=False,
      request_max_body_size=BATAS_UNGGAH + 2**20)
async def unggah(request: Request, aset_id: FromPath[Id], data: Multipart) -> Template | Redirect:
    aset = await aset_atau_404(aset_id)
    judul = " ".join(teks(data).get("judul", "").split())[:120]
    unggahan = data.get("berkas")
    isi = await unggahan.read() if isinstance(unggahan, UploadFile) and unggahan.filename else b""
    if not isi:
        return await halaman(request, aset, status_code=400,
                             galat_berkas="Pilih foto (JPEG/PNG) atau dokumen PDF yang akan diunggah.")
    try:
        jenis, nama, tipe = await _simpan_berkas(request, unggahan, isi)
    except FileStoreError as e:
        return await halaman(request, aset, status_code=400, galat_berkas=str(e))
    user = await current_user(request)
    async with write_transaction():
        row = (await BerkasAset.insert(BerkasAset(aset=aset_id, jenis=jenis, judul=judul, berkas=nama, tipe=tipe,
                                                  oleh=user["username"])).returning(BerkasAset.id).run())[0]
        await log_change(request, "tambah", "aset.berkas", row["id"],
                         {"aset": aset_id, "jenis": jenis, "judul": judul, "berkas": nama})
    flash(request, ("Foto" if jenis == "foto" else "Dokumen") + (f" “{judul}”" if judul else "") + " tersimpan.")
    return Redirect(f"{BASE}/{aset_id}")


@get(f"{BASE}/{{aset_id:int}}/berkas/{{berkas_id:int}}",
     opt=requires(LIHAT, not_a_page="foto atau dokumen PDF sebuah aset"), include_in_schema=False)
async def lihat(request: Request, aset_id: FromPath[Id], berkas_id: FromPath[Id]) -> File:
    row = await BerkasAset.select().where((BerkasAset.id == berkas_id) & (BerkasAset.aset == aset_id)).first().run()
    if row is None:
        raise NotFoundException("Berkas tidak ditemukan.")
    pdf = row["jenis"] == "dokumen"
    path = stored_pdf(request, FOLDER, row["berkas"]) if pdf else stored_file(request, FOLDER, row["berkas"])
    if path is None:
        raise NotFoundException("Berkas tidak ditemukan.")
    return File(path, filename=f"aset-{aset_id}-{berkas_id}.{'pdf' if pdf else 'webp'}",
                media_type=row["tipe"] or ("application/pdf" if pdf else "image/webp"),
                content_disposition_type="inline",
                headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})


ROUTES: list = [unggah, lihat]
