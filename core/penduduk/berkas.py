"""A resident's photo and document scans (KTP, KK, akta): checked, stored whole, listed, removed with a reason.

The files live in the kernel's file store (`core.files`, folder ``penduduk``), outside the web root. A file is
written first and removed again when its row cannot be saved, so a listed document always has its file and no
upload leaves a file behind that nothing names. Every upload and removal is a change in the audit log on the
resident; every view or download is a view there (the web layer logs those).

A new photo replaces the old one and the old file is deleted, not archived: an outdated picture of a person serves
no purpose the office has, and UU 27/2022 asks that personal data be kept only as long as its purpose needs it.
Who replaced it and when stays in the audit log.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

import anyio

from core.audit.log import log_change
from core.db.transaction import write_transaction
from core.files import (FileStoreError, image_kind, reencode_image, save_document, save_image,
                        stored_path)
from core.penduduk.berkas_tables import BerkasPenduduk

log = logging.getLogger("balai.penduduk.berkas")
FOLDER = "penduduk"
LIMIT = 5 * 1024 * 1024  # a phone photo of a KTP or a scanned akta fits; the site's body limit is 10 MB
PHOTO_SIDE = 1000  # px on the longer side: a 4x6 cm pas foto at 300 dpi is 472 x 709
FOTO = "foto"
JENIS = {FOTO: "Pas foto", "ktp": "KTP", "kk": "Kartu keluarga", "akta_lahir": "Akta kelahiran",
         "akta_nikah": "Akta/buku nikah", "akta_cerai": "Akta cerai", "lainnya": "Dokumen lain"}
MIME = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp", "pdf": "application/pdf"}


class BerkasError(ValueError):
    """An upload or removal that was refused; the message is for the officer."""


def _check_size(content: bytes) -> None:
    if not content:
        raise BerkasError("Berkas kosong. Pilih berkas foto atau dokumennya.")
    if len(content) > LIMIT:
        raise BerkasError(f"Berkas terlalu besar ({len(content) / (1024 * 1024):.1f} MB): maksimal "
                          f"{LIMIT // (1024 * 1024)} MB. Pindai dengan resolusi lebih rendah atau kecilkan fotonya.")


def _refuse_locked_pdf(content: bytes) -> None:
    """A PDF locked with a password cannot be shown to the next officer, nor checked for what it holds."""
    from pypdf import PdfReader

    try:
        locked = PdfReader(io.BytesIO(content)).is_encrypted
    except Exception:  # not a PDF pypdf can open: the file store refuses it with its own message
        return
    if locked:
        raise BerkasError("PDF ini dikunci dengan kata sandi atau enkripsi. Simpan ulang tanpa kata sandi, "
                          "lalu unggah lagi.")


def _shrink(kind: str, content: bytes) -> bytes:
    """The photo re-encoded (EXIF and anything appended dropped, upright) and no larger than PHOTO_SIDE."""
    from PIL import Image

    clean = reencode_image(kind, content)  # checks it is a picture of that kind and not a pixel bomb
    with Image.open(io.BytesIO(clean)) as image:
        if max(image.size) <= PHOTO_SIDE:
            return clean
        image.thumbnail((PHOTO_SIDE, PHOTO_SIDE))
        out = io.BytesIO()
        image.save(out, {"png": "PNG", "jpg": "JPEG", "webp": "WEBP"}[kind], quality=90)
        return out.getvalue()


def store(data_dir: Path, jenis: str, content: bytes) -> str:
    """Check and keep one upload; return the file store's name for it. CPU-heavy: call it off the event loop."""
    _check_size(content)
    try:
        if jenis == FOTO:
            kind = image_kind(content)
            if kind is None:
                raise BerkasError("Foto harus gambar JPEG, PNG atau WebP yang asli.")
            return save_image(data_dir, FOLDER, _shrink(kind, content), limit=LIMIT)
        if content.startswith(b"%PDF-"):
            _refuse_locked_pdf(content)
        return save_document(data_dir, FOLDER, content, limit=LIMIT)
    except FileStoreError as exc:
        raise BerkasError(str(exc)) from None
    except OSError:  # a full disk or a read-only data folder: write_whole left no part of the file behind
        log.exception("berkas penduduk tidak bisa ditulis")
        raise BerkasError("Berkas tidak bisa disimpan di folder data (disk penuh atau tidak bisa ditulis). "
                          "Hubungi administrator.") from None


def clean_title(jenis: str, judul: str) -> str:
    if jenis not in JENIS:
        raise BerkasError("Pilih jenis berkas dari daftar.")
    judul = " ".join((judul or "").split())[:120]
    if jenis == "lainnya" and not judul:
        raise BerkasError("Tuliskan nama dokumennya (mis. Surat nikah adat, Ijazah).")
    return judul or JENIS[jenis]


async def add(data_dir: Path, penduduk_id: int, jenis: str, judul: str, content: bytes, connection) -> dict:
    """Keep one upload for the resident and log it. Raises BerkasError with the reason; nothing is kept then."""
    judul = clean_title(jenis, judul)
    name = await anyio.to_thread.run_sync(store, data_dir, jenis, content)
    path = stored_path(data_dir, FOLDER, name)
    size = path.stat().st_size
    old = None
    user = connection.state.get("user") or {}
    try:
        # Shielded: a visitor who goes away mid-commit must not leave a row whose file the cleanup removed.
        with anyio.CancelScope(shield=True):
            async with write_transaction():
                if jenis == FOTO:
                    old = await BerkasPenduduk.select().where((BerkasPenduduk.penduduk == penduduk_id)
                                                              & (BerkasPenduduk.jenis == FOTO)).first().run()
                    if old:
                        await BerkasPenduduk.delete().where(BerkasPenduduk.id == old["id"]).run()
                rows = await BerkasPenduduk.insert(BerkasPenduduk(
                    penduduk=penduduk_id, jenis=jenis, judul=judul, berkas=name, ukuran=size,
                    mime=MIME[name.rsplit(".", 1)[1]], diunggah_oleh=user.get("username", ""))).returning(
                    BerkasPenduduk.id).run()
                aksi = ("ganti_foto" if old else "unggah_foto") if jenis == FOTO else "unggah_dokumen"
                await log_change(connection, aksi, "penduduk", penduduk_id, {
                    "dokumen": rows[0]["id"], "jenis": jenis, "judul": judul, "ukuran": size})
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    if old:
        _unlink(data_dir, old["berkas"])
    return {"id": rows[0]["id"], "jenis": jenis, "judul": judul, "diganti": bool(old)}


def _unlink(data_dir: Path, name: str) -> None:
    path = stored_path(data_dir, FOLDER, name)
    if path is not None:
        path.unlink(missing_ok=True)


async def remove(data_dir: Path, penduduk_id: int, berkas_id: int, alasan: str, connection) -> dict | None:
    """Delete one of the resident's files with a reason (logged); None when there is no such file."""
    alasan = " ".join((alasan or "").split())[:300]
    if not alasan:
        raise BerkasError("Tuliskan alasan penghapusan.")
    async with write_transaction():
        row = await find(penduduk_id, berkas_id)
        if row is None:
            return None
        await BerkasPenduduk.delete().where(BerkasPenduduk.id == berkas_id).run()
        await log_change(connection, "hapus_foto" if row["jenis"] == FOTO else "hapus_dokumen", "penduduk",
                         penduduk_id, {"dokumen": berkas_id, "jenis": row["jenis"], "judul": row["judul"],
                                       "alasan": alasan})
    # After the commit: a failed removal leaves a file nothing names, never a listed document without its file.
    _unlink(data_dir, row["berkas"])
    return row


async def find(penduduk_id: int, berkas_id: int) -> dict | None:
    """One file of this resident (another resident's file id finds nothing)."""
    return await BerkasPenduduk.select().where((BerkasPenduduk.id == berkas_id)
                                               & (BerkasPenduduk.penduduk == penduduk_id)).first().run()


def path_of(data_dir: Path, row: dict) -> Path | None:
    return stored_path(data_dir, FOLDER, row["berkas"])


async def listing(penduduk_id: int) -> dict:
    """The resident's photo (or None) and documents, newest first, each with its kind's label."""
    rows = await BerkasPenduduk.select().where(BerkasPenduduk.penduduk == penduduk_id).order_by(
        BerkasPenduduk.id, ascending=False).run()
    for row in rows:
        row["label"] = JENIS.get(row["jenis"], row["jenis"])
    return {"foto": next((r for r in rows if r["jenis"] == FOTO), None),
            "dokumen": [r for r in rows if r["jenis"] != FOTO]}
