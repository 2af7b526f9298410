"""The archive: every letter with who issued it and for whom; search, download, approve, refuse, cancel."""

from __future__ import annotations

import json
from datetime import date

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import File, Redirect, Template

from plugin_sdk import Id, Page, current_user, dokumen, flash, has_permission, log_view, page, register, requires

from plugins.surat.halaman import Form
from plugins.surat.tables import JenisSurat, Surat
from plugins.surat.terbit import FormErrors, end, issue, pdf_path, verification_url

LIHAT = requires("surat.lihat")
PER_PAGE = 50
STATUS = {"menunggu": "Menunggu persetujuan", "terbit": "Terbit", "ditolak": "Ditolak", "batal": "Dibatalkan"}


async def _scope(request: Request):
    """For a user limited to part of the nagari: letters of residents there, and the letters they made themselves."""
    scope = register.current_scope()
    if scope is None:
        return None
    return (Surat.penduduk.wilayah.is_in(scope["wilayah_ids"] or [0])
            | (Surat.dibuat_oleh == (await current_user(request))["username"]))


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@get("/admin/surat", opt=LIHAT, include_in_schema=False)
async def archive(request: Request, hal: Page = 1) -> Template:
    params = request.query_params
    q = (params.get("q") or "").strip()
    scope = await _scope(request)
    conditions = [scope] if scope is not None else []
    if q:
        conditions.append(Surat.nomor.like(f"%{q}%") | Surat.nama_cari.like(f"%{q.lower()}%") | (Surat.nik == q))
    if params.get("jenis"):
        conditions.append(Surat.jenis_kode == params["jenis"])
    if params.get("status") in STATUS:
        conditions.append(Surat.status == params["status"])
    if _day(params.get("dari")):
        conditions.append(Surat.tanggal >= _day(params["dari"]))
    if _day(params.get("sampai")):
        conditions.append(Surat.tanggal <= _day(params["sampai"]))
    hal = max(hal, 1)
    query = Surat.select(Surat.id, Surat.nomor, Surat.judul, Surat.nama, Surat.status, Surat.tanggal, Surat.dibuat,
                         Surat.dibuat_oleh)
    count = Surat.count()
    for condition in conditions:
        query, count = query.where(condition), count.where(condition)
    rows = await query.order_by(Surat.id, ascending=False).limit(PER_PAGE).offset((hal - 1) * PER_PAGE).run()
    total = await count.run()
    log_view(request, "surat", "daftar", {k: v for k, v in params.items() if v})
    return await page(request, "surat/arsip.html", {
        "rows": rows, "total": total, "hal": hal, "halaman": max(1, -(-total // PER_PAGE)), "status": STATUS,
        "jenis": await JenisSurat.select(JenisSurat.kode, JenisSurat.nama).order_by(JenisSurat.nama).run(),
        "f": {k: params.get(k, "") for k in ("q", "jenis", "status", "dari", "sampai")},
        "params": {k: v for k, v in params.items() if v and k != "hal"},
        "boleh_buat": has_permission(await current_user(request), "surat.buat")})


async def _letter(request: Request, surat_id: int) -> dict:
    """One letter, or 404, also for a letter outside the user's part of the nagari."""
    query = Surat.select().where(Surat.id == surat_id)
    scope = await _scope(request)
    row = await (query.where(scope) if scope is not None else query).first().run()
    if row is None:
        raise NotFoundException("Surat tidak ditemukan.")
    return row


@get("/admin/surat/{surat_id:int}", opt=requires("surat.lihat", sample="/admin/surat/1"), include_in_schema=False)
async def letter_page(request: Request, surat_id: Id) -> Template:
    row = await _letter(request, surat_id)
    log_view(request, "surat", surat_id, {"penduduk": row["penduduk"]})
    user = await current_user(request)
    snapshot = json.loads(row["data"])
    qr = None
    if row["nomor"] and row["tanda_data"]:
        qr = verification_url(request, row, snapshot.get("kode_nagari", ""))
    return await page(request, "surat/detail.html", {"alamat_qr": qr,
        "s": row, "status": STATUS, "isian": snapshot.get("isian", {}), "ada_pdf": pdf_path(request, row) is not None,
        "boleh_setujui": has_permission(user, "surat.setujui"), "boleh_batal": has_permission(user, "surat.batal"),
        "boleh_teknis": has_permission(user, "surat.atur")})  # hash and key id: for whoever runs the letters


@get("/admin/surat/{surat_id:int}/pdf", opt=requires("surat.lihat", not_a_page="berkas PDF surat"), include_in_schema=False)
async def letter_pdf(request: Request, surat_id: Id) -> File:
    row = await _letter(request, surat_id)
    path = pdf_path(request, row)
    if path is None:
        raise NotFoundException("Berkas PDF surat ini tidak ada.")
    log_view(request, "surat", surat_id, {"unduh": row["nomor"]})
    safe = "".join(ch if ch.isalnum() else "-" for ch in f"{row['jenis_kode']}-{row['nomor']}")
    return File(path=path, filename=f"{safe}.pdf", media_type="application/pdf", content_disposition_type="inline")


@post("/admin/surat/{surat_id:int}/setujui", opt=requires("surat.setujui"), include_in_schema=False)
async def approve(request: Request, surat_id: Id) -> Redirect:
    row = await _letter(request, surat_id)
    jenis = await JenisSurat.select().where(JenisSurat.id == row["jenis"]).first().run()
    try:
        issued = await issue(request, surat_id, jenis)
    except FormErrors as exc:
        flash(request, str(exc), "galat")
    except (dokumen.TemplateProblem, dokumen.DocumentError) as exc:  # nothing was saved: say why
        flash(request, f"Surat belum dapat diterbitkan: {exc}", "galat")
    else:
        flash(request, f"Disetujui: {row['judul']} terbit dengan nomor {issued['nomor']}.")
    return Redirect(f"/admin/surat/{surat_id}")


async def _end(request: Request, surat_id: int, status: str, data: dict, done: str) -> Redirect:
    await _letter(request, surat_id)
    try:
        await end(request, surat_id, status, data.get("alasan", ""))
    except FormErrors as exc:
        flash(request, str(exc), "galat")
    else:
        flash(request, done)
    return Redirect(f"/admin/surat/{surat_id}")


@post("/admin/surat/{surat_id:int}/tolak", opt=requires("surat.setujui"), include_in_schema=False)
async def refuse(request: Request, surat_id: Id, data: Form) -> Redirect:
    return await _end(request, surat_id, "ditolak", data, "Permohonan surat ditolak.")


@post("/admin/surat/{surat_id:int}/batal", opt=requires("surat.batal"), include_in_schema=False)
async def cancel(request: Request, surat_id: Id, data: Form) -> Redirect:
    return await _end(request, surat_id, "batal", data, "Surat dibatalkan; nomornya tidak akan dipakai lagi.")


ROUTES = [archive, letter_page, letter_pdf, approve, refuse, cancel]
