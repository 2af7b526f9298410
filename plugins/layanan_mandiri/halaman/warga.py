"""The resident's pages: letter types open to self-service, a request form with uploads, status and download."""

from __future__ import annotations

import json
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.datastructures import UploadFile
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath
from litestar.response import File, Redirect, Template

from plugin_sdk import Id, log_view, not_a_page, page_sample
from plugins.akun_warga import api as warga

from plugins.layanan_mandiri import permohonan as pm
from plugins.layanan_mandiri import status as st
from plugins.surat import api as surat

RESIDENT = warga.resident_only()
Multipart = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]
# Every requirement may carry a file at the size limit; the form itself is small.
BODY_LIMIT = 8 * warga.UPLOAD_LIMIT


async def _own(request: Request, permohonan_id: int) -> tuple[dict, dict]:
    resident = await warga.current_resident(request)
    row = await pm.for_resident(permohonan_id, resident["penduduk_id"])
    if row is None:
        raise NotFoundException("Permohonan tidak ditemukan.")
    return resident, row


async def _uploads(data: dict) -> list[pm.Upload]:
    uploads = []
    for key, value in data.items():
        if not key.startswith("syarat_") or not isinstance(value, UploadFile) or not value.filename:
            continue
        content = await value.read()
        if content:
            uploads.append(pm.Upload(int(key.removeprefix("syarat_")) if key[7:].isdigit() else -1,
                                     value.filename, content))
    return uploads


def _form_values(data: dict) -> dict:
    return {k: v for k, v in data.items() if isinstance(v, str)}


@get("/warga/surat", opt=RESIDENT, include_in_schema=False)
async def overview(request: Request) -> Template:
    await pm.sync_with_letters(request)
    resident = await warga.current_resident(request)
    mine = await pm.with_types(await pm.Permohonan.select(
        pm.Permohonan.id, pm.Permohonan.status, pm.Permohonan.diubah, pm.Permohonan.alasan, pm.Permohonan.jenis).where(
        pm.Permohonan.penduduk == resident["penduduk_id"]).order_by(pm.Permohonan.id, ascending=False).run())
    types = await pm.letter_types()
    for jenis in types:
        jenis["syarat"] = pm.requirements(jenis)
    return await warga.resident_page(request, "layanan_mandiri/warga_daftar.html",
                                     {"jenis": types, "permohonan": mine, "label": st.LABEL})


async def _form(request: Request, jenis: dict, row: dict | None, isian: dict, galat: dict,
                status_code: int = 200) -> Template:
    context = {"j": jenis, "fields": jenis["isian"], "syarat": pm.requirements(jenis), "r": row,
               "isian": isian, "galat": galat, "label": st.LABEL, "bisa_ubah": row is None or row["status"] in st.EDITABLE,
               "batas_mb": warga.UPLOAD_LIMIT // (1024 * 1024)}
    if row is not None:
        context.update(lampiran=await pm.attachments(row["id"]), riwayat=await pm.history(row["id"]),
                       surat=await pm.letter_of(row), bisa_batal=row["status"] in st.CANCELLABLE)
    return await warga.resident_page(request, "layanan_mandiri/warga_form.html", context, status_code)


@get("/warga/surat/ajukan/{kode:str}", opt={**RESIDENT, **page_sample("/warga/surat/ajukan/usaha")}, include_in_schema=False)
async def new_form(request: Request, kode: FromPath[str]) -> Template:
    jenis = await pm.letter_type(kode)
    if jenis is None:
        raise NotFoundException("Jenis surat ini tidak dapat diajukan sendiri.")
    return await _form(request, jenis, None, {}, {})


async def _save(request: Request, jenis: dict, row: dict | None, data: dict) -> Template | Redirect:
    resident = await warga.current_resident(request)
    form = _form_values(data)
    send = form.get("aksi") == "ajukan"
    try:
        outcome = await pm.save(request, resident, jenis, row["id"] if row else None, form, await _uploads(data), send)
    except pm.RequestError as exc:
        return await _form(request, jenis, row, form, exc.errors, 400)
    if outcome.status == st.DIPERIKSA:
        await warga.flash(request, "Permohonan terkirim. Petugas akan memeriksanya; pantau statusnya di sini.")
    elif send:
        await warga.flash(request, "Disimpan, tetapi belum bisa dikirim: " + " ".join(outcome.kurang), "galat")
    else:
        await warga.flash(request, "Permohonan disimpan sebagai belum lengkap. Anda bisa melanjutkannya nanti.")
    return Redirect(f"/warga/surat/{outcome.id}")


@post("/warga/surat/ajukan/{kode:str}", opt=RESIDENT, include_in_schema=False, request_max_body_size=BODY_LIMIT)
async def create(request: Request, kode: FromPath[str], data: Multipart) -> Template | Redirect:
    jenis = await pm.letter_type(kode)
    if jenis is None:
        raise NotFoundException("Jenis surat ini tidak dapat diajukan sendiri.")
    return await _save(request, jenis, None, data)


@get("/warga/surat/{permohonan_id:int}", opt={**RESIDENT, **page_sample("/warga/surat/1")}, include_in_schema=False)
async def detail(request: Request, permohonan_id: Id) -> Template:
    await pm.sync_with_letters(request)
    _, row = await _own(request, permohonan_id)
    jenis = await pm.type_of(row)
    return await _form(request, jenis, row, json.loads(row["isian"]) | {"keperluan": row["keperluan"]}, {})


@post("/warga/surat/{permohonan_id:int}", opt=RESIDENT, include_in_schema=False, request_max_body_size=BODY_LIMIT)
async def update(request: Request, permohonan_id: Id, data: Multipart) -> Template | Redirect:
    _, row = await _own(request, permohonan_id)
    jenis = await pm.type_of(row)
    return await _save(request, jenis, row, data)


@post("/warga/surat/{permohonan_id:int}/lampiran/{lampiran_id:int}/hapus", opt=RESIDENT, include_in_schema=False)
async def remove_file(request: Request, permohonan_id: Id, lampiran_id: Id) -> Redirect:
    resident, _ = await _own(request, permohonan_id)
    try:
        await pm.remove_attachment(request, resident, permohonan_id, lampiran_id)
        await warga.flash(request, "Berkas dihapus.")
    except pm.RequestError as exc:
        await warga.flash(request, str(exc), "galat")
    return Redirect(f"/warga/surat/{permohonan_id}")


@post("/warga/surat/{permohonan_id:int}/batal", opt=RESIDENT, include_in_schema=False)
async def cancel(request: Request, permohonan_id: Id) -> Redirect:
    resident, _ = await _own(request, permohonan_id)
    try:
        await pm.cancel(request, resident, permohonan_id)
        await warga.flash(request, "Permohonan dibatalkan.")
    except pm.RequestError as exc:
        await warga.flash(request, str(exc), "galat")
    return Redirect(f"/warga/surat/{permohonan_id}")


@get("/warga/surat/{permohonan_id:int}/lampiran/{lampiran_id:int}",
     opt={**RESIDENT, **not_a_page("berkas lampiran (gambar atau PDF)")}, include_in_schema=False)
async def own_file(request: Request, permohonan_id: Id, lampiran_id: Id) -> File:
    await _own(request, permohonan_id)
    if found := await pm.attachment_file(request, permohonan_id, lampiran_id):
        return found
    raise NotFoundException("Berkas tidak ditemukan.")


@get("/warga/surat/{permohonan_id:int}/pdf", opt={**RESIDENT, **not_a_page("berkas PDF surat")}, include_in_schema=False)
async def letter_pdf(request: Request, permohonan_id: Id) -> File:
    await pm.sync_with_letters(request)
    resident, row = await _own(request, permohonan_id)
    letter = await pm.letter_of(row)
    path = await surat.pdf_path(request, letter["id"]) if letter and row["status"] in st.WITH_LETTER else None
    if path is None:
        raise NotFoundException("Surat belum siap.")
    log_view(request, "surat", letter["id"], {"unduh": letter["nomor"]}, user=warga.actor(resident))
    safe = "".join(ch if ch.isalnum() else "-" for ch in f"{letter['jenis_kode']}-{letter['nomor']}")
    return File(path=path, filename=f"{safe}.pdf", media_type="application/pdf")


ROUTES = [overview, new_form, create, detail, update, remove_file, cancel, own_file, letter_pdf]
