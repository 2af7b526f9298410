"""Issuing a letter at the counter: pick the type and the person, fill in, issue (or send for approval)."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template

from plugin_sdk import dokumen, flash, log_view, nagari_profile, page, parse_id, register, requires

from plugins.surat import jenis as jenis_mod
from plugins.surat.halaman import Form
from plugins.surat.tables import JenisSurat
from plugins.surat.terbit import FormErrors, StorageFull, any_status, create, prepare, server_timing

BUAT = requires("surat.buat")


async def active_types() -> list[dict]:
    return await JenisSurat.select().where(JenisSurat.aktif == True).order_by(JenisSurat.nama).run()  # noqa: E712


async def type_by_code(kode: str) -> dict:
    row = await JenisSurat.select().where((JenisSurat.kode == kode) & (JenisSurat.aktif == True)).first().run()  # noqa: E712
    if row is None:
        raise NotFoundException("Jenis surat tidak ditemukan atau tidak aktif.")
    return row


def _number(value) -> int | None:
    return parse_id(value)


def _resident_id(request: Request) -> int | None:
    return _number(request.query_params.get("penduduk"))


@get("/admin/surat/buat", opt=BUAT, include_in_schema=False)
async def choose_type(request: Request) -> Template:
    pid = _resident_id(request)
    person = await register.resident(pid) if pid else None
    if person:
        log_view(request, "penduduk", person["id"], {"untuk": "surat"})
    return await page(request, "surat/pilih_jenis.html", {"jenis": await active_types(), "orang": person})


async def _form(request: Request, jenis: dict, isian: dict, galat: dict, status: int = 200) -> Template:
    dokumen.renderer().warm()  # the operator fills in the form while the PDF workers start
    pid = _number(isian.get("penduduk_id")) or _resident_id(request)
    profile = nagari_profile(request)
    person = await register.resident(pid, profile) if pid else None
    if person:
        log_view(request, "penduduk", person["id"], {"untuk": "surat"})
    q = request.query_params.get("q", "")
    return await page(request, "surat/buat.html", {
        "j": jenis, "fields": jenis_mod.fields(jenis), "peran": jenis_mod.roles(jenis), "syarat": jenis_mod.requirements(jenis), "orang": person,
        # A death certificate is for someone no longer living: search them too.
        "hasil_cari": await register.find(q, living_only=not any_status(jenis)) if q and not person else [],
        "q": q,
        "penandatangan": await dokumen.signatories(), "isian": isian, "galat": galat,
        "luar": jenis["subjek"] == "penduduk_atau_luar" and (request.query_params.get("luar") or "luar_nama" in isian),
    }, status)


@get("/admin/surat/buat/{kode:str}", opt=requires("surat.buat", sample="/admin/surat/buat/domisili"), include_in_schema=False)
async def letter_form(request: Request, kode: FromPath[str]) -> Template:
    return await _form(request, await type_by_code(kode), {}, {})


@post("/admin/surat/buat/{kode:str}", opt=BUAT, include_in_schema=False)
async def letter_issue(request: Request, kode: FromPath[str], data: Form) -> Template | Redirect:
    jenis = await type_by_code(kode)
    try:
        snapshot = await prepare(request, jenis, data)
        surat_id = await create(request, jenis, snapshot)
    except StorageFull as exc:  # nothing was saved; the operator's entries stay in the form for the retry
        return await _form(request, jenis, data, exc.errors, 507)
    except FormErrors as exc:
        return await _form(request, jenis, data, exc.errors, 400)
    except (dokumen.TemplateProblem, dokumen.DocumentError) as exc:
        return await _form(request, jenis, data, {"umum": f"Surat belum dibuat: {exc}"}, 400)
    if jenis["persetujuan"]:
        flash(request, f"{jenis['nama']} untuk {snapshot['penduduk']['nama']} menunggu persetujuan "
                       f"{nagari_profile(request).get('sebutan_kepala', 'kepala')}.", "info")
    else:
        flash(request, f"{jenis['nama']} untuk {snapshot['penduduk']['nama']} telah terbit.")
    timing = server_timing(request)
    return Redirect(f"/admin/surat/{surat_id}", headers={"Server-Timing": timing} if timing else None)


ROUTES = [choose_type, letter_form, letter_issue]
