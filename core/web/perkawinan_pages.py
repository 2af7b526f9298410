"""Forms for marriage and divorce on a resident's page (core.penduduk.perkawinan does the work)."""

from __future__ import annotations

from datetime import date

from litestar import Request, get, post
from litestar.response import Redirect, Template

from core.penduduk import kode, lingkup
from core.penduduk.formulir import FormErrors
from core.penduduk.nik import clean_number
from core.penduduk.perkawinan import MARRIED, record_divorce, record_marriage, spouses
from core.penduduk.tables import Keluarga, Penduduk
from core.web.pages import flash, page
from core.web.params import CODE_MAX, ID_MAX, Id
from core.web.penduduk_pages import DEMO_RESIDENT, EDIT, _resident, announce, sample
from core.web.session_pages import Form
from core.profil.waktu import today as nagari_today

# Fields the forms show a message next to; any other message (from the family functions) goes on top.
SHOWN = {"pasangan", "tanggal_peristiwa", "tanggal_lapor", "no_akta", "tanggal_akta", "izin_poligami", "no_izin",
         "keluarga", "kepala", "ikut", "keluar", "no_kk", "keluarga_id", "hubungan"}


def _date(data: dict, field: str, label: str, required: bool = False) -> date | None:
    raw = (data.get(field) or "").strip()
    if not raw and not required:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise FormErrors({field: f"{label} wajib diisi (TTTT-BB-HH)." if not raw else
                                 f"{label} bukan tanggal (TTTT-BB-HH)."}) from None


def _errors(errors: dict) -> dict:
    """Messages keyed by what the page shows; the rest joined under `umum`."""
    shown = {k: v for k, v in errors.items() if k in SHOWN}
    rest = [v for k, v in errors.items() if k not in SHOWN]
    return {**shown, "umum": " ".join(rest)} if rest else shown


async def _by_nik(raw: str, field: str = "pasangan") -> int:
    nik = clean_number(raw)
    if not nik:
        raise FormErrors({field: "Ketik NIK pasangannya."})
    row = await lingkup.narrow(Penduduk.select(Penduduk.id).where(Penduduk.nik == nik)).first().run()
    if row is None:
        raise FormErrors({field: "Tidak ada penduduk dengan NIK itu."})
    return row["id"]


def _who(data: dict, field: str, penduduk_id: int, pasangan_id: int | None) -> int | None:
    """A radio that names "ini" (this resident) or "pasangan" (the spouse) as an id."""
    return {"ini": penduduk_id, "pasangan": pasangan_id}.get(data.get(field, ""))


def _dates(data: dict) -> dict:
    return {"tanggal_akta": _date(data, "tanggal_akta", "Tanggal akta"),
            "tanggal_lapor": _date(data, "tanggal_lapor", "Tanggal lapor")}


async def _form(request: Request, template: str, penduduk_id: int, data: dict, galat: dict,
                status: int = 200) -> Template:
    resident = await _resident(penduduk_id)
    return await page(request, template, {
        "p": resident, "data": data, "galat": galat, "pasangan": await spouses(penduduk_id),
        "menikah": resident["status_kawin"] in MARRIED, "hubungan": kode.labels("hubungan"),
        "status_kawin": kode.labels("status_kawin")}, status)


def _blank() -> dict:
    return {"tanggal_peristiwa": nagari_today().isoformat(), "keluarga": "tetap"}


@get("/admin/penduduk/{penduduk_id:int}/perkawinan", opt=sample(f"{DEMO_RESIDENT}/perkawinan", EDIT),
     include_in_schema=False)
async def marriage_form(request: Request, penduduk_id: Id) -> Template:
    return await _form(request, "core/perkawinan_form.html", penduduk_id, _blank(), {})


@post("/admin/penduduk/{penduduk_id:int}/perkawinan", opt=EDIT, include_in_schema=False)
async def marriage_record(request: Request, penduduk_id: Id, data: Form) -> Template | Redirect:
    resident = await _resident(penduduk_id)  # 404 outside the user's scope
    try:
        tanggal = _date(data, "tanggal_peristiwa", "Tanggal perkawinan", required=True)
        pasangan_id = await _by_nik(data.get("pasangan_nik", ""))
        await record_marriage(
            penduduk_id, pasangan_id, tanggal, no_akta=data.get("no_akta", ""), **_dates(data),
            keluarga=data.get("keluarga", ""), kepala=_who(data, "kepala", penduduk_id, pasangan_id),
            ikut=_who(data, "ikut", penduduk_id, pasangan_id), no_kk=data.get("no_kk", ""),
            kk_sementara=data.get("kk_sementara") == "1", izin_poligami=data.get("izin_poligami") == "1",
            no_izin=data.get("no_izin", ""), actor=request.state.user, connection=request)
    except FormErrors as exc:
        return await _form(request, "core/perkawinan_form.html", penduduk_id, data, _errors(exc.errors), 400)
    spouse = await Penduduk.select(Penduduk.nama).where(Penduduk.id == pasangan_id).first().run()
    flash(request, f"Perkawinan {resident['nama']} dan {spouse['nama']} dicatat.")
    await announce(request, penduduk_id)
    return Redirect(f"/admin/penduduk/{penduduk_id}")


@get("/admin/penduduk/{penduduk_id:int}/perceraian", opt=sample(f"{DEMO_RESIDENT}/perceraian", EDIT),
     include_in_schema=False)
async def divorce_form(request: Request, penduduk_id: Id) -> Template:
    data = _blank()
    known = await spouses(penduduk_id)
    if len(known) == 1:
        data["pasangan_id"] = str(known[0]["id"])
    return await _form(request, "core/perceraian_form.html", penduduk_id, data, {})


async def _divorce_target(data: dict) -> int | None:
    if data.get("keluarga") != "gabung":
        return None
    row = await Keluarga.select(Keluarga.id).where(
        Keluarga.no_kk == clean_number(data.get("no_kk_tujuan", ""))).first().run()
    if row is None or not await lingkup.family_visible(row["id"]):
        raise FormErrors({"keluarga_id": "Tidak ada keluarga dengan nomor KK itu."})
    return row["id"]


@post("/admin/penduduk/{penduduk_id:int}/perceraian", opt=EDIT, include_in_schema=False)
async def divorce_record(request: Request, penduduk_id: Id, data: Form) -> Template | Redirect:
    resident = await _resident(penduduk_id)
    try:
        tanggal = _date(data, "tanggal_peristiwa", "Tanggal perceraian", required=True)
        chosen = data.get("pasangan_id", "")
        if chosen == "nik":
            pasangan_id = await _by_nik(data.get("pasangan_nik", ""))
        else:  # one of the spouses the register knows, or none: the register's own choice
            pasangan_id = int(chosen) if chosen.isdigit() and int(chosen) <= ID_MAX else None
        raw = data.get("hubungan", "")
        await record_divorce(
            penduduk_id, pasangan_id, tanggal, no_akta=data.get("no_akta", ""), **_dates(data),
            keluarga=data.get("keluarga", ""), keluar=_who(data, "keluar", penduduk_id, pasangan_id or (
                await _only_spouse(penduduk_id))),
            keluarga_id=await _divorce_target(data),
            hubungan=int(raw) if raw.isdigit() and int(raw) <= CODE_MAX else None,
            no_kk=data.get("no_kk", ""), kk_sementara=data.get("kk_sementara") == "1",
            actor=request.state.user, connection=request)
    except FormErrors as exc:
        return await _form(request, "core/perceraian_form.html", penduduk_id, data, _errors(exc.errors), 400)
    flash(request, f"Perceraian {resident['nama']} dicatat.")
    await announce(request, penduduk_id)
    return Redirect(f"/admin/penduduk/{penduduk_id}")


async def _only_spouse(penduduk_id: int) -> int | None:
    known = await spouses(penduduk_id)
    return known[0]["id"] if len(known) == 1 else None


ROUTES = [marriage_form, marriage_record, divorce_form, divorce_record]
