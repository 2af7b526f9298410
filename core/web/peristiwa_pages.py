"""Forms for journal events on an existing resident: leaving, moving within the nagari, cancelling."""

from __future__ import annotations

from datetime import date

from litestar import Request, get, post
from litestar.response import Redirect, Template

from core.penduduk.formulir import FormErrors
from core.penduduk.jurnal import KINDS, LEAVING, cancel, move_within, record_leaving
from core.penduduk.tables import Peristiwa
from core.web.pages import flash, page
from core.web.params import Id
from core.web.penduduk_pages import EDIT, _resident, announce, wilayah_choices
from core.web.session_pages import Form
from core.profil.waktu import today as nagari_today

# What each leaving event asks for, besides its date: (form field, key in the entry's rincian, label).
# Form fields are unique across kinds: the page shows every kind's fields in one form.
DETAILS = {
    "mati": (("mati_tempat", "tempat", "Tempat meninggal"), ("mati_sebab", "sebab", "Sebab kematian"),
             ("mati_pelapor", "pelapor", "Yang menerangkan")),
    "pindah_keluar": (("pindah_tujuan", "tujuan", "Alamat tujuan"), ("pindah_alasan", "alasan", "Alasan pindah")),
    "hilang": (("hilang_keterangan", "keterangan", "Keterangan"),),
    "pergi": (("pergi_tujuan", "tujuan", "Tujuan"), ("pergi_keterangan", "keterangan", "Keterangan")),
}


async def _form(request: Request, penduduk_id: int, data: dict, galat: dict, status: int = 200) -> Template:
    return await page(request, "core/peristiwa_form.html", {
        "p": await _resident(penduduk_id), "data": data, "galat": galat, "rincian": DETAILS,
        "jenis": {k: KINDS[k] for k in (*LEAVING, "pindah_dalam_nagari")}, "wilayah": await wilayah_choices()},
        status)


@get("/admin/penduduk/{penduduk_id:int}/peristiwa",
     opt={**EDIT, "contoh": "/admin/penduduk/1/peristiwa"}, include_in_schema=False)
async def event_form(request: Request, penduduk_id: Id) -> Template:
    chosen = request.query_params.get("jenis", "mati")
    return await _form(request, penduduk_id, {"jenis": chosen, "tanggal_peristiwa": nagari_today().isoformat()}, {})


@post("/admin/penduduk/{penduduk_id:int}/peristiwa", opt=EDIT, include_in_schema=False)
async def event_record(request: Request, penduduk_id: Id, data: Form) -> Template | Redirect:
    jenis = data.get("jenis", "")
    try:
        try:
            tanggal = date.fromisoformat(data.get("tanggal_peristiwa", ""))
        except ValueError:
            raise FormErrors({"tanggal_peristiwa": "Tanggal peristiwa wajib diisi (TTTT-BB-HH)."}) from None
        if jenis == "pindah_dalam_nagari":
            if not data.get("wilayah", "").isdigit():
                raise FormErrors({"wilayah": "Pilih wilayah tujuan."})
            await move_within(penduduk_id, int(data["wilayah"]), tanggal, actor=request.state.user,
                              connection=request)
        elif jenis in LEAVING:
            rincian = {key: data.get(field, "").strip() for field, key, _ in DETAILS[jenis]
                       if data.get(field, "").strip()}
            await record_leaving(penduduk_id, jenis, tanggal, rincian, actor=request.state.user, connection=request)
        else:
            raise FormErrors({"jenis": "Pilih jenis peristiwa."})
    except FormErrors as exc:
        return await _form(request, penduduk_id, data, exc.errors, 400)
    flash(request, f"Peristiwa {KINDS[jenis].lower()} dicatat.")
    await announce(request, penduduk_id)
    return Redirect(f"/admin/penduduk/{penduduk_id}")


@post("/admin/peristiwa/{entry_id:int}/batal", opt=EDIT, include_in_schema=False)
async def event_cancel(request: Request, entry_id: Id, data: Form) -> Redirect:
    entry = await Peristiwa.select(Peristiwa.penduduk).where(Peristiwa.id == entry_id).first().run()
    target = f"/admin/penduduk/{entry['penduduk']}" if entry else "/admin/penduduk"
    try:
        await cancel(entry_id, data.get("alasan", ""), actor=request.state.user, connection=request)
    except FormErrors as exc:
        flash(request, next(iter(exc.errors.values())), "galat")
    else:
        flash(request, "Catatan dibatalkan; catatan aslinya tetap terlihat.")
    return Redirect(target)


ROUTES = [event_form, event_record, event_cancel]
