"""Admin pages of the register: the resident list, a resident's page, adding and correcting residents."""

from __future__ import annotations

import json
from datetime import date

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from core.audit.log import log_view
from core.audit.tables import AuditEntri
from core.db.transaction import write_transaction
from core.penduduk import kode, lingkup
from core.penduduk.baca import address, chain
from core.penduduk.cari import PER_PAGE, age, search
from core.penduduk.formulir import FormErrors, clean_resident
from core.penduduk.jurnal import KINDS, correct
from core.penduduk.pendaftaran import ARRIVING, register
from core.penduduk.rumah_tangga import summary as household_summary
from core.penduduk.susunan import HEAD, parents
from core.penduduk.tables import Keluarga, Penduduk, Peristiwa, Wilayah
from core.plugin_host.types import MenuItem
from core.web.access import enabled_plugins
from core.profil.waktu import zone
from core.web.pages import flash, page, render_widgets
from core.web.params import Id, parse_id
from core.web.penduduk_ekspor import ROUTES as EXPORT_ROUTES, resident_filter
from core.web.penduduk_berkas import ROUTES as BERKAS_ROUTES, section as berkas_section
from core.web.penduduk_tambahan import form_sections, read_form
from core.web.session_pages import Form
from core.profil.waktu import today as nagari_today

VIEW = {"permission": "penduduk.lihat"}
EDIT = {"permission": "penduduk.ubah"}
# Sample pages for the browser test, from the demo nagari (`balai demo`): resident 4 is a child in family 2.
DEMO_RESIDENT = "/admin/penduduk/4"


def sample(url: str, base: dict) -> dict:
    """Route opt: `base` plus the sample URL the office-screen browser test opens (SDK `page_sample`)."""
    return {**base, "contoh": url}


async def announce(request: Request, penduduk_id: int) -> None:
    """Tell enabled plugins about the entry just recorded; show their suggestions to the operator."""
    entry = await Peristiwa.select().where(Peristiwa.penduduk == penduduk_id).order_by(
        Peristiwa.id, ascending=False).first().run()
    if entry is None:
        return
    entry["rincian"] = json.loads(entry["rincian"])
    balai = request.app.state.balai
    for _, item in await balai.host.acollect("balai_peristiwa", only=await enabled_plugins(request),
                                             request=request, peristiwa=entry):
        if isinstance(item, MenuItem):
            flash(request, item.label, "saran", url=item.url)


def code_lists() -> dict:
    return {name: kode.labels(name) for name in kode.LISTS}


async def wilayah_choices() -> list[dict]:
    rows = await Wilayah.select(Wilayah.id, Wilayah.nama, Wilayah.tingkat, Wilayah.induk.nama.as_alias("induk_nama")
                                ).where(Wilayah.aktif == True).order_by(Wilayah.tingkat).order_by(  # noqa: E712
        Wilayah.nama).run()
    for row in rows:
        row["label"] = f"{row['induk_nama']} / {row['nama']}" if row["induk_nama"] else row["nama"]
    rows = [r for r in rows if lingkup.wilayah_visible(r["id"])]  # a scoped user picks among their own places
    return sorted(rows, key=lambda r: r["label"])


@get("/admin/penduduk", opt=sample("/admin/penduduk", VIEW), include_in_schema=False)
async def resident_list(request: Request) -> Template:
    f = resident_filter(request)
    rows, total = await search(f)
    params = {k: v for k, v in request.query_params.items() if k != "hal"}
    # A list shows names and NIKs: one entry per page viewed, with the filter that produced it.
    log_view(request, "daftar_penduduk", f.hal, {**params, "jumlah": len(rows)})
    # A capped total (a search matching very many) reaches past this page, so it still says whether one follows.
    return await page(request, "core/penduduk_daftar.html", {
        "rows": rows, "total": total, "f": f, "params": params, "kode": code_lists(), "age": age,
        "halaman": max((total + PER_PAGE - 1) // PER_PAGE, 1), "lanjut": total.lebih or f.hal * PER_PAGE < total,
        "wilayah": await wilayah_choices()})


async def _form_page(request: Request, data: dict, galat: dict, status: int = 200, **extra) -> Template:
    # Plugins' sections of extra fields: what was typed when the form comes back with messages, else what is stored.
    tambahan = await form_sections(request, data.get("id"), data if status >= 400 else None, galat)
    return await page(request, "core/penduduk_form.html", {
        "data": data, "galat": galat, "kode": code_lists(), "wilayah": await wilayah_choices(),
        "jenis_masuk": {k: KINDS[k] for k in ARRIVING}, "tambahan": tambahan, **extra}, status)


@get("/admin/penduduk/baru", opt=sample("/admin/penduduk/baru", EDIT), include_in_schema=False)
async def resident_new(request: Request) -> Template:
    keluarga = parse_id(request.query_params.get("keluarga"))
    data = {"jenis": "pendataan_awal", "tanggal_peristiwa": nagari_today().isoformat(), "kewarganegaraan": 1,
            "agama": 1, "status_penduduk": 1}
    family = None
    if keluarga and await lingkup.family_visible(keluarga):
        family = await Keluarga.select().where(Keluarga.id == keluarga).first().run()
        if family:
            data.update(keluarga_id=family["id"], hubungan=4)
    return await _form_page(request, data, {}, baru=True, keluarga=family)


@post("/admin/penduduk/baru", opt=EDIT, include_in_schema=False)
async def resident_create(request: Request, data: Form) -> Template | Redirect:
    errors: dict[str, str] = {}
    clean, warnings = {}, []
    jenis = data.get("jenis", "pendataan_awal")
    if jenis not in ARRIVING:
        errors["jenis"] = "Jenis pencatatan tidak dikenal."
    if jenis == "lahir" and not data.get("tanggal_lahir"):
        data = {**data, "tanggal_lahir": data.get("tanggal_peristiwa", "")}
    try:
        tanggal = date.fromisoformat(data.get("tanggal_peristiwa", ""))
    except ValueError:
        errors["tanggal_peristiwa"] = "Tanggal peristiwa wajib diisi (TTTT-BB-HH)."
    try:
        clean, warnings = clean_resident(data)
    except FormErrors as exc:
        errors.update(exc.errors)
    keluarga_id = data.get("keluarga_id", "")
    if keluarga_id.isdigit():
        family = {"keluarga_id": parse_id(keluarga_id) or 0}  # 0: "not found"
    else:
        wilayah = data.get("wilayah", "")
        family = {"no_kk": data.get("no_kk", ""), "wilayah_id": parse_id(wilayah),
                  "alamat": data.get("alamat_kk", ""), "kk_sementara": data.get("kk_sementara") == "1"}
    if not errors:
        errors.update(await _outside_scope(family))
    pending, extra_errors = await read_form(request, data)
    errors.update(extra_errors)
    if not errors:
        try:
            async with write_transaction():  # the resident and the plugins' fields: both saved, or neither
                pid = await register(clean, jenis, tanggal, family, actor=request.state.user, connection=request,
                                     nik_sementara=data.get("nik_sementara") == "1" and not clean.get("nik"))
                await pending.save(request, pid, new=True)
        except FormErrors as exc:
            errors.update(exc.errors)
    if errors:
        family_row = (await Keluarga.select().where(Keluarga.id == family["keluarga_id"]).first().run()
                      if "keluarga_id" in family else None)
        return await _form_page(request, data, errors, 400, baru=True, keluarga=family_row)
    flash(request, f"{clean['nama']} dicatat ({KINDS[jenis].lower()}).")
    await announce(request, pid)
    for warning in warnings:
        flash(request, f"Perhatian: {warning}", "info")
    return Redirect(f"/admin/penduduk/{pid}")


async def _outside_scope(family: dict) -> dict[str, str]:
    """A scoped user registers residents only into families and places of their own part of the nagari."""
    if lingkup.current() is None:
        return {}
    if "keluarga_id" in family:
        return {} if await lingkup.family_visible(family["keluarga_id"]) else {
            "keluarga_id": "Keluarga itu tidak ada di wilayah Anda."}
    return {} if lingkup.wilayah_visible(family["wilayah_id"]) else {"wilayah": "Pilih wilayah di lingkup Anda."}


async def _resident(penduduk_id: int) -> dict:
    """The resident's full record, or 404 when there is none in the user's scope."""
    query = Penduduk.select(*Penduduk.all_columns(), Penduduk.keluarga.no_kk.as_alias("no_kk"),
                            Penduduk.keluarga.alamat.as_alias("kk_alamat"),
                            Penduduk.wilayah.nama.as_alias("wilayah_nama")).where(Penduduk.id == penduduk_id)
    row = await lingkup.narrow(query).first().run()
    if row is None:
        raise NotFoundException()
    return row


@get("/admin/penduduk/{penduduk_id:int}", opt=sample(DEMO_RESIDENT, VIEW), include_in_schema=False)
async def resident_page(request: Request, penduduk_id: Id) -> Template:
    resident = await _resident(penduduk_id)
    log_view(request, "penduduk", penduduk_id)  # every view of a person's record is logged (UU PDP)
    journal = await Peristiwa.select().where(Peristiwa.penduduk == penduduk_id).order_by(Peristiwa.id).run()
    for entry in journal:
        entry["rincian"] = json.loads(entry["rincian"])
    trail = await AuditEntri.select().where((AuditEntri.objek_jenis == "penduduk")
                                            & (AuditEntri.objek_id == str(penduduk_id))).order_by(
        AuditEntri.nomor, ascending=False).limit(50).run()
    panels = await render_widgets(request, "balai_resident_panels", penduduk_id=penduduk_id)
    profile = request.app.state.balai.profile()
    _, tz = zone(profile)
    for row in trail:
        row["waktu"] = row["waktu"].astimezone(tz)
    head = None
    if resident["keluarga"]:
        head = await Penduduk.select(Penduduk.id, Penduduk.nama).where(
            (Penduduk.keluarga == resident["keluarga"]) & (Penduduk.hubungan == HEAD)).first().run()
    return await page(request, "core/penduduk_detail.html", {
        "p": resident, "kode": code_lists(), "umur": age(resident["tanggal_lahir"]), "jurnal": journal,
        "jenis": KINDS, "jejak": trail, "panels": panels, "kepala": head, "orang_tua": await parents(resident),
        "rumah_tangga": await household_summary(resident["rumah_tangga"]),
        "berkas": await berkas_section(request, penduduk_id),
        "alamat": address({"alamat": resident["alamat"] or resident["kk_alamat"] or ""}, await chain(resident["wilayah"]), profile, region=False)})


@get("/admin/penduduk/{penduduk_id:int}/ubah", opt=sample(f"{DEMO_RESIDENT}/ubah", EDIT), include_in_schema=False)
async def resident_edit(request: Request, penduduk_id: Id) -> Template:
    resident = await _resident(penduduk_id)
    log_view(request, "penduduk", penduduk_id, {"halaman": "koreksi"})
    return await _form_page(request, resident, {}, baru=False)


@post("/admin/penduduk/{penduduk_id:int}/ubah", opt=EDIT, include_in_schema=False)
async def resident_correct(request: Request, penduduk_id: Id, data: Form) -> Template | Redirect:
    resident = await _resident(penduduk_id)
    form = {**data, "hubungan": str(resident["hubungan"])}  # family position changes through perubahan KK
    pending, extra_errors = await read_form(request, data)
    try:
        clean, warnings = clean_resident(form)
        if extra_errors:
            raise FormErrors(extra_errors)
        async with write_transaction():  # the resident and the plugins' fields: both saved, or neither
            changed = await correct(penduduk_id, clean, actor=request.state.user, connection=request,
                                    alasan=data.get("alasan", ""))
            extra = await pending.save(request, penduduk_id, new=False)
    except FormErrors as exc:
        return await _form_page(request, {**resident, **data}, {**extra_errors, **exc.errors}, 400, baru=False)
    count = len(changed) + len(extra)
    flash(request, f"{count} data dikoreksi." if count else "Tidak ada yang berubah.", "sukses" if count else "info")
    if changed:
        await announce(request, penduduk_id)
    for warning in warnings:
        flash(request, f"Perhatian: {warning}", "info")
    return Redirect(f"/admin/penduduk/{penduduk_id}")


ROUTES = [resident_list, resident_new, resident_create, resident_page, resident_edit, resident_correct, *EXPORT_ROUTES,
          *BERKAS_ROUTES]
