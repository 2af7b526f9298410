"""Pages for family changes (pindah/pecah KK, a new No. KK) and the list of possible duplicates."""

from __future__ import annotations

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from core.audit.log import log_view
from core.dokumen.kk import family_sheet, render_family_card
from core.penduduk import kode, lingkup
from core.penduduk.baca import address, chain
from core.penduduk.cari import age
from core.penduduk.formulir import FormErrors
from core.penduduk.keluarga import change_head, change_number, move_to_family, possible_duplicates, set_welfare_class
from core.penduduk.nik import clean_number
from core.penduduk.rumah_tangga import join_by_number
from core.penduduk.tables import Keluarga, Penduduk, RiwayatKK
from core.web.pages import flash, page, render_widgets
from core.web.params import CODE_MAX, Id, parse_id
from core.web.penduduk_pages import DEMO_RESIDENT, EDIT, VIEW, _resident, announce, sample
from core.web.session_pages import Form

DEMO_FAMILY = "/admin/keluarga/2"  # the demo nagari's family of resident 4: head, spouse and five children


@get("/admin/keluarga/{keluarga_id:int}", opt=sample(DEMO_FAMILY, VIEW), include_in_schema=False)
async def family_page(request: Request, keluarga_id: Id) -> Template:
    family = await Keluarga.select().where(Keluarga.id == keluarga_id).first().run()
    if family is None:
        raise NotFoundException()
    log_view(request, "keluarga", keluarga_id)
    members = await Penduduk.select(Penduduk.id, Penduduk.nik, Penduduk.nama, Penduduk.jenis_kelamin,
                                    Penduduk.tanggal_lahir, Penduduk.hubungan, Penduduk.status_dasar).where(
        Penduduk.keluarga == keluarga_id).order_by(Penduduk.hubungan).order_by(Penduduk.tanggal_lahir).run()
    history = await RiwayatKK.select().where(RiwayatKK.keluarga == keluarga_id).order_by(RiwayatKK.id).run()
    # One place line: "Jorong Ladang Laweh" as the address already says it, not "... · Ladang Laweh" again.
    place = address(family, await chain(family["wilayah"]), request.app.state.balai.profile(), region=False)
    return await page(request, "core/keluarga_detail.html", {
        "k": family, "tempat": place["alamat_lengkap"], "anggota": members, "riwayat": history, "age": age,
        "panels": await render_widgets(request, "balai_family_panels", keluarga_id=keluarga_id),
        "kepala": next((m for m in members if m["hubungan"] == 1), None),
        "kode": {n: kode.labels(n) for n in ("hubungan", "jenis_kelamin", "status_dasar", "kelas_sosial")}})


@get("/admin/keluarga/{keluarga_id:int}/kk.pdf", opt={**VIEW, "bukan_halaman": "berkas PDF"},
     include_in_schema=False)
async def family_card_pdf(request: Request, keluarga_id: Id) -> Response:
    """The family card laid out like a KK, for printing (the access guard keeps it to the user's scope)."""
    sheet = await family_sheet(keluarga_id, request.app.state.balai.profile())
    if sheet is None:
        raise NotFoundException()
    log_view(request, "keluarga", keluarga_id, {"halaman": "cetak_kk"})  # names and NIKs leave on paper
    result = await render_family_card(sheet)
    return Response(result.pdf, media_type="application/pdf", headers={
        "Cache-Control": "no-store", "Content-Disposition": f'inline; filename="kk-{sheet["no_kk"]}.pdf"'})


async def _form(request: Request, penduduk_id: int, data: dict, galat: dict, status: int = 200) -> Template:
    return await page(request, "core/pindah_kk.html", {"p": await _resident(penduduk_id), "data": data,
                                                       "galat": galat, "hubungan": kode.labels("hubungan")}, status)


@get("/admin/penduduk/{penduduk_id:int}/keluarga", opt=sample(f"{DEMO_RESIDENT}/keluarga", EDIT), include_in_schema=False)
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


async def run_change(request: Request, change, done: str, back: str) -> Redirect:
    """Run one change of a family or household page; report its first error or `done`, back on that page."""
    try:
        await change
    except FormErrors as exc:
        flash(request, next(iter(exc.errors.values())), "galat")
    else:
        flash(request, done)
    return Redirect(back)


async def _on_family_page(request: Request, keluarga_id: int, change, done: str) -> Redirect:
    return await run_change(request, change, done, f"/admin/keluarga/{keluarga_id}")


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
        # through the household rules: journal entries, a head for a new household, one household per resident
        household = await join_by_number(keluarga_id, data.get("nomor_rt", ""), actor=request.state.user,
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


@get("/admin/penduduk/ganda", opt=sample("/admin/penduduk/ganda", VIEW), include_in_schema=False)
async def duplicates(request: Request) -> Template:
    log_view(request, "daftar_ganda", "")
    return await page(request, "core/penduduk_ganda.html", {"kelompok": await possible_duplicates(),
                                                           "status": kode.labels("status_dasar")})


ROUTES = [family_page, family_card_pdf, family_move_form, family_move, family_renumber, family_head, family_household, family_welfare,
          duplicates]
