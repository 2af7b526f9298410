"""An asset's photos and documents: the upload (`POST /admin/aset/{id}/berkas`), the file itself for staff
holding aset.lihat (`GET /admin/aset/{id}/berkas/{berkas_id}`), never public, and removing one uploaded by mistake
(`POST /admin/aset/{id}/berkas/{berkas_id}/hapus`: a confirmation screen, then the post with `yakin=1`).

A photo goes through the kernel's photo check (decoded, upright, metadata such as the GPS position stripped) and
is kept as WebP; a PDF through the kernel's PDF check. The file is written first and its row, with the audit entry,
in one transaction; a refused upload stores nothing. Removing is the other way round, as informasi_publik does:
the row goes with its audit entry in one transaction, then the file leaves the disk."""

from __future__ import annotations

import asyncio
import secrets

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File, Redirect, Template

from plugin_sdk import (FileStoreError, Id, flash, log_change, normalise_photo, page, requires, save_pdf, store_file,
                        stored_file, stored_pdf, write_transaction)

from plugins.aset.halaman.rinci import halaman
from plugins.aset.halaman.umum import BASE, Form, Multipart, aset_atau_404, teks
from plugins.aset.periksa import pengguna
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
    oleh = await pengguna(request)
    async with write_transaction():
        row = (await BerkasAset.insert(BerkasAset(aset=aset_id, jenis=jenis, judul=judul, berkas=nama, tipe=tipe,
                                                  oleh=oleh)).returning(BerkasAset.id).run())[0]
        await log_change(request, "tambah", "aset.berkas", row["id"],
                         {"aset": aset_id, "jenis": jenis, "judul": judul, "berkas": nama})
    flash(request, f"{_nama({'jenis': jenis, 'judul': judul})} tersimpan.")
    return Redirect(f"{BASE}/{aset_id}")


async def _berkas_atau_404(aset_id: int, berkas_id: int) -> dict:
    row = await BerkasAset.select().where((BerkasAset.id == berkas_id) & (BerkasAset.aset == aset_id)).first().run()
    if row is None:
        raise NotFoundException("Berkas tidak ditemukan.")
    return row


def _path(request: Request, row: dict):
    """Where the file is kept, or None when it is not there."""
    if row["jenis"] == "dokumen":
        return stored_pdf(request, FOLDER, row["berkas"])
    return stored_file(request, FOLDER, row["berkas"])


def _nama(row: dict) -> str:
    jenis = "Foto" if row["jenis"] == "foto" else "Dokumen"
    return f"{jenis} “{row['judul']}”" if row["judul"] else jenis


@get(f"{BASE}/{{aset_id:int}}/berkas/{{berkas_id:int}}",
     opt=requires(LIHAT, not_a_page="foto atau dokumen PDF sebuah aset"), include_in_schema=False)
async def lihat(request: Request, aset_id: FromPath[Id], berkas_id: FromPath[Id]) -> File:
    row = await _berkas_atau_404(aset_id, berkas_id)
    pdf = row["jenis"] == "dokumen"
    path = _path(request, row)
    if path is None:
        raise NotFoundException("Berkas tidak ditemukan.")
    return File(path, filename=f"aset-{aset_id}-{berkas_id}.{'pdf' if pdf else 'webp'}",
                media_type=row["tipe"] or ("application/pdf" if pdf else "image/webp"),
                content_disposition_type="inline",
                headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})


@post(f"{BASE}/{{aset_id:int}}/berkas/{{berkas_id:int}}/hapus", opt=requires(KELOLA), include_in_schema=False)
async def hapus(request: Request, aset_id: FromPath[Id], berkas_id: FromPath[Id], data: Form) -> Template | Redirect:
    """The asset page's "Hapus" posts here without `yakin`: a second screen shows the file and asks; its
    "Ya, hapus" posts `yakin=1` and the file is removed."""
    aset = await aset_atau_404(aset_id)
    row = await _berkas_atau_404(aset_id, berkas_id)
    if teks(data).get("yakin") != "1":
        return await page(request, "aset/admin/hapus_berkas.html", {"aset": aset, "berkas": row, "nama": _nama(row)})
    async with write_transaction():
        await BerkasAset.delete().where(BerkasAset.id == berkas_id).run()
        await log_change(request, "hapus", "aset.berkas", berkas_id,
                         {"aset": aset_id, "jenis": row["jenis"], "judul": row["judul"], "berkas": row["berkas"]})
    if (path := _path(request, row)) is not None:
        path.unlink(missing_ok=True)  # only once the row is gone: a failed delete keeps a file its row points at
    flash(request, f"{_nama(row)} dihapus dari aset ini.")
    return Redirect(f"{BASE}/{aset_id}")


ROUTES: list = [unggah, lihat, hapus]
