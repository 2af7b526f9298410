"""The Siskeudes import in the office: upload the zip, read the dry run (totals, problems per row, the difference
against the version in force), then apply it ("Terapkan").

The uploaded zip is kept in the data folder under its own sha256 (`store_file`), and the apply form names only that
token: the server reads the file again and checks its hash, so no data travels in a hidden field. The reading is
done inline (a 2,000-line export takes a few hundred ms, off the event loop in a thread; see bench/keuangan_impor.py).
"""

from __future__ import annotations

import hashlib
import re
import time
from datetime import date
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath
from litestar.response import Redirect, Template

from plugin_sdk import flash, not_a_page, page, requires, store_file, stored_file, today

from plugins.keuangan import impor, siskeudes
from plugins.keuangan.jumlah import angka
from plugins.keuangan.layanan import KeuanganError
from plugins.keuangan.plugin import KELOLA

KELOLA_OPT = requires(KELOLA)
FOLDER = "keuangan/impor"
TOKEN = re.compile(r"[0-9a-f]{64}")  # fullmatch: "$" would accept a trailing newline
SIMPAN_UNGGAHAN = 24 * 3600  # seconds an uploaded export is kept for its preview's "Terapkan"
TAMPIL = 500  # rows of the difference and of the problems shown; the counts are always complete
Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
NO_FILE_IN_DEMO = not_a_page("pratinjau impor Siskeudes: ada hanya setelah berkas diunggah; demo belum punya "
                             "(dibuka di tests/test_keuangan_siskeudes_halaman.py)")


async def _form(request: Request, galat: str = "", status_code: int = 200) -> Template:
    return await page(request, "keuangan/admin/impor.html",
                      {"galat": galat, "dibaca": siskeudes.DIBACA, "batas_mb": siskeudes.BATAS_UNGGAH // 2**20},
                      status_code)


async def _pratinjau(request: Request, p: impor.Pratinjau, *, galat: dict | None = None,
                     berlaku_sejak: str = "", hapus_manual: bool = False, status_code: int = 200) -> Template:
    e = p.ekspor
    return await page(request, "keuangan/admin/impor_pratinjau.html", {
        "p": p, "e": e, "token": e.sidik, "galat": galat or {}, "angka": angka,
        "masalah": e.masalah[:TAMPIL], "selisih": p.selisih[:TAMPIL], "dibaca": siskeudes.DIBACA,
        "berlaku_sejak": berlaku_sejak or today(request).isoformat(), "hapus_manual": hapus_manual,
        "total_anggaran": sum(r["anggaran"] for r in p.ringkasan if r["kode"] not in ("4", "6.1", "6.2")),
    }, status_code)


def _simpan(request: Request, data: bytes) -> str:
    sidik = hashlib.sha256(data).hexdigest()
    path = stored_file(request, FOLDER, f"{sidik}.zip") or store_file(request, FOLDER, f"{sidik}.zip", data)
    _buang_lama(path.parent, keep=path)
    return sidik


def _buang_lama(folder, keep) -> None:
    """Uploads older than SIMPAN_UNGGAHAN are dropped when the next one arrives: a preview left open that long is
    uploaded again (its apply answers "unggah lagi"), and the folder does not grow with every export tried."""
    batas = time.time() - SIMPAN_UNGGAHAN
    for old in folder.glob("*.zip"):
        try:
            if old != keep and old.stat().st_mtime < batas:
                old.unlink()
        except OSError:  # another worker removed it first
            pass


HILANG = "Berkas impor itu tidak ada lagi (unggahan disimpan 24 jam). Unggah berkas ekspor Siskeudes-nya lagi."


def _berkas(request: Request, token: str) -> bytes | None:
    """The uploaded export a preview names, or None when it is gone (dropped after a day); 404 for a name that was
    never one of ours."""
    if not TOKEN.fullmatch(token or ""):
        raise NotFoundException("Berkas impor tidak ditemukan; unggah lagi.")
    path = stored_file(request, FOLDER, f"{token}.zip")
    data = path.read_bytes() if path is not None else b""
    return data if data and hashlib.sha256(data).hexdigest() == token else None


@get("/admin/keuangan/impor", opt=KELOLA_OPT, include_in_schema=False)
async def form(request: Request) -> Template:
    return await _form(request)


@post("/admin/keuangan/impor", opt=KELOLA_OPT, include_in_schema=False,
      request_max_body_size=siskeudes.BATAS_UNGGAH + 2**20)
async def unggah(request: Request, data: Multipart) -> Template:
    """The dry run, shown at once (nothing is written but the kept file)."""
    berkas = data.get("berkas")
    isi = await berkas.read() if isinstance(berkas, UploadFile) else b""
    if not isi:
        return await _form(request, "Pilih berkas .zip hasil ekspor Siskeudes.", 400)
    try:
        ekspor = await impor.baca(isi)
    except siskeudes.SiskeudesError as exc:
        return await _form(request, f"Berkas ditolak, tidak ada yang diimpor: {exc.pesan}", 400)
    _simpan(request, isi)
    return await _pratinjau(request, await impor.periksa(isi, ekspor))


@get("/admin/keuangan/impor/{token:str}", opt={**KELOLA_OPT, **NO_FILE_IN_DEMO}, include_in_schema=False)
async def pratinjau(request: Request, token: FromPath[str]) -> Template:
    if (data := _berkas(request, token)) is None:
        return await _form(request, HILANG, 404)
    return await _pratinjau(request, await impor.periksa(data))


@post("/admin/keuangan/impor/{token:str}/terapkan", opt=KELOLA_OPT, include_in_schema=False)
async def terapkan(request: Request, token: FromPath[str]) -> Template | Redirect:
    if (data := _berkas(request, token)) is None:
        return await _form(request, HILANG, 404)
    isian = await request.form()
    teks = str(isian.get("berlaku_sejak") or "").strip()
    try:
        sejak = date.fromisoformat(teks)
    except ValueError:
        sejak = None
    hapus_manual = bool(isian.get("hapus_manual"))
    try:
        hasil, p, _ = await impor.terapkan(request, data, berlaku_sejak=sejak, hapus_manual=hapus_manual)
    except KeuanganError as exc:
        p = await impor.periksa(data)
        return await _pratinjau(request, p, galat=exc.galat or {"umum": exc.pesan}, berlaku_sejak=teks,
                                hapus_manual=hapus_manual, status_code=400)
    tahun = p.ekspor.tahun
    if hasil == impor.SAMA:
        isi = "anggaran dan realisasi" if p.ekspor.ada_jurnal else "anggarannya (berkas tanpa jurnal, realisasi tetap)"
        flash(request, f"Tidak ada yang berubah: {isi} APB Desa {tahun} sudah sama dengan berkas ini.", "info")
        return Redirect("/admin/keuangan/impor")
    if hapus_manual and p.manual:
        flash(request, f"{p.manual_catatan} catatan realisasi yang diisi di Balai dihapus karena sudah tercatat di "
                       "jurnal Siskeudes.")
    if hasil == impor.REALISASI:
        flash(request, f"Anggaran APB Desa {tahun} sama dengan yang berlaku; realisasinya diperbarui dari Siskeudes "
                       f"({len(p.ekspor.realisasi)} catatan).")
    else:
        flash(request, f"APB Desa {tahun} dari Siskeudes diterapkan: {len(p.ekspor.baris)} baris anggaran, "
                       f"berlaku sejak {sejak:%d-%m-%Y}.")
    return Redirect(f"/admin/keuangan/{tahun}")


ROUTES = [form, unggah, pratinjau, terapkan]
