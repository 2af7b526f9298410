"""The office's pages: the queue of residents' requests, one request with its documents, and the decisions."""

from __future__ import annotations

import json
from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.params import Body
from litestar.response import File, Redirect, Template

from plugin_sdk import Id, current_user, flash, has_permission, log_view, page, requires
from plugin_sdk import dokumen

from plugins.layanan_mandiri import loket
from plugins.layanan_mandiri import permohonan as pm
from plugins.layanan_mandiri import status as st
from plugins.surat import api as surat

PERIKSA = requires("layanan_mandiri.periksa")
ATUR = requires("layanan_mandiri.atur")
Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]


def _page_number(value: str | None) -> int:
    return int(value) if value and value.isdigit() and 0 < int(value) < 10_000 else 1


@get("/admin/mandiri", opt=PERIKSA, include_in_schema=False)
async def queue(request: Request) -> Template:
    await pm.sync_with_letters(request)
    params = request.query_params
    f = {"status": params.get("status", "terbuka"), "jenis": params.get("jenis", ""), "q": params.get("q", "")}
    halaman = _page_number(params.get("hal"))
    rows, total = await loket.queue(f["status"], f["jenis"], f["q"], halaman)
    return await page(request, "layanan_mandiri/antrean.html", {
        "rows": rows, "total": total, "f": f, "hal": halaman, "per_halaman": loket.PER_PAGE, "label": st.LABEL,
        "jenis": await pm.letter_types(active_only=False)})


async def _request(permohonan_id: int) -> dict:
    row = await loket.one(permohonan_id)
    if row is None or row["status"] == st.BELUM_LENGKAP:
        raise NotFoundException("Permohonan tidak ditemukan.")
    return row


async def _detail(request: Request, row: dict, galat: dict | None = None, status_code: int = 200) -> Template:
    jenis = await pm.type_of(row)
    values = json.loads(row["isian"])
    user = await current_user(request)
    return await page(request, "layanan_mandiri/periksa.html", {
        "r": row, "label": st.LABEL, "galat": galat or {},
        "isian": [(d["label"], values.get(d["kunci"], "")) for d in jenis["isian"]],
        "syarat": pm.requirements(jenis), "lampiran": await pm.attachments(row["id"]),
        "riwayat": await pm.history(row["id"]), "surat": await pm.letter_of(row),
        "penandatangan": await dokumen.signatories(), "persetujuan": jenis["persetujuan"],
        "boleh_terbit": has_permission(user, "surat.buat")}, status_code)


@get("/admin/mandiri/{permohonan_id:int}", opt=requires("layanan_mandiri.periksa", sample="/admin/mandiri/2"), include_in_schema=False)
async def detail(request: Request, permohonan_id: Id) -> Template:
    await pm.sync_with_letters(request)
    row = await _request(permohonan_id)
    log_view(request, "penduduk", row["penduduk"], {"permohonan": permohonan_id})
    return await _detail(request, row)


@get("/admin/mandiri/{permohonan_id:int}/lampiran/{lampiran_id:int}",
     opt=requires("layanan_mandiri.periksa", not_a_page="berkas lampiran (gambar atau PDF)"), include_in_schema=False)
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


@get("/admin/mandiri/jenis", opt=ATUR, include_in_schema=False)
async def open_types(request: Request) -> Template:
    """Which letter types residents may request themselves: one checkbox per active type."""
    return await page(request, "layanan_mandiri/jenis.html", {
        "jenis": await surat.letter_types(), "terbuka": await pm.open_codes()})


@post("/admin/mandiri/jenis", opt=ATUR, include_in_schema=False)
async def save_open_types(request: Request) -> Redirect:
    form = await request.form()
    await pm.set_open(request, set(form.getall("kode", [])))
    flash(request, "Jenis surat layanan mandiri disimpan.")
    return Redirect("/admin/mandiri/jenis")


ROUTES = [queue, detail, attachment, refuse, approve, handed_over, open_types, save_open_types]
