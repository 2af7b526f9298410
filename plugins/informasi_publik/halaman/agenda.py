"""The office's letter registers: incoming letters (this module: list with search and period, register, correct,
the scan served only to LIHAT holders), outgoing letters and dispatch (agenda_keluar.py)."""

from __future__ import annotations

from datetime import date
from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.exceptions import NotFoundException
from litestar.params import FromQuery
from litestar.response import File, Redirect, Template

from plugin_sdk import Id, MenuItem, Page, flash, log_view, page, requires, today
from plugin_sdk.dokumen import officials

from plugins.informasi_publik import agenda
from plugins.informasi_publik.halaman import agenda_keluar
from plugins.informasi_publik.halaman.agenda_umum import BASE, Multipart, baca_periode, boleh_catat
from plugins.informasi_publik.plugin import AGENDA, LIHAT
from plugins.informasi_publik.tabel_agenda import SuratMasuk

PER_HALAMAN = 50
FIELDS = ("tanggal_terima", "nomor_surat", "tanggal_surat", "pengirim", "isi", "disposisi_kepada", "disposisi_isi",
          "disposisi_tanggal", "keterangan")
MEDIA = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


def _nomor(r: dict) -> str:
    return f"{r['nomor_agenda']}/{r['tahun']}"


@get(f"{BASE}/masuk", opt=requires(LIHAT, sample=f"{BASE}/masuk"), include_in_schema=False)
async def daftar(request: Request, cari: FromQuery[str] = "", periode: FromQuery[str] = "", hal: Page = 1) -> Template:
    periode, dari, sampai, salah = baca_periode(periode, today(request))
    cari = agenda.bersih(cari, 100)
    hal = max(1, hal)
    rows, banyak = await agenda.daftar_masuk(dari=dari, sampai=sampai, cari=cari, mulai=(hal - 1) * PER_HALAMAN,
                                             batas=PER_HALAMAN)
    jumlah_halaman = (banyak + PER_HALAMAN - 1) // PER_HALAMAN
    if hal > max(jumlah_halaman, 1):  # a page past the end (the list shrank): show the last one
        hal = max(jumlah_halaman, 1)
        rows, banyak = await agenda.daftar_masuk(dari=dari, sampai=sampai, cari=cari,
                                                 mulai=(hal - 1) * PER_HALAMAN, batas=PER_HALAMAN)
    return await page(request, "informasi_publik/admin/agenda_masuk.html", {
        "rows": [{**r, "nomor": _nomor(r)} for r in rows], "banyak": banyak, "hal": hal,
        "jumlah_halaman": jumlah_halaman, "saring": {"cari": cari, "periode": periode}, "salah_periode": salah,
        "params": {k: v for k, v in (("cari", cari), ("periode", periode)) if v},
        "catat": await boleh_catat(request)}, 400 if salah else 200)


async def _form(request: Request, isian: dict, masuk: dict | None = None, galat: dict | None = None,
                status_code: int = 200) -> Template:
    pejabat = [(str(p["id"]), f"{p['nama']} ({p['jabatan']})" if p.get("jabatan") else p["nama"])
               for p in await officials() if p.get("aktif")]
    if masuk and masuk["disposisi_kepada"] and all(k != str(masuk["disposisi_kepada"]) for k, _ in pejabat):
        pejabat.append((str(masuk["disposisi_kepada"]), masuk["disposisi_nama"]))  # no longer serving: kept
    return await page(request, "informasi_publik/admin/agenda_masuk_isi.html", {
        "isian": isian, "masuk": masuk, "galat": galat or {}, "pejabat": pejabat,
        "hari_ini": today(request).isoformat(), "catat": await boleh_catat(request)}, status_code)


def _isian(data: dict) -> dict:
    return {f: agenda.bersih(data.get(f), 600) for f in FIELDS}


def _isian_dari(r: dict) -> dict:
    return {f: "" if r[f] is None else (r[f].isoformat() if isinstance(r[f], date) else str(r[f])) for f in FIELDS}


async def _pindaian(data: dict) -> bytes:
    berkas = data.get("pindaian")
    return await berkas.read() if isinstance(berkas, UploadFile) and berkas.filename else b""


@get(f"{BASE}/masuk/baru", opt=requires(AGENDA, sample=f"{BASE}/masuk/baru"), include_in_schema=False)
async def baru(request: Request) -> Template:
    return await _form(request, {**dict.fromkeys(FIELDS, ""), "tanggal_terima": today(request).isoformat()})


async def _simpan(request: Request, data: dict, masuk: dict | None) -> Template | Redirect:
    isian = _isian(data)
    try:
        hasil = await agenda.catat_masuk(request, data, await _pindaian(data), hari_ini=today(request),
                                         masuk_id=masuk["id"] if masuk else None)
    except agenda.AgendaError as e:
        return await _form(request, isian, masuk, e.galat, 400)
    if masuk is None:
        flash(request, f"Surat masuk dicatat dengan nomor agenda {hasil['nomor_agenda']}/{hasil['tahun']}.")
        if data.get("lagi") == "1":
            return Redirect(f"{BASE}/masuk/baru")
    else:
        flash(request, f"Surat masuk nomor agenda {hasil['nomor_agenda']}/{hasil['tahun']} disimpan.")
    return Redirect(f"{BASE}/masuk/{hasil['id']}")


@post(f"{BASE}/masuk/baru", opt=requires(AGENDA), include_in_schema=False, request_max_body_size=12 * 1024 * 1024)
async def tambah(request: Request, data: Multipart) -> Template | Redirect:
    return await _simpan(request, data, None)


async def _satu(masuk_id: int) -> dict:
    row = await SuratMasuk.select().where(SuratMasuk.id == masuk_id).first().run()
    if row is None:
        raise NotFoundException("Surat masuk tidak ditemukan.")
    return row


@get(f"{BASE}/masuk/{{masuk_id:int}}", opt=requires(LIHAT, sample=f"{BASE}/masuk/1"), include_in_schema=False)
async def lihat(request: Request, masuk_id: Id) -> Template:
    r = await _satu(masuk_id)
    return await _form(request, _isian_dari(r), {**r, "nomor": _nomor(r)})


@post(f"{BASE}/masuk/{{masuk_id:int}}", opt=requires(AGENDA), include_in_schema=False,
      request_max_body_size=12 * 1024 * 1024)
async def ubah(request: Request, masuk_id: Id, data: Multipart) -> Template | Redirect:
    r = await _satu(masuk_id)
    return await _simpan(request, data, {**r, "nomor": _nomor(r)})


@get(f"{BASE}/masuk/{{masuk_id:int}}/pindaian", opt=requires(LIHAT, not_a_page="pindaian surat (PDF/gambar)"),
     include_in_schema=False)
async def pindaian(request: Request, masuk_id: Id) -> File:
    r = await _satu(masuk_id)
    path = agenda.path_pindaian(request, r["berkas"])
    if path is None:
        raise NotFoundException("Surat ini belum punya pindaian.")
    log_view(request, "informasi_publik.surat_masuk", masuk_id, {"pindaian": r["berkas"]})
    kind = path.suffix.lstrip(".")
    return File(path=path, filename=f"surat-masuk-{r['nomor_agenda']}-{r['tahun']}.{kind}", media_type=MEDIA[kind],
                content_disposition_type="inline",
                headers={"Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff"})


MENU = [MenuItem("Surat masuk", f"{BASE}/masuk", permission=LIHAT, order=40, group="sekretariat"),
        MenuItem("Surat keluar", f"{BASE}/keluar", permission=LIHAT, order=41, group="sekretariat"),
        MenuItem("Ekspedisi", f"{BASE}/ekspedisi", permission=LIHAT, order=42, group="sekretariat")]

ROUTES: list = [daftar, baru, tambah, lihat, ubah, pindaian, *agenda_keluar.ROUTES]
