"""Public information on the website: `/informasi-publik` (the categories), one page per public category, a
document's PDF, the request form `/informasi-publik/permohonan` and a request's status page.

The lists are cached whole (cache.py; every document change moves the public version). Documents classified
dikecualikan are never listed nor served (UU 14/2008 art. 17). The form and the status page are uncached, with the
form's own CSRF cookie and no session; a sender is counted by a salted hash of their address (like the portal's
comments) and throttled like a login. The status page needs the code given at submission and shows number, date,
status and deadline only: never who asked or what.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File, Response, Template

from plugin_sdk import Id, MenuItem, data_dir, nagari_profile, public, public_page, stored_pdf, today
from plugin_sdk.masuk import throttle_clear, throttle_reserve, wait_message

from plugins.informasi_publik import hari_kerja, ppid
from plugins.informasi_publik.publik.cache import CACHE, cached_route
from plugins.informasi_publik.tabel_ppid import (BERKALA, KATEGORI, PUBLIK, SERTA_MERTA, SETIAP_SAAT, STATUS,
                                                 DokumenInformasi)

FOLDER = "informasi_publik/ppid"  # where save_pdf keeps the documents
SLUG = {"berkala": BERKALA, "serta-merta": SERTA_MERTA, "setiap-saat": SETIAP_SAAT}
SLUG_DARI = {v: k for k, v in SLUG.items()}
NO_SESSION = {"skip_session": True}  # the form's CSRF cookie is its only cookie
BASE = "/informasi-publik"
MENU = [MenuItem("Informasi Publik", BASE, order=46)]
_salt: list[bytes] = []


def _situs(request: Request) -> str:
    profil = nagari_profile(request)
    return f"{profil.get('sebutan_desa') or 'Nagari'} {profil.get('nama') or ''}".strip()


def sender_hash(request: Request) -> str:
    """A salted hash of the sender's address: counted for throttling, never kept as it is."""
    if not _salt:
        path = data_dir(request) / "informasi_publik" / "garam-permohonan"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            try:
                with open(path, "xb") as handle:
                    handle.write(secrets.token_bytes(32))
            except FileExistsError:
                pass
        _salt.append(path.read_bytes())
    address = request.client.host if request.client else ""
    return hashlib.sha256(_salt[0] + address.encode()).hexdigest()


async def _render(request: Request, template: str, context: dict, status: int = 200) -> tuple[str, int]:
    tpl = await public_page(request, template, {"situs_nama": _situs(request), **context})
    return request.app.template_engine.get_template(tpl.template_name).render(**tpl.context), status


def _dokumen(row: dict) -> dict:
    return {**row, "url": row["tautan"] or (f"{BASE}/dokumen/{row['id']}/berkas" if row["berkas"] else ""),
            "luar": bool(row["tautan"])}


async def _beranda(request: Request) -> tuple[str, int]:
    banyak = {k: await DokumenInformasi.count().where(DokumenInformasi.kategori == k).run() for k in PUBLIK}
    return await _render(request, "informasi_publik/publik/ppid_beranda.html", {
        "kategori": [{"slug": SLUG_DARI[k], "nama": KATEGORI[k], "banyak": banyak[k]} for k in PUBLIK]})


@get(BASE, opt=cached_route(), include_in_schema=False)
async def beranda(request: Request) -> Response:
    return await CACHE.answer(request, ("ppid",), lambda: _beranda(request))


@get(f"{BASE}/{{slug:str}}", opt=cached_route(sample=f"{BASE}/berkala"), include_in_schema=False)
async def per_kategori(request: Request, slug: FromPath[str]) -> Response:
    kategori = SLUG.get(slug)  # dikecualikan has no slug: never a public page

    async def build() -> tuple[str, int]:
        if kategori is None:
            return await _render(request, "informasi_publik/publik/ppid_kosong.html", {}, 404)
        rows = await DokumenInformasi.select().where(DokumenInformasi.kategori == kategori).order_by(
            DokumenInformasi.tahun, ascending=False).order_by(DokumenInformasi.judul).run()
        return await _render(request, "informasi_publik/publik/ppid_kategori.html", {
            "kategori": KATEGORI[kategori], "slug": slug, "dokumen": [_dokumen(r) for r in rows],
            "lain": [{"slug": SLUG_DARI[k], "nama": KATEGORI[k]} for k in PUBLIK if k != kategori]})

    return await CACHE.answer(request, ("ppid", slug if kategori else "-"), build)


@get(f"{BASE}/dokumen/{{dokumen_id:int}}/berkas", opt=cached_route(not_a_page="berkas PDF informasi publik"),
     include_in_schema=False)
async def berkas(request: Request, dokumen_id: Id) -> File:
    row = await DokumenInformasi.select().where(DokumenInformasi.id == dokumen_id).first().run()
    if row is None or row["kategori"] not in PUBLIK or not row["berkas"]:
        raise NotFoundException("Dokumen tidak ditemukan.")
    path = stored_pdf(request, FOLDER, row["berkas"])
    if path is None:
        raise NotFoundException("Berkas dokumen tidak ditemukan.")
    return File(path, filename=f"informasi-publik-{dokumen_id}.pdf", media_type="application/pdf",
                content_disposition_type="inline")


# --- the request form ---------------------------------------------------------------------------------------------

async def _form(request: Request, status: int = 200, **context) -> Template:
    return await public_page(request, "informasi_publik/publik/ppid_permohonan.html", {
        "situs_nama": _situs(request), "isian": {}, "galat": {}, "cara": ppid.CARA, "kirim": ppid.KIRIM,
        "maks": ppid.MAKS, **context}, status_code=status)


@get(f"{BASE}/permohonan", opt={**public(), **NO_SESSION}, include_in_schema=False)
async def permohonan_form(request: Request) -> Template:
    return await _form(request)


@post(f"{BASE}/permohonan", opt={**public(), **NO_SESSION}, include_in_schema=False, status_code=200)
async def permohonan_kirim(request: Request) -> Template:
    isian = ppid.baca_isian(await request.form())
    if galat := ppid.cek_permohonan(isian):
        return await _form(request, 400, isian=isian, galat=galat)
    sidik = sender_hash(request)
    key = f"ppid-permohonan:{sidik}"
    if not await ppid.mengirim_sejak(sidik, timedelta(days=1)):
        await throttle_clear(key)  # a day without a request: a shared address (the office's kiosk) starts afresh
    if wait := await throttle_reserve([key]):  # every request counts: 3 at once, then a growing wait
        return await _form(request, 429, isian=isian, galat={"umum": wait_message(wait)})
    nomor, kode = await ppid.ajukan(request, isian, sidik)
    return await public_page(request, "informasi_publik/publik/ppid_terkirim.html", {
        "situs_nama": _situs(request), "nomor": nomor, "kode": kode,
        "alamat_status": f"{BASE}/permohonan/{nomor.replace('/', '-')}"})


# --- the status page ----------------------------------------------------------------------------------------------

def _nomor(teks: str) -> str:
    """The number as typed in an address ("012-PPID-XII-2026") back to its form ("012/PPID/XII/2026")."""
    return teks.strip().upper().replace("-", "/")[:40]


async def _status_page(request: Request, nomor: str, status: int = 200, **context) -> Template:
    return await public_page(request, "informasi_publik/publik/ppid_status.html", {
        "situs_nama": _situs(request), "nomor": nomor, "galat": "", **context}, status_code=status)


@get(f"{BASE}/permohonan/{{nomor:str}}", opt={**public(sample=f"{BASE}/permohonan/001-PPID-I-2026"), **NO_SESSION},
     include_in_schema=False)
async def status_form(request: Request, nomor: FromPath[str]) -> Template:
    return await _status_page(request, _nomor(nomor))


@post(f"{BASE}/permohonan/{{nomor:str}}", opt={**public(), **NO_SESSION}, include_in_schema=False, status_code=200)
async def status_lihat(request: Request, nomor: FromPath[str]) -> Template:
    nomor = _nomor(nomor)
    kode = str((await request.form()).get("kode") or "")[:40]
    key = f"ppid-kode:{sender_hash(request)}"
    if wait := await throttle_reserve([key]):  # guessing codes is slowed like a password
        return await _status_page(request, nomor, 429, galat=wait_message(wait))
    row = await ppid.cari_dengan_kode(nomor, kode)
    if row is None:
        return await _status_page(request, nomor, 404, galat="Nomor permohonan atau kode tidak cocok.")
    await throttle_clear(key)
    hari_ini = today(request)
    sisa = hari_kerja.sisa(hari_ini, row["tenggat"], await ppid.libur())
    return await _status_page(request, nomor, permohonan={
        "nomor": row["nomor"], "diterima": row["diterima"], "status": STATUS.get(row["status"], row["status"]),
        "tenggat": row["tenggat"], "diperpanjang": row["diperpanjang"], "dijawab": row["dijawab"],
        "sisa": sisa if row["status"] == "diproses" else None})


ROUTES = [beranda, per_kategori, berkas, permohonan_form, permohonan_kirim, status_form, status_lihat]
