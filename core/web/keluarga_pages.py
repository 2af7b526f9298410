"""Pages for family changes (pindah/pecah KK, a new No. KK) and the list of possible duplicates."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from core.audit.log import log_view
from core.penduduk import kode, lingkup
from core.penduduk.formulir import FormErrors
from core.penduduk.keluarga import (change_head, change_number, join_household, move_to_family,
                                    possible_duplicates, set_welfare_class)
from core.penduduk.tables import Penduduk, RumahTangga
from core.penduduk.nik import clean_number
from core.penduduk.tables import Keluarga
from core.web.pages import flash, page
from core.web.params import CODE_MAX, Id, parse_id
from core.web.penduduk_pages import EDIT, VIEW, _resident, announce
from core.web.session_pages import Form


async def _form(request: Request, penduduk_id: int, data: dict, galat: dict, status: int = 200) -> Template:
    return await page(request, "core/pindah_kk.html", {"p": await _resident(penduduk_id), "data": data,
                                                       "galat": galat, "hubungan": kode.labels("hubungan")}, status)


@get("/admin/penduduk/{penduduk_id:int}/keluarga", opt=EDIT, include_in_schema=False)
async def family_move_form(request: Request, penduduk_id: Id) -> Template:
    return await _form(request, penduduk_id, {"tujuan": "ada"}, {})


@post("/admin/penduduk/{penduduk_id:int}/keluarga", opt=EDIT, include_in_schema=False)
async def family_move(request: Request, penduduk_id: Id, data: Form) -> Template | Redirect:
    try:
        hubungan = int(data.get("hubungan") or 0)
        if data.get("tujuan") == "baru":
            keluarga_id = await move_to_family(penduduk_id, hubungan, no_kk=data.get("no_kk_baru", ""),
                                               kk_sementara=data.get("kk_sementara") == "1",
                                               actor=request.state.user, connection=request)
        else:
            target = await Keluarga.select(Keluarga.id).where(
                Keluarga.no_kk == clean_number(data.get("no_kk", ""))).first().run()
            if target is None or not await lingkup.family_visible(target["id"]):
                raise FormErrors({"no_kk": "Tidak ada keluarga dengan nomor KK itu."})
            keluarga_id = await move_to_family(penduduk_id, hubungan, keluarga_id=target["id"],
                                               actor=request.state.user, connection=request)
    except FormErrors as exc:
        return await _form(request, penduduk_id, data, exc.errors, 400)
    flash(request, "Perubahan KK dicatat.")
    await announce(request, penduduk_id)
    return Redirect(f"/admin/keluarga/{keluarga_id}")


async def _on_family_page(request: Request, keluarga_id: int, change, done: str) -> Redirect:
    """Run one family change; report its first error or `done`, back on the family page."""
    try:
        await change
    except FormErrors as exc:
        flash(request, next(iter(exc.errors.values())), "galat")
    else:
        flash(request, done)
    return Redirect(f"/admin/keluarga/{keluarga_id}")


def _number(raw: str | None) -> int | None:
    """A code from the form (SMALLINT in the database), or None."""
    return int(raw) if (raw or "").isdigit() and len(raw) <= 5 and int(raw) <= CODE_MAX else None


@post("/admin/keluarga/{keluarga_id:int}/nomor", opt=EDIT, include_in_schema=False)
async def family_renumber(request: Request, keluarga_id: Id, data: Form) -> Redirect:
    change = change_number(keluarga_id, data.get("no_kk", ""), data.get("alasan", ""), actor=request.state.user,
                           connection=request)
    return await _on_family_page(request, keluarga_id, change, "Nomor KK diganti; nomor lama tetap di riwayat.")


@post("/admin/keluarga/{keluarga_id:int}/rumah-tangga", opt=EDIT, include_in_schema=False)
async def family_household(request: Request, keluarga_id: Id, data: Form) -> Redirect:
    try:
        household = await join_household(keluarga_id, data.get("nomor_rt", ""), actor=request.state.user,
                                         connection=request)
    except FormErrors as exc:
        flash(request, next(iter(exc.errors.values())), "galat")
        return Redirect(f"/admin/keluarga/{keluarga_id}")
    flash(request, "Keluarga dimasukkan ke rumah tangga.")
    return Redirect(f"/admin/rumah-tangga/{household}")


@post("/admin/keluarga/{keluarga_id:int}/kepala", opt=EDIT, include_in_schema=False)
async def family_head(request: Request, keluarga_id: Id, data: Form) -> Redirect:
    change = change_head(keluarga_id, parse_id(data.get("kepala_baru")) or 0, _number(data.get("hubungan_lama")),
                         actor=request.state.user, connection=request)
    return await _on_family_page(request, keluarga_id, change, "Kepala keluarga diganti.")


@post("/admin/keluarga/{keluarga_id:int}/kelas", opt=EDIT, include_in_schema=False)
async def family_welfare(request: Request, keluarga_id: Id, data: Form) -> Redirect:
    change = set_welfare_class(keluarga_id, _number(data.get("kelas_sosial")), actor=request.state.user,
                               connection=request)
    return await _on_family_page(request, keluarga_id, change, "Kelas kesejahteraan keluarga disimpan.")


@get("/admin/rumah-tangga/{household_id:int}", opt=VIEW, include_in_schema=False)
async def household_page(request: Request, household_id: Id) -> Template:
    household = await RumahTangga.select().where(RumahTangga.id == household_id).first().run()
    if household is None:
        raise NotFoundException()
    log_view(request, "rumah_tangga", household_id)
    families = await Keluarga.select(Keluarga.id, Keluarga.no_kk).where(Keluarga.rumah_tangga == household_id).run()
    members = await Penduduk.select(Penduduk.id, Penduduk.nama, Penduduk.hubungan, Penduduk.keluarga,
                                    Penduduk.status_dasar).where(Penduduk.rumah_tangga == household_id).run()
    return await page(request, "core/rumah_tangga.html", {"rt": household, "keluarga": families, "anggota": members,
                                                         "hubungan": kode.labels("hubungan")})


@get("/admin/penduduk/ganda", opt=VIEW, include_in_schema=False)
async def duplicates(request: Request) -> Template:
    log_view(request, "daftar_ganda", "")
    return await page(request, "core/penduduk_ganda.html", {"kelompok": await possible_duplicates(),
                                                           "status": kode.labels("status_dasar")})


ROUTES = [family_move_form, family_move, family_renumber, family_head, family_household, family_welfare, household_page,
          duplicates]
