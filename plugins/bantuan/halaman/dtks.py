"""The DTKS/DTSEN page (`/admin/bantuan/dtks`): families per desil, and the import of the social office's spreadsheet
(upload -> dry run -> "Terapkan").

The upload is kept in the data folder under its own sha256 (`store_file`), and the apply form names only that token
and the file's name: the server reads the file again and checks its hash, so no data travels in a hidden field.
halaman/opensid.py uses the same upload helpers.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import time
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Redirect, Response, Template

from plugin_sdk import dokumen, flash, has_permission, current_user, page, requires, store_file, stored_file, today

from plugins.bantuan import dtks, lembar
from plugins.bantuan.galat import BantuanError
from plugins.bantuan.halaman.umum import BASE, Form, teks
from plugins.bantuan.plugin import KELOLA, LIHAT

Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
FOLDER = "bantuan/unggahan"
TOKEN = re.compile(r"[0-9a-f]{64}\.(?:xlsx|csv)")  # fullmatch: "$" would accept a trailing newline
SIMPAN = 24 * 3600  # seconds an upload is kept for its dry run's "Terapkan"
TAMPIL = 500  # rows of a dry run shown; the counts are always complete
HILANG = "Berkas unggahan itu tidak ada lagi (disimpan 24 jam). Unggah berkasnya lagi."
BATAS_MB = lembar.BATAS_UNGGAH // 2**20


# --- uploads (shared with halaman/opensid.py) ----------------------------------------------------------------------

def nama_berkas(nama: str) -> str:
    """The uploaded file's own name, without a folder, for messages and the entries' reason."""
    return " ".join(re.split(r"[\\/]", nama or "")[-1].replace("\x00", "").split())[:100]


async def terima_unggahan(request: Request, data: dict) -> tuple[str, str, dict[str, list[list]]]:
    """(token, file name, its sheets) of the form's "berkas"; the file is kept for the apply. Raises BantuanError
    (lembar.BerkasDitolak) with the reason for an empty, oversized or unreadable upload."""
    unggahan = data.get("berkas")
    isi = await unggahan.read() if isinstance(unggahan, UploadFile) and unggahan.filename else b""
    nama = nama_berkas(unggahan.filename if isinstance(unggahan, UploadFile) else "")
    jenis = lembar.jenis(nama, isi)
    isi_lembar = await asyncio.to_thread(lembar.baca, nama, isi)
    token = f"{hashlib.sha256(isi).hexdigest()}.{jenis}"
    path = stored_file(request, FOLDER, token) or store_file(request, FOLDER, token, isi)
    _buang_lama(path.parent, keep=path)
    return token, nama, isi_lembar


def _buang_lama(folder, keep) -> None:
    """Uploads older than SIMPAN go when the next one arrives, so the folder does not grow with every file tried."""
    batas = time.time() - SIMPAN
    for lama in folder.iterdir():
        try:
            if lama != keep and lama.stat().st_mtime < batas:
                lama.unlink()
        except OSError:  # another worker removed it first
            pass


async def baca_unggahan(request: Request, token: str) -> dict[str, list[list]]:
    """The sheets of a kept upload named by its token; BantuanError when it is gone or was never one of ours."""
    path = stored_file(request, FOLDER, token) if TOKEN.fullmatch(token or "") else None
    isi = path.read_bytes() if path is not None else b""
    if not isi or hashlib.sha256(isi).hexdigest() != token.split(".")[0]:
        raise BantuanError(HILANG)
    return await asyncio.to_thread(lembar.baca, token, isi)


def buang_unggahan(request: Request, token: str) -> None:
    """Drop an upload once applied: it is not needed again."""
    path = stored_file(request, FOLDER, token) if TOKEN.fullmatch(token or "") else None
    try:
        if path is not None:
            path.unlink()
    except OSError:
        pass


# --- pages ---------------------------------------------------------------------------------------------------------

async def _halaman(request: Request, galat: str = "", status_code: int = 200) -> Template:
    kelola = has_permission(await current_user(request), KELOLA)
    return await page(request, "bantuan/admin/dtks.html", {
        "r": await dtks.ringkasan(), "galat": galat, "kelola": kelola, "batas_mb": BATAS_MB}, status_code)


async def _pratinjau(request: Request, p: dtks.Pratinjau, token: str, nama: str, galat: str = "",
                     status_code: int = 200) -> Template:
    return await page(request, "bantuan/admin/dtks_pratinjau.html", {
        "p": p, "token": token, "nama": nama, "galat": galat, "tampil": TAMPIL,
        "diubah": [b for b in p.baris if b.aksi != "sama"][:TAMPIL], "ditolak": p.ditolak[:TAMPIL]}, status_code)


@get(f"{BASE}/dtks", opt=requires(LIHAT), include_in_schema=False)
async def halaman(request: Request) -> Template:
    return await _halaman(request)


@get(f"{BASE}/dtks/contoh.xlsx", opt=requires(LIHAT, not_a_page="contoh berkas DTKS (xlsx) untuk diunduh"),
     include_in_schema=False)
async def contoh(request: Request) -> Response:
    isi = dokumen.xlsx_bytes({"DTKS": dokumen.Lembar(dtks.contoh(), beku=1, lebar=(20, 20, 28, 16, 8, 16, 8),
                                                     tebal=(0,))})
    return Response(isi, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": 'attachment; filename="contoh_dtks.xlsx"'})


@post(f"{BASE}/dtks", opt=requires(KELOLA), include_in_schema=False,
      request_max_body_size=lembar.BATAS_UNGGAH + 2**20)
async def unggah(request: Request, data: Multipart) -> Template:
    """The dry run, shown at once; nothing is written but the kept file."""
    try:
        token, nama, isi = await terima_unggahan(request, data)
        p = await dtks.periksa(isi, hari_ini=today(request))
    except BantuanError as e:
        return await _halaman(request, f"Berkas ditolak, tidak ada yang diimpor: {e}", 400)
    return await _pratinjau(request, p, token, nama)


@post(f"{BASE}/dtks/terapkan", opt=requires(KELOLA), include_in_schema=False)
async def terapkan(request: Request, data: Form) -> Template | Redirect:
    isian = teks(data)
    token, nama = isian.get("token", ""), nama_berkas(isian.get("nama", ""))
    try:
        isi = await baca_unggahan(request, token)
    except BantuanError as e:
        return await _halaman(request, str(e), 400)
    try:
        n = await dtks.terapkan(request, isi, sumber=nama, hari_ini=today(request))
    except BantuanError as e:
        try:
            p = await dtks.periksa(isi, hari_ini=today(request))
        except BantuanError:
            return await _halaman(request, str(e), 400)
        return await _pratinjau(request, p, token, nama, str(e), 400)
    buang_unggahan(request, token)
    flash(request, f"Data DTKS dari {nama or 'berkas'} diterapkan: {n['baru']} keluarga baru, {n['ubah']} diperbarui, "
                   f"{n['sama']} tidak berubah" + (f", {n['ditolak']} baris ditolak." if n["ditolak"] else "."))
    return Redirect(f"{BASE}/dtks")


ROUTES: list = [halaman, contoh, unggah, terapkan]
