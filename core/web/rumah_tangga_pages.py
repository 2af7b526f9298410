"""Household pages: the list, one household with its change forms, and a new household.

Handlers stay thin: the rules live in core.penduduk.rumah_tangga. The path parameter is `household_id`, so the
access guard answers 404 for a household outside the user's scope before any handler runs.
"""

from __future__ import annotations

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from core.audit.log import log_view
from core.penduduk import kode, lingkup, rumah_tangga
from core.penduduk.daftar_keluarga import Saringan, households, pages
from core.penduduk.formulir import FormErrors
from core.penduduk.nik import clean_number
from core.penduduk.tables import Keluarga, Penduduk, RumahTangga
from core.web.pages import flash, page
from core.web.keluarga_pages import run_change
from core.web.params import Id, parse_id
from core.web.penduduk_pages import EDIT, VIEW, sample, wilayah_choices
from core.web.session_pages import Form

DEMO_HOUSEHOLD = "/admin/rumah-tangga/1"  # the demo nagari's first household


@get("/admin/rumah-tangga", opt=sample("/admin/rumah-tangga", VIEW), include_in_schema=False)
async def household_list(request: Request) -> Template:
    f = Saringan.from_query(request.query_params)
    rows, total = await households(f)
    params = {k: v for k, v in request.query_params.items() if k != "hal"}
    log_view(request, "daftar_rumah_tangga", f.hal, {**params, "jumlah": len(rows)})  # heads' names are shown
    return await page(request, "core/rumah_tangga_daftar.html", {
        "rows": rows, "total": total, "f": f, "params": params, "halaman": pages(total),
        "wilayah": await wilayah_choices(), "status": kode.labels("status_dasar")})


async def _new_form(request: Request, data: dict, galat: dict, status: int = 200) -> Template:
    return await page(request, "core/rumah_tangga_baru.html", {"data": data, "galat": galat}, status)


@get("/admin/rumah-tangga/baru", opt=sample("/admin/rumah-tangga/baru", EDIT), include_in_schema=False)
async def household_new(request: Request) -> Template:
    return await _new_form(request, {"nomor": await rumah_tangga.next_number(), "bawa_keluarga": "1"}, {})


@post("/admin/rumah-tangga/baru", opt=EDIT, include_in_schema=False)
async def household_create(request: Request, data: Form) -> Template | Redirect:
    try:
        head = await rumah_tangga.resident_by_nik(data.get("nik_kepala", ""), "nik_kepala")
        household_id = await rumah_tangga.create(data.get("nomor", ""), head["id"], alamat=data.get("alamat", ""),
                                                 bawa_keluarga=data.get("bawa_keluarga") == "1",
                                                 actor=request.state.user, connection=request)
    except FormErrors as exc:
        errors = {("nik_kepala" if k == "kepala" else k): v for k, v in exc.errors.items()}
        return await _new_form(request, data, errors, 400)
    flash(request, "Rumah tangga dibuat.")
    return Redirect(f"/admin/rumah-tangga/{household_id}")


@get("/admin/rumah-tangga/{household_id:int}", opt=sample(DEMO_HOUSEHOLD, VIEW), include_in_schema=False)
async def household_page(request: Request, household_id: Id) -> Template:
    household = await RumahTangga.select(*RumahTangga.all_columns(), RumahTangga.wilayah.nama.as_alias(
        "wilayah_nama")).where(RumahTangga.id == household_id).first().run()
    if household is None:
        raise NotFoundException()
    log_view(request, "rumah_tangga", household_id)
    members = await Penduduk.select(
        Penduduk.id, Penduduk.nik, Penduduk.nama, Penduduk.hubungan, Penduduk.keluarga, Penduduk.status_dasar,
        Penduduk.keluarga.no_kk.as_alias("no_kk")).where(Penduduk.rumah_tangga == household_id).order_by(
        Penduduk.status_dasar).order_by(Penduduk.keluarga).order_by(Penduduk.hubungan).order_by(Penduduk.id).run()
    members.sort(key=lambda m: m["id"] != household["kepala"])  # the head first; the rest keep their order
    return await page(request, "core/rumah_tangga_detail.html", {
        "rt": household, "anggota": members, "kepala": next((m for m in members if m["id"] == household["kepala"]),
                                                            None),
        "kode": {n: kode.labels(n) for n in ("hubungan", "status_dasar")}})


async def _change(request: Request, household_id: int, change, done: str) -> Redirect:
    """Run one change; its first message (or `done`) shows on the household page."""
    return await run_change(request, change, done, f"/admin/rumah-tangga/{household_id}")


def _who(request: Request) -> dict:
    return {"actor": request.state.user, "connection": request}


@post("/admin/rumah-tangga/{household_id:int}/kepala", opt=EDIT, include_in_schema=False)
async def household_head(request: Request, household_id: Id, data: Form) -> Redirect:
    change = rumah_tangga.set_head(household_id, parse_id(data.get("kepala")), **_who(request))
    return await _change(request, household_id, change, "Kepala rumah tangga diganti.")


@post("/admin/rumah-tangga/{household_id:int}/alamat", opt=EDIT, include_in_schema=False)
async def household_address(request: Request, household_id: Id, data: Form) -> Redirect:
    change = rumah_tangga.change_address(household_id, data.get("alamat", ""), **_who(request))
    return await _change(request, household_id, change, "Alamat rumah tangga disimpan.")


async def _add_by_nik(household_id: int, nik: str, request: Request) -> None:
    person = await rumah_tangga.resident_by_nik(nik)
    await rumah_tangga.add_member(household_id, person["id"], **_who(request))


@post("/admin/rumah-tangga/{household_id:int}/anggota", opt=EDIT, include_in_schema=False)
async def household_add(request: Request, household_id: Id, data: Form) -> Redirect:
    change = _add_by_nik(household_id, data.get("nik", ""), request)
    return await _change(request, household_id, change, "Anggota dimasukkan ke rumah tangga.")


async def _add_family(household_id: int, no_kk: str, request: Request) -> None:
    family = await Keluarga.select(Keluarga.id).where(Keluarga.no_kk == clean_number(no_kk)).first().run()
    if family is None or not await lingkup.family_visible(family["id"]):
        raise FormErrors({"no_kk": "Tidak ada keluarga dengan nomor KK itu."})
    await rumah_tangga.add_family(household_id, family["id"], **_who(request))


@post("/admin/rumah-tangga/{household_id:int}/keluarga", opt=EDIT, include_in_schema=False)
async def household_add_family(request: Request, household_id: Id, data: Form) -> Redirect:
    change = _add_family(household_id, data.get("no_kk", ""), request)
    return await _change(request, household_id, change, "Seluruh anggota keluarga dimasukkan ke rumah tangga.")


@post("/admin/rumah-tangga/{household_id:int}/keluar", opt=EDIT, include_in_schema=False)
async def household_remove(request: Request, household_id: Id, data: Form) -> Redirect:
    change = rumah_tangga.remove_member(household_id, parse_id(data.get("penduduk")) or 0, **_who(request))
    return await _change(request, household_id, change, "Anggota dikeluarkan dari rumah tangga.")


ROUTES = [household_list, household_new, household_create, household_page, household_head, household_address,
          household_add, household_add_family, household_remove]
