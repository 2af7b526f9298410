"""The office's pages: the queue of residents' requests, one request with its documents, and the decisions."""

from __future__ import annotations

import json

from litestar import Request, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import File, Redirect, Template

from plugin_sdk import Id, current_user, flash, has_permission, log_view, page, requires
from plugin_sdk import dokumen

from plugins.layanan_mandiri import loket
from plugins.layanan_mandiri import permohonan as pm
from plugins.layanan_mandiri import status as st
from plugins.surat import jenis as jenis_mod
from plugins.surat.halaman import Form
from plugins.surat.tables import JenisSurat

PERIKSA = requires("layanan_mandiri.periksa")


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 10_000 else 1


@get("/admin/mandiri", opt=PERIKSA, include_in_schema=False)
async def queue(request: Request) -> Template:
    await pm.sync_with_letters()
    params = request.query_params
    f = {"status": params.get("status", "terbuka"), "jenis": params.get("jenis", ""), "q": params.get("q", "")}
    halaman = _page_number(params.get("hal"))
    rows, total = await loket.queue(f["status"], f["jenis"], f["q"], halaman)
    return await page(request, "layanan_mandiri/antrean.html", {
        "rows": rows, "total": total, "f": f, "hal": halaman, "per_halaman": loket.PER_PAGE, "label": st.LABEL,
        "jenis": await JenisSurat.select(JenisSurat.kode, JenisSurat.nama).where(
            JenisSurat.mandiri == True).order_by(JenisSurat.nama).run()})  # noqa: E712


async def _request(permohonan_id: int) -> dict:
    row = await loket.one(permohonan_id)
    if row is None or row["status"] == st.BELUM_LENGKAP:
        raise NotFoundException("Permohonan tidak ditemukan.")
    return row


async def _detail(request: Request, row: dict, galat: dict | None = None, status_code: int = 200) -> Template:
    jenis = await JenisSurat.select().where(JenisSurat.id == row["jenis"]).first().run()
    values = json.loads(row["isian"])
    user = await current_user(request)
    return await page(request, "layanan_mandiri/periksa.html", {
        "r": row, "label": st.LABEL, "galat": galat or {},
        "isian": [(d["label"], values.get(d["kunci"], "")) for d in jenis_mod.fields(jenis)],
        "syarat": pm.requirements(jenis), "lampiran": await pm.attachments(row["id"]),
        "riwayat": await pm.history(row["id"]), "surat": await pm.letter_of(row),
        "penandatangan": await dokumen.signatories(), "persetujuan": jenis["persetujuan"],
        "boleh_terbit": has_permission(user, "surat.buat")}, status_code)


@get("/admin/mandiri/{permohonan_id:int}", opt=PERIKSA, include_in_schema=False)
async def detail(request: Request, permohonan_id: Id) -> Template:
    await pm.sync_with_letters()
    row = await _request(permohonan_id)
    log_view(request, "penduduk", row["penduduk"], {"permohonan": permohonan_id})
    return await _detail(request, row)


@get("/admin/mandiri/{permohonan_id:int}/lampiran/{lampiran_id:int}", opt=PERIKSA, include_in_schema=False)
async def attachment(request: Request, permohonan_id: Id, lampiran_id: Id) -> File:
    row = await _request(permohonan_id)
    if found := await pm.attachment_file(request, permohonan_id, lampiran_id):
        log_view(request, "penduduk", row["penduduk"], {"permohonan": permohonan_id, "lampiran": lampiran_id})
        return found
    raise NotFoundException("Berkas tidak ditemukan.")


@post("/admin/mandiri/{permohonan_id:int}/tolak", opt=PERIKSA, include_in_schema=False)
async def refuse(request: Request, permohonan_id: Id, data: Form) -> Template | Redirect:
    row = await _request(permohonan_id)
    try:
        await loket.refuse(request, permohonan_id, data.get("alasan", ""))
    except pm.RequestError as exc:
        return await _detail(request, row, exc.errors, 400)
    flash(request, f"Permohonan {row['nama']} ditolak; alasannya tampil di halaman warga.")
    return Redirect(f"/admin/mandiri/{permohonan_id}")


@post("/admin/mandiri/{permohonan_id:int}/setujui", opt=PERIKSA, include_in_schema=False)
async def approve(request: Request, permohonan_id: Id, data: Form) -> Template | Redirect:
    if not has_permission(await current_user(request), "surat.buat"):  # approving issues a letter
        raise PermissionDeniedException("Menyetujui permohonan berarti membuat surat: perlu izin membuat surat.")
    row = await _request(permohonan_id)
    try:
        result = await loket.approve(request, permohonan_id, data.get("penandatangan", ""))
    except pm.RequestError as exc:
        return await _detail(request, row, exc.errors, 400)
    except (dokumen.TemplateProblem, dokumen.DocumentError) as exc:  # nothing was saved: say why
        return await _detail(request, row, {"umum": f"Surat belum dapat dibuat: {exc}"}, 400)
    if result["status"] == st.MENUNGGU_TTD:
        flash(request, "Disetujui petugas; surat menunggu tanda tangan.", "info", url=f"/admin/surat/{result['surat_id']}")
    else:
        flash(request, "Surat terbit dan siap diambil; warga dapat mengunduhnya.", url=f"/admin/surat/{result['surat_id']}")
    return Redirect(f"/admin/mandiri/{permohonan_id}")


@post("/admin/mandiri/{permohonan_id:int}/diambil", opt=PERIKSA, include_in_schema=False)
async def handed_over(request: Request, permohonan_id: Id) -> Template | Redirect:
    row = await _request(permohonan_id)
    try:
        await loket.hand_over(request, permohonan_id)
    except pm.RequestError as exc:
        return await _detail(request, row, exc.errors, 400)
    flash(request, "Dicatat: surat sudah diambil.")
    return Redirect(f"/admin/mandiri/{permohonan_id}")


ROUTES = [queue, detail, attachment, refuse, approve, handed_over]
