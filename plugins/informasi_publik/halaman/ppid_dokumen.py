"""The PPID's documents (every category, dikecualikan too, with their PDF or link and the responsible official)
and the holiday calendar the deadlines are counted on (/admin/ppid/libur)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromQuery
from litestar.response import File, Redirect, Template

from plugin_sdk import (FileStoreError, Id, current_user, flash, has_permission, page, requires, save_pdf, stored_pdf,
                        today)
from plugin_sdk.dokumen import officials

from plugins.informasi_publik import ppid
from plugins.informasi_publik.plugin import LIHAT, PPID
from plugins.informasi_publik.publik.ppid import FOLDER
from plugins.informasi_publik.tabel_ppid import KATEGORI, DokumenInformasi, HariLibur

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
BASE = "/admin/ppid"


def _satu_baris(data: dict, nama: str, batas: int) -> str:
    return " ".join(str(data.get(nama) or "").replace("\x00", "").split())[:batas]


async def _kelola(request: Request) -> bool:
    return has_permission(await current_user(request), PPID)


async def _pejabat() -> list[dict]:
    return [{"id": o["id"], "label": f"{o.get('jabatan') or ''} ({o.get('nama') or ''})".strip()}
            for o in await officials() if o.get("aktif")]


@get(f"{BASE}/dokumen", opt=requires(LIHAT), include_in_schema=False)
async def daftar(request: Request) -> Template:
    rows = await DokumenInformasi.select().order_by(DokumenInformasi.kategori).order_by(
        DokumenInformasi.tahun, ascending=False).order_by(DokumenInformasi.judul).run()
    return await page(request, "informasi_publik/admin/ppid_dokumen.html", {
        "rows": [{**r, "kategori_label": KATEGORI.get(r["kategori"], r["kategori"])} for r in rows],
        "kelola": await _kelola(request)})


async def _form(request: Request, isian: dict, dokumen_id: int | None = None, galat: dict | None = None,
                status_code: int = 200) -> Template:
    pejabat = await _pejabat()
    if isian.get("pejabat") and all(p["id"] != isian["pejabat"] for p in pejabat):
        pejabat.append({"id": isian["pejabat"], "label": isian.get("penanggung_jawab") or "(tidak menjabat lagi)"})
    return await page(request, "informasi_publik/admin/ppid_dokumen_isi.html", {
        "isian": isian, "dokumen_id": dokumen_id, "galat": galat or {}, "kategori": KATEGORI,
        "pejabat": pejabat}, status_code)


@get(f"{BASE}/dokumen/baru", opt=requires(PPID), include_in_schema=False)
async def baru(request: Request) -> Template:
    return await _form(request, {"tahun": str(today(request).year)})


async def _simpan(request: Request, data: dict, dokumen_id: int | None) -> Template | Redirect:
    isian = {"judul": _satu_baris(data, "judul", 400), "uraian": str(data.get("uraian") or "").strip()[:4000],
             "kategori": _satu_baris(data, "kategori", 16), "tahun": _satu_baris(data, "tahun", 8),
             "tautan": _satu_baris(data, "tautan", 600), "pejabat": None, "penanggung_jawab": ""}
    pilihan = {str(p["id"]): p["label"] for p in await _pejabat()}
    pejabat = _satu_baris(data, "pejabat", 12)
    if pejabat in pilihan:
        isian["pejabat"], isian["penanggung_jawab"] = int(pejabat), pilihan[pejabat]
    elif dokumen_id is not None and pejabat:  # an official no longer serving stays named on the old document
        lama = await _dokumen(dokumen_id)
        if str(lama["pejabat"]) == pejabat:
            isian["pejabat"], isian["penanggung_jawab"] = lama["pejabat"], lama["penanggung_jawab"]
    unggahan = data.get("berkas")
    isi = await unggahan.read() if isinstance(unggahan, UploadFile) and unggahan.filename else b""
    nama = ""
    if isi:
        galat = ppid.cek_dokumen(isian, True)  # a form with other mistakes stores no file
        if galat:
            return await _form(request, isian, dokumen_id, galat, 400)
        try:
            nama = save_pdf(request, FOLDER, isi)
        except FileStoreError as e:
            return await _form(request, isian, dokumen_id, {"berkas": str(e)}, 400)
    try:
        await ppid.simpan_dokumen(request, isian, nama, dokumen_id)
    except ppid.PpidError as e:
        return await _form(request, isian, dokumen_id, e.galat, 400)
    flash(request, f"Dokumen \u201c{isian['judul']}\u201d disimpan.")
    return Redirect(f"{BASE}/dokumen")


@post(f"{BASE}/dokumen/baru", opt=requires(PPID), include_in_schema=False)
async def tambah(request: Request, data: Multipart) -> Template | Redirect:
    return await _simpan(request, data, None)


async def _dokumen(dokumen_id: int) -> dict:
    row = await DokumenInformasi.select().where(DokumenInformasi.id == dokumen_id).first().run()
    if row is None:
        raise NotFoundException("Dokumen tidak ditemukan.")
    return row


@get(f"{BASE}/dokumen/{{dokumen_id:int}}", opt=requires(PPID, sample=f"{BASE}/dokumen/1"), include_in_schema=False)
async def ubah(request: Request, dokumen_id: Id) -> Template:
    row = await _dokumen(dokumen_id)
    return await _form(request, {**row, "pejabat": row["pejabat"]}, dokumen_id)


@post(f"{BASE}/dokumen/{{dokumen_id:int}}", opt=requires(PPID), include_in_schema=False)
async def simpan(request: Request, dokumen_id: Id, data: Multipart) -> Template | Redirect:
    await _dokumen(dokumen_id)
    return await _simpan(request, data, dokumen_id)


@post(f"{BASE}/dokumen/{{dokumen_id:int}}/hapus", opt=requires(PPID), include_in_schema=False)
async def hapus(request: Request, dokumen_id: Id) -> Redirect:
    row = await _dokumen(dokumen_id)
    await ppid.hapus_dokumen(request, dokumen_id)
    flash(request, f"Dokumen \u201c{row['judul']}\u201d dihapus.")
    return Redirect(f"{BASE}/dokumen")


@get(f"{BASE}/dokumen/{{dokumen_id:int}}/berkas", opt=requires(LIHAT, not_a_page="berkas PDF dokumen PPID"),
     include_in_schema=False)
async def berkas(request: Request, dokumen_id: Id) -> File:
    """The stored PDF for staff, whatever its category (dikecualikan included)."""
    row = await _dokumen(dokumen_id)
    path = stored_pdf(request, FOLDER, row["berkas"]) if row["berkas"] else None
    if path is None:
        raise NotFoundException("Dokumen ini tidak punya berkas.")
    return File(path, filename=f"dokumen-{dokumen_id}.pdf", media_type="application/pdf",
                content_disposition_type="inline")


# --- the holiday calendar -----------------------------------------------------------------------------------------

async def _libur_page(request: Request, tahun: int, isian: dict | None = None, galat: dict | None = None,
                      status_code: int = 200) -> Template:
    rows = await HariLibur.select().where(HariLibur.tanggal >= date(tahun, 1, 1),
                                          HariLibur.tanggal <= date(tahun, 12, 31)).order_by(HariLibur.tanggal).run()
    return await page(request, "informasi_publik/admin/ppid_libur.html", {
        "rows": rows, "tahun": tahun, "kelola": await _kelola(request), "isian": isian or {}, "galat": galat or {}},
        status_code)


def _tahun(teks: str, cadangan: int) -> int:
    return int(teks) if teks.isdigit() and 2000 <= int(teks) <= 2100 else cadangan


@get(f"{BASE}/libur", opt=requires(LIHAT), include_in_schema=False)
async def libur(request: Request, tahun: FromQuery[str] = "") -> Template:
    return await _libur_page(request, _tahun(tahun, today(request).year))


@post(f"{BASE}/libur", opt=requires(PPID), include_in_schema=False)
async def libur_tambah(request: Request, data: Form) -> Template | Redirect:
    try:
        tanggal = date.fromisoformat(str(data.get("tanggal") or "").strip())
    except ValueError:
        tanggal = None
    nama = _satu_baris(data, "nama", 200)
    isian = {"tanggal": str(data.get("tanggal") or "")[:10], "nama": nama}
    try:
        await ppid.tambah_libur(request, tanggal, nama, data.get("cuti_bersama") == "1")
    except ppid.PpidError as e:
        return await _libur_page(request, tanggal.year if tanggal else today(request).year, isian, e.galat, 400)
    flash(request, f"{nama} ({tanggal.strftime('%d-%m-%Y')}) ditambahkan ke kalender libur.")
    return Redirect(f"{BASE}/libur?tahun={tanggal.year}")


@post(f"{BASE}/libur/{{libur_id:int}}/hapus", opt=requires(PPID), include_in_schema=False)
async def libur_hapus(request: Request, libur_id: Id) -> Redirect:
    row = await HariLibur.select().where(HariLibur.id == libur_id).first().run()
    if row is None:
        raise NotFoundException("Hari libur tidak ditemukan.")
    await ppid.hapus_libur(request, libur_id)
    flash(request, f"{row['nama']} ({row['tanggal'].strftime('%d-%m-%Y')}) dihapus dari kalender libur.")
    return Redirect(f"{BASE}/libur?tahun={row['tanggal'].year}")


ROUTES: list = [daftar, baru, tambah, ubah, simpan, hapus, berkas, libur, libur_tambah, libur_hapus]
