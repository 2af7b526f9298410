"""Letter types (fields, requirements, paper, template with a live preview) and numbering, for administrators."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

from litestar import Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import Redirect, Template
from markupsafe import escape

from plugin_sdk import dokumen, flash, frameable, log_change, page, requires, today, write_transaction

from plugins.surat import jenis as jenis_mod
from plugins.surat import penomoran
from plugins.surat.contoh import sample_letter
from plugins.surat.halaman import Form
from plugins.surat.tables import JenisSurat
from plugins.surat.terbit import numbering_rules

ATUR = requires("surat.atur")
CODE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
OPENSID_CODE = re.compile(r"\[[A-Za-z][A-Za-z0-9_]*\]")  # what an OpenSID import leaves of a code it could not map
MAX_START = 999_999  # a starting number carried over from paper; far below what the counter column holds


@get("/admin/surat/jenis", opt=ATUR, include_in_schema=False)
async def type_list(request: Request) -> Template:
    rows = await JenisSurat.select().order_by(JenisSurat.nama).run()
    return await page(request, "surat/jenis_daftar.html", {"rows": rows})


async def _type(kode: str) -> dict:
    row = await JenisSurat.select().where(JenisSurat.kode == kode).first().run()
    if row is None:
        raise NotFoundException("Jenis surat tidak ditemukan.")
    return row


async def _editor(request: Request, row: dict, galat: dict | None = None, status: int = 200) -> Template:
    dokumen.renderer().warm()  # the preview renders soon
    fields = jenis_mod.fields(row)
    return await page(request, "surat/jenis_ubah.html", {
        "j": row, "fields": fields + [{}] * 3, "kinds": jenis_mod.KINDS, "subjects": jenis_mod.SUBJECTS,
        "papers": list(dokumen.PAPER), "galat": galat or {}, "peran_teks": jenis_mod.roles_text(row),
        "kolom_teks": jenis_mod.columns_text}, status)


@get("/admin/surat/jenis/{kode:str}", opt=requires("surat.atur", sample="/admin/surat/jenis/domisili"), include_in_schema=False)
async def type_edit(request: Request, kode: FromPath[str]) -> Template:
    return await _editor(request, await _type(kode))


def _clean_type(data: dict) -> tuple[dict, dict]:
    """A letter type from the editor form: (values for the table, errors by field)."""
    errors = {}
    values = {
        "nama": (data.get("nama") or "").strip()[:120], "kode_klasifikasi": (data.get("kode_klasifikasi") or "").strip(),
        "subjek": data.get("subjek") if data.get("subjek") in jenis_mod.SUBJECTS else "penduduk",
        "orang_tua": data.get("orang_tua") == "1", "pasangan": data.get("pasangan") == "1",
        "persyaratan": (data.get("persyaratan") or "").strip(), "template": data.get("template") or "",
        "kertas": data.get("kertas") if data.get("kertas") in dokumen.PAPER else "F4",
        "persetujuan": data.get("persetujuan") == "1",
        "aktif": data.get("aktif") == "1",
        "keluarga": data.get("keluarga") == "1", "semua_status": data.get("semua_status") == "1",
    }
    roles, problem = jenis_mod.parse_roles(data.get("peran") or "")
    if problem:
        errors["peran"] = problem
    values["peran"] = roles
    if not values["nama"]:
        errors["nama"] = "Nama jenis surat wajib diisi."
    if not re.fullmatch(r"[0-9A-Za-z./-]{1,40}", values["kode_klasifikasi"]):
        errors["kode_klasifikasi"] = "Kode klasifikasi berisi angka, huruf, titik atau garis miring, mis. 400.12.2.2."
    try:
        values["masa_berlaku_hari"] = int(data.get("masa_berlaku_hari") or 0)
        if not 0 <= values["masa_berlaku_hari"] <= 3650:
            raise ValueError
    except ValueError:
        errors["masa_berlaku_hari"] = "Masa berlaku berupa jumlah hari, 0 sampai 3650 (0: tanpa batas)."
    try:
        margin = tuple(int(data.get(f"margin_{side}") or 0) for side in ("atas", "kanan", "bawah", "kiri"))
        dokumen.Halaman(kertas=values["kertas"], margin=margin)
        values["margin"] = ",".join(str(m) for m in margin)
    except ValueError:
        errors["margin"] = "Margin harus angka 0 sampai 60 mm."
    fields, problems = jenis_mod.parse_field_rows(data)
    if problems:
        errors["isian"] = " ".join(problems)
    values["isian"] = fields
    try:
        dokumen.check_syntax(values["template"])
    except dokumen.TemplateProblem as exc:
        errors["template"] = str(exc)
    return values, errors


@post("/admin/surat/jenis/{kode:str}", opt=ATUR, include_in_schema=False)
async def type_save(request: Request, kode: FromPath[str], data: Form) -> Template | Redirect:
    row = await _type(kode)
    values, errors = _clean_type(data)
    left = sorted(set(OPENSID_CODE.findall(values["template"]))) if kode.startswith("opensid_") else []
    if values["aktif"] and left:  # an import that needed attention stays inactive until its codes are replaced
        errors["aktif"] = (f"Templat masih memuat kode OpenSID yang belum diganti: {', '.join(left[:8])}. Ganti dengan "
                           "isian Balai (lihat Isian yang tersedia) sebelum mengaktifkan jenis surat ini.")
    if not errors:
        try:  # a template that cannot render is never saved
            await sample_letter(request, {**values, "kode": kode})
        except (dokumen.TemplateProblem, dokumen.DocumentError) as exc:
            errors["template"] = str(exc)
    if errors:
        return await _editor(request, {**row, **values}, errors, 400)
    stored = {**values, "isian": json.dumps(values["isian"]), "peran": json.dumps(values["peran"]),
              "diubah": datetime.now(timezone.utc)}
    async with write_transaction():
        await JenisSurat.update({getattr(JenisSurat, k): v for k, v in stored.items()}).where(
            JenisSurat.id == row["id"]).run()
        changed = {k: [row[k], stored[k]] for k in stored if k != "diubah" and row.get(k) != stored[k]}
        await log_change(request, "ubah", "surat.jenis", row["id"], changed)
    flash(request, f"Jenis surat {values['nama']} disimpan.")
    return Redirect(f"/admin/surat/jenis/{kode}")


@post("/admin/surat/jenis/{kode:str}/pratinjau", opt={**ATUR, **frameable()}, include_in_schema=False)
async def type_preview(request: Request, kode: FromPath[str], data: Form) -> Response:
    await _type(kode)
    values, errors = _clean_type(data)
    if not errors:
        try:
            pdf = await sample_letter(request, {**values, "kode": kode})
            return Response(pdf, media_type="application/pdf", headers={"Cache-Control": "no-store"})
        except (dokumen.TemplateProblem, dokumen.DocumentError) as exc:
            errors["template"] = str(exc)
    text = "".join(f"<p>{escape(m)}</p>" for m in errors.values())
    return Response(f"<!doctype html><meta charset=utf-8><link rel=stylesheet href=/static/core/balai.css>"
                    f"<body class=pratinjau-galat>"
                    f"<h3>Pratinjau belum dapat dibuat</h3>{text}</body>", media_type="text/html", status_code=200)


@get("/admin/surat/jenis-baru", opt=ATUR, include_in_schema=False)
async def type_new(request: Request) -> Template:
    return await page(request, "surat/jenis_baru.html", {"isian": {}, "galat": {}})


@post("/admin/surat/jenis-baru", opt=ATUR, include_in_schema=False)
async def type_create(request: Request, data: Form) -> Template | Redirect:
    kode = (data.get("kode") or "").strip()
    nama = (data.get("nama") or "").strip()
    errors = {}
    if not CODE.match(kode):
        errors["kode"] = "Kode berupa huruf kecil, angka atau _, diawali huruf (mis. ahli_waris)."
    if not nama:
        errors["nama"] = "Nama jenis surat wajib diisi."
    async with write_transaction():
        if not errors and await JenisSurat.exists().where(JenisSurat.kode == kode).run():
            errors["kode"] = f"Kode {kode} sudah dipakai."
        if not errors:
            rows = await JenisSurat.insert(JenisSurat(
                kode=kode, nama=nama[:120], kode_klasifikasi="400", aktif=False,
                template='<p class="isi">Yang bertanda tangan di bawah ini, {{ nagari.sebutan_kepala }} '
                         '{{ nagari.nama }}, menerangkan bahwa {{ penduduk.nama }} ...</p>')).returning(
                JenisSurat.id).run()
            await log_change(request, "buat", "surat.jenis", rows[0]["id"], {"kode": kode, "nama": nama})
    if errors:
        return await page(request, "surat/jenis_baru.html", {"isian": data, "galat": errors}, 400)
    flash(request, f"Jenis surat {nama} dibuat (belum aktif): lengkapi templatnya lalu aktifkan.")
    return Redirect(f"/admin/surat/jenis/{kode}")


@get("/admin/surat/penomoran", opt=ATUR, include_in_schema=False)
async def numbering(request: Request) -> Template:
    rules = await numbering_rules(request)
    year = today(request).year
    types = await JenisSurat.select(JenisSurat.kode, JenisSurat.nama, JenisSurat.kode_klasifikasi).order_by(
        JenisSurat.nama).run()
    sequences = [{"kunci": penomoran.SHARED, "nama": "Semua jenis surat (satu urutan)", "klasifikasi": "400"}] \
        if not rules.per_jenis else [{"kunci": t["kode"], "nama": t["nama"], "klasifikasi": t["kode_klasifikasi"]}
                                     for t in types]
    for seq in sequences:
        seq["terakhir"] = await penomoran.last(seq["kunci"], year)
        seq["contoh"] = rules.text(seq["terakhir"] + 1, seq["klasifikasi"], today(request))
    return await page(request, "surat/penomoran.html", {"aturan": rules, "tahun": year, "urutan": sequences})


@post("/admin/surat/penomoran", opt=ATUR, include_in_schema=False)
async def numbering_start(request: Request, data: Form) -> Redirect:
    year = today(request).year
    sequence = data.get("kunci", "")
    try:
        start = int(data.get("mulai") or "")
        if not 1 <= start <= MAX_START:
            raise ValueError
    except ValueError:
        flash(request, f"Nomor awal harus bilangan bulat 1 sampai {MAX_START:,}.".replace(",", "."), "galat")
        return Redirect("/admin/surat/penomoran")
    known = {t["kode"] for t in await JenisSurat.select(JenisSurat.kode).run()} | {penomoran.SHARED}
    if sequence not in known:
        flash(request, "Urutan nomor tidak dikenal.", "galat")
        return Redirect("/admin/surat/penomoran")
    try:
        async with write_transaction():
            await penomoran.set_start(sequence, year, start)
            await log_change(request, "ubah", "surat.urutan", f"{sequence}/{year}", {"mulai": start})
    except ValueError as exc:
        flash(request, str(exc), "galat")
    else:
        flash(request, f"Surat berikutnya pada urutan ini bernomor {start}.")
    return Redirect("/admin/surat/penomoran")


ROUTES = [type_list, type_edit, type_save, type_preview, type_new, type_create, numbering, numbering_start]
