"""Outgoing letters (one list: the letters service's, through its contract, and those entered by hand) and the
dispatch book (ekspedisi): a record of how each outgoing letter left the office."""

from __future__ import annotations

from datetime import date

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromQuery
from litestar.response import Redirect, Template

from plugin_sdk import Id, Page, QueryId, flash, page, requires, today

from plugins.informasi_publik import agenda
from plugins.informasi_publik.halaman.agenda_umum import BASE, Form, baca_periode, boleh_catat
from plugins.informasi_publik.plugin import AGENDA, LIHAT
from plugins.informasi_publik.tabel_agenda import Ekspedisi, SuratKeluar

PER_HALAMAN = 50
KELUAR = ("nomor", "tanggal", "kepada", "isi", "keterangan")
KIRIM = ("tanggal_kirim", "kepada", "cara", "penerima", "keterangan")


def _teks(nilai) -> str:
    return "" if nilai is None else (nilai.isoformat() if isinstance(nilai, date) else str(nilai))


@get(f"{BASE}/keluar", opt=requires(LIHAT, sample=f"{BASE}/keluar"), include_in_schema=False)
async def daftar(request: Request, cari: FromQuery[str] = "", periode: FromQuery[str] = "", hal: Page = 1) -> Template:
    periode, dari, sampai, salah = baca_periode(periode, today(request))
    cari = agenda.bersih(cari, 100)
    rows = await agenda.daftar_keluar(request, dari=dari, sampai=sampai, cari=cari)
    jumlah_halaman = (len(rows) + PER_HALAMAN - 1) // PER_HALAMAN
    hal = max(1, min(hal, jumlah_halaman or 1))
    return await page(request, "informasi_publik/admin/agenda_keluar.html", {
        "rows": rows[(hal - 1) * PER_HALAMAN:hal * PER_HALAMAN], "banyak": len(rows), "hal": hal,
        "jumlah_halaman": jumlah_halaman, "saring": {"cari": cari, "periode": periode}, "salah_periode": salah,
        "params": {k: v for k, v in (("cari", cari), ("periode", periode)) if v},
        "catat": await boleh_catat(request)}, 400 if salah else 200)


async def _form_keluar(request: Request, isian: dict, keluar_id: int | None = None, galat: dict | None = None,
                       status_code: int = 200) -> Template:
    return await page(request, "informasi_publik/admin/agenda_keluar_isi.html", {
        "isian": isian, "keluar_id": keluar_id, "galat": galat or {}, "hari_ini": today(request).isoformat(),
        "catat": await boleh_catat(request)}, status_code)


async def _keluar(keluar_id: int) -> dict:
    row = await SuratKeluar.select().where(SuratKeluar.id == keluar_id).first().run()
    if row is None:
        raise NotFoundException("Surat keluar tidak ditemukan.")
    return row


@get(f"{BASE}/keluar/baru", opt=requires(AGENDA, sample=f"{BASE}/keluar/baru"), include_in_schema=False)
async def keluar_baru(request: Request) -> Template:
    return await _form_keluar(request, {**dict.fromkeys(KELUAR, ""), "tanggal": today(request).isoformat()})


async def _simpan_keluar(request: Request, data: dict, keluar_id: int | None) -> Template | Redirect:
    try:
        keluar_id = await agenda.simpan_keluar(request, data, hari_ini=today(request), keluar_id=keluar_id)
    except agenda.AgendaError as e:
        return await _form_keluar(request, {f: agenda.bersih(data.get(f), 600) for f in KELUAR}, keluar_id,
                                  e.galat, 400)
    flash(request, "Surat keluar disimpan.")
    return Redirect(f"{BASE}/keluar")


@post(f"{BASE}/keluar/baru", opt=requires(AGENDA), include_in_schema=False)
async def keluar_tambah(request: Request, data: Form) -> Template | Redirect:
    return await _simpan_keluar(request, data, None)


@get(f"{BASE}/keluar/{{keluar_id:int}}", opt=requires(LIHAT, sample=f"{BASE}/keluar/1"), include_in_schema=False)
async def keluar_lihat(request: Request, keluar_id: Id) -> Template:
    r = await _keluar(keluar_id)
    return await _form_keluar(request, {f: _teks(r[f]) for f in KELUAR}, keluar_id)


@post(f"{BASE}/keluar/{{keluar_id:int}}", opt=requires(AGENDA), include_in_schema=False)
async def keluar_ubah(request: Request, keluar_id: Id, data: Form) -> Template | Redirect:
    await _keluar(keluar_id)
    return await _simpan_keluar(request, data, keluar_id)


# --- ekspedisi --------------------------------------------------------------------------------------------------

@get(f"{BASE}/ekspedisi", opt=requires(LIHAT, sample=f"{BASE}/ekspedisi"), include_in_schema=False)
async def ekspedisi(request: Request, periode: FromQuery[str] = "", hal: Page = 1) -> Template:
    periode, dari, sampai, salah = baca_periode(periode, today(request))
    syarat = [Ekspedisi.tanggal_kirim >= dari, Ekspedisi.tanggal_kirim <= sampai] if dari else [Ekspedisi.id > 0]
    banyak = await Ekspedisi.count().where(*syarat).run()
    jumlah_halaman = (banyak + PER_HALAMAN - 1) // PER_HALAMAN
    hal = max(1, min(hal, jumlah_halaman or 1))
    rows = await Ekspedisi.select().where(*syarat).order_by(Ekspedisi.tanggal_kirim, ascending=False).order_by(
        Ekspedisi.id, ascending=False).limit(PER_HALAMAN).offset((hal - 1) * PER_HALAMAN).run()
    return await page(request, "informasi_publik/admin/agenda_ekspedisi.html", {
        "rows": rows, "banyak": banyak, "hal": hal, "jumlah_halaman": jumlah_halaman, "periode": periode,
        "salah_periode": salah, "params": {"periode": periode} if periode else {},
        "catat": await boleh_catat(request)}, 400 if salah else 200)


async def _form_kirim(request: Request, surat: dict, isian: dict, ekspedisi_id: int | None = None,
                      galat: dict | None = None, status_code: int = 200) -> Template:
    return await page(request, "informasi_publik/admin/agenda_ekspedisi_isi.html", {
        "surat": surat, "isian": isian, "ekspedisi_id": ekspedisi_id, "galat": galat or {}, "cara": agenda.CARA,
        "hari_ini": today(request).isoformat(), "catat": await boleh_catat(request)}, status_code)


async def _surat_untuk(request: Request, keluar: int, surat: int) -> dict:
    found = await agenda.surat_keluar_untuk(request, keluar_id=keluar or None, surat_id=surat or None)
    if found is None:
        raise NotFoundException("Surat keluar tidak ditemukan.")
    return found


@get(f"{BASE}/ekspedisi/baru", opt=requires(AGENDA, sample=f"{BASE}/ekspedisi/baru?keluar=2"),
     include_in_schema=False)
async def kirim_baru(request: Request, keluar: QueryId = 0, surat: QueryId = 0) -> Template | Redirect:
    found = await _surat_untuk(request, keluar, surat)
    kunci = (Ekspedisi.surat_keluar == found["id"]) if found["asal"] == "manual" else (Ekspedisi.surat_id == found["id"])
    ada = await Ekspedisi.select(Ekspedisi.id).where(kunci).first().run()
    if ada:
        return Redirect(f"{BASE}/ekspedisi/{ada['id']}")
    return await _form_kirim(request, found, {**dict.fromkeys(KIRIM, ""), "kepada": found["kepada"],
                                              "tanggal_kirim": today(request).isoformat()})


@post(f"{BASE}/ekspedisi/baru", opt=requires(AGENDA), include_in_schema=False)
async def kirim_tambah(request: Request, data: Form, keluar: QueryId = 0, surat: QueryId = 0) -> Template | Redirect:
    found = await _surat_untuk(request, keluar, surat)
    try:
        await agenda.simpan_ekspedisi(request, data, hari_ini=today(request), surat=found)
    except agenda.AgendaError as e:
        return await _form_kirim(request, found, {f: agenda.bersih(data.get(f), 600) for f in KIRIM}, None,
                                 e.galat, 400)
    flash(request, f"Pengiriman surat {found['nomor']} dicatat.")
    return Redirect(f"{BASE}/ekspedisi")


async def _kirim(ekspedisi_id: int) -> dict:
    row = await Ekspedisi.select().where(Ekspedisi.id == ekspedisi_id).first().run()
    if row is None:
        raise NotFoundException("Catatan ekspedisi tidak ditemukan.")
    return row


def _surat_dari(r: dict) -> dict:
    return {"nomor": r["nomor_surat"], "tanggal": r["tanggal_surat"], "isi": r["isi"]}


@get(f"{BASE}/ekspedisi/{{ekspedisi_id:int}}", opt=requires(LIHAT, sample=f"{BASE}/ekspedisi/1"),
     include_in_schema=False)
async def kirim_lihat(request: Request, ekspedisi_id: Id) -> Template:
    r = await _kirim(ekspedisi_id)
    return await _form_kirim(request, _surat_dari(r), {f: _teks(r[f]) for f in KIRIM}, ekspedisi_id)


@post(f"{BASE}/ekspedisi/{{ekspedisi_id:int}}", opt=requires(AGENDA), include_in_schema=False)
async def kirim_ubah(request: Request, ekspedisi_id: Id, data: Form) -> Template | Redirect:
    r = await _kirim(ekspedisi_id)
    try:
        await agenda.simpan_ekspedisi(request, data, hari_ini=today(request), ekspedisi_id=ekspedisi_id)
    except agenda.AgendaError as e:
        return await _form_kirim(request, _surat_dari(r), {f: agenda.bersih(data.get(f), 600) for f in KIRIM},
                                 ekspedisi_id, e.galat, 400)
    flash(request, f"Pengiriman surat {r['nomor_surat']} disimpan.")
    return Redirect(f"{BASE}/ekspedisi")


ROUTES = [daftar, keluar_baru, keluar_tambah, keluar_lihat, keluar_ubah, ekspedisi, kirim_baru, kirim_tambah,
          kirim_lihat, kirim_ubah]
