"""A request for information handed in at the office (on paper or in person): the PPID types it in with the day it
was received, which starts its 10 working days (UU 14/2008 art. 22 (7)), and hands the requester the number and
the status code, shown once as on the public form."""

from __future__ import annotations

from datetime import date, timedelta

from litestar import Request, get, post
from litestar.response import Template

from plugin_sdk import page, requires, today

from plugins.informasi_publik import ppid
from plugins.informasi_publik.plugin import PPID

ALAMAT = "/admin/ppid/permohonan/baru"
TERLAMA = 60  # days back a paper request may be dated: older ones are long past their deadline anyway


async def _form(request: Request, status: int = 200, **context) -> Template:
    return await page(request, "informasi_publik/admin/ppid_langsung.html", {
        "isian": {}, "galat": {}, "cara": ppid.CARA, "kirim": ppid.KIRIM, "maks": ppid.MAKS,
        "diterima": today(request).isoformat(), **context}, status)


def _tanggal(teks: str, hari_ini: date) -> tuple[date | None, str]:
    try:
        hari = date.fromisoformat(teks.strip())
    except ValueError:
        return None, "Tulis tanggal diterimanya permohonan."
    if hari > hari_ini:
        return None, "Tanggal diterima tidak boleh sesudah hari ini."
    if hari < hari_ini - timedelta(days=TERLAMA):
        return None, f"Tanggal diterima paling lama {TERLAMA} hari yang lalu."
    return hari, ""


@get(ALAMAT, opt=requires(PPID, sample=ALAMAT), include_in_schema=False)
async def form(request: Request) -> Template:
    return await _form(request)


@post(ALAMAT, opt=requires(PPID), include_in_schema=False, status_code=200)
async def simpan(request: Request) -> Template:
    data = await request.form()
    isian = ppid.baca_isian(data)
    teks_tanggal = str(data.get("diterima") or "")
    diterima, salah = _tanggal(teks_tanggal, today(request))
    galat = ppid.cek_permohonan(isian) | ({"diterima": salah} if salah else {})
    if galat:
        return await _form(request, 400, isian=isian, galat=galat, diterima=teks_tanggal)
    try:
        nomor, kode = await ppid.ajukan(request, isian, "", diterima)
    except ppid.PpidError as e:
        return await _form(request, 400, isian=isian, galat=e.galat, diterima=teks_tanggal)
    return await page(request, "informasi_publik/admin/ppid_langsung_terkirim.html", {
        "nomor": nomor, "kode": kode, "alamat_status": f"/informasi-publik/permohonan/{nomor.replace('/', '-')}"})


ROUTES: list = [form, simpan]
