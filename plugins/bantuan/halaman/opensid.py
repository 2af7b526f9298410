"""A cycle's list and OpenSID (opensid.py): the export of an approved list as OpenSID's participants workbook
(`GET /admin/bantuan/siklus/{id}/opensid.xlsx`), an empty workbook in that format for this program, and the import
of OpenSID's participants into a list being prepared (`/admin/bantuan/siklus/{id}/opensid`: upload, dry run, then
"Tambahkan ke daftar", all or nothing)."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Response, Template

from plugin_sdk import Id, flash, log_change, page, requires, today

from plugins.bantuan import opensid
from plugins.bantuan.galat import BantuanError
from plugins.bantuan.halaman.dtks import BATAS_MB, Multipart, baca_unggahan, buang_unggahan, nama_berkas, \
    terima_unggahan
from plugins.bantuan.halaman.umum import BASE, CONTOH_SIKLUS, Form, teks
from plugins.bantuan.kode import DISETUJUI, DISUSUN, SASARAN, SATUAN
from plugins.bantuan.lembar import BATAS_UNGGAH
from plugins.bantuan.plugin import KELOLA, LIHAT

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TAMPIL = 500
# What OpenSID's "Peserta" column holds for each target (see opensid.py).
ISI_PESERTA = {"penduduk": "NIK penerima", "keluarga": "No. KK keluarga penerima",
               "rumah_tangga": "nomor rumah tangga OpenSID (tidak dipakai Balai; penerima dikenali dari kolom NIK "
                               "kepala rumah tangga)",
               "kelompok": "kode atau nama kelompok"}


async def _siklus(siklus_id: int) -> tuple[dict, dict]:
    try:
        return await opensid.siklus_program(siklus_id)
    except BantuanError as e:
        raise NotFoundException(str(e)) from None


def _unduh(nama: str, isi: bytes) -> Response:
    return Response(isi, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{nama}"',
                                                   "Cache-Control": "private, no-store"})


async def _halaman(request: Request, siklus_id: int, galat: str = "", status_code: int = 200) -> Template:
    siklus, program = await _siklus(siklus_id)
    return await page(request, "bantuan/admin/opensid.html", {
        "siklus": siklus, "program": program, "galat": galat, "batas_mb": BATAS_MB, "DISUSUN": DISUSUN,
        "DISETUJUI": DISETUJUI, "sasaran": SASARAN, "isi_peserta": ISI_PESERTA[program["sasaran"]]}, status_code)


async def _pratinjau(request: Request, p: opensid.PratinjauImpor, token: str, nama: str, galat: dict | None = None,
                     pesan: str = "", status_code: int = 200) -> Template:
    galat = galat or {}
    return await page(request, "bantuan/admin/opensid_pratinjau.html", {
        "p": p, "siklus": p.siklus, "program": p.program, "token": token, "nama": nama, "galat": galat,
        "pesan": pesan, "tampil": TAMPIL, "baris": p.baris[:TAMPIL], "ditolak": p.ditolak[:TAMPIL],
        "satuan": SATUAN.get(p.program["sasaran"], "")}, status_code)


@get(f"{BASE}/siklus/{{siklus_id:int}}/opensid.xlsx", opt=requires(
    LIHAT, not_a_page="daftar penerima siklus yang disetujui, format OpenSID (xlsx)"), include_in_schema=False)
async def ekspor(request: Request, siklus_id: FromPath[Id]) -> Response | Redirect:
    await _siklus(siklus_id)
    try:
        nama, isi, jumlah = await opensid.ekspor(siklus_id)
    except BantuanError as e:
        flash(request, str(e), "galat")
        return Redirect(f"{BASE}/siklus/{siklus_id}")
    await log_change(request, "ekspor_opensid", "bantuan", f"siklus:{siklus_id}", {"peserta": jumlah})
    return _unduh(nama, isi)


@get(f"{BASE}/siklus/{{siklus_id:int}}/opensid-format.xlsx", opt=requires(
    LIHAT, not_a_page="berkas kosong format peserta OpenSID (xlsx)"), include_in_schema=False)
async def format_kosong(request: Request, siklus_id: FromPath[Id]) -> Response:
    await _siklus(siklus_id)
    return _unduh(*await opensid.format_kosong(siklus_id))


@get(f"{BASE}/siklus/{{siklus_id:int}}/opensid", include_in_schema=False,
     opt=requires(KELOLA, sample=f"{BASE}/siklus/{CONTOH_SIKLUS}/opensid"))
async def halaman(request: Request, siklus_id: FromPath[Id]) -> Template:
    return await _halaman(request, siklus_id)


@post(f"{BASE}/siklus/{{siklus_id:int}}/opensid", opt=requires(KELOLA), include_in_schema=False,
      request_max_body_size=BATAS_UNGGAH + 2**20)
async def unggah(request: Request, siklus_id: FromPath[Id], data: Multipart) -> Template:
    """The dry run, shown at once; nothing is added to the list yet."""
    await _siklus(siklus_id)
    try:
        token, nama, isi = await terima_unggahan(request, data)
        p = await opensid.periksa_impor(siklus_id, isi)
    except BantuanError as e:
        return await _halaman(request, siklus_id, f"Berkas ditolak, tidak ada yang ditambahkan: {e}", 400)
    return await _pratinjau(request, p, token, nama)


@post(f"{BASE}/siklus/{{siklus_id:int}}/opensid/terapkan", opt=requires(KELOLA), include_in_schema=False)
async def terapkan(request: Request, siklus_id: FromPath[Id], data: Form) -> Template | Redirect:
    await _siklus(siklus_id)
    isian = teks(data)
    token, nama = isian.get("token", ""), nama_berkas(isian.get("nama", ""))
    try:
        isi = await baca_unggahan(request, token)
        n = await opensid.terapkan_impor(request, siklus_id, isi, nama_berkas=nama, hari_ini=today(request))
    except BantuanError as e:
        try:
            p = await opensid.periksa_impor(siklus_id, await baca_unggahan(request, token))
        except BantuanError:
            return await _halaman(request, siklus_id, str(e), 400)
        return await _pratinjau(request, p, token, nama, e.galat, str(e), 400)
    buang_unggahan(request, token)
    flash(request, f"{n} peserta dari OpenSID ({nama or 'berkas'}) ditambahkan ke daftar dengan alasan "
                   f"“Impor dari OpenSID: {nama or 'berkas tanpa nama'}”.")
    return Redirect(f"{BASE}/siklus/{siklus_id}")


ROUTES: list = [ekspor, format_kosong, halaman, unggah, terapkan]
