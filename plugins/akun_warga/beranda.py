"""The resident's home page: their own record (masked where it must be), their family card, and the panels other
plugins add through the event `warga_beranda` (requests and letters, the office's announcements)."""

from __future__ import annotations

import inspect
import logging

from litestar import Request
from markupsafe import Markup

from plugin_sdk import Panel, emit, log_view, nagari_profile, register

from plugins.akun_warga import akun

log = logging.getLogger("balai.akun_warga")


def mask(number: str) -> str:
    """A NIK or KK number with only its region (the first 6 digits) showing: digits 7-12 encode the birth date
    and sex (DOMAIN.md, privacy)."""
    number = (number or "").strip()
    return number[:6] + "*" * (len(number) - 6) if len(number) > 6 else number


async def own_record(request: Request, resident: dict) -> dict | None:
    """What the resident sees of their own record; the read is logged as a view by them."""
    person = await register.resident(resident["penduduk_id"], nagari_profile(request))
    if person is None:
        return None
    log_view(request, "penduduk", resident["penduduk_id"], {"halaman": "beranda warga"}, user=akun.actor(resident))
    return {"nama": person["nama"], "nik": mask(person["nik"]), "no_kk": mask(person["no_kk"]),
            "tempat_tanggal_lahir": person["tempat_tanggal_lahir"], "jenis_kelamin": person["jenis_kelamin"],
            "agama": person["agama"], "status_kawin": person["status_kawin"], "pekerjaan": person["pekerjaan"],
            "alamat": person["alamat_lengkap"], "hubungan": person["hubungan"], "keluarga_id": person["keluarga_id"]}


async def family_members(keluarga_id: int | None, penduduk_id: int) -> list[dict]:
    """The living members of the family card: name and relation only (never another person's NIK or birth date)."""
    if not keluarga_id:
        return []
    labels = register.code_labels("hubungan")
    members = [{"nama": row["nama"], "hubungan": labels.get(row["hubungan"], ""), "saya": row["id"] == penduduk_id,
                "urut": row["hubungan"] or 99}
               async for row in register.stream_residents(("id", "nama", "hubungan"), {"keluarga": keluarga_id})]
    return sorted(members, key=lambda m: (m["urut"], m["nama"]))


async def panels(request: Request, resident: dict) -> list[dict]:
    """The panels enabled plugins add (event `warga_beranda`), rendered; a failing one is logged and skipped."""
    answers = await emit(request, "warga_beranda", resident=resident)
    found = [p for answer in answers for p in (answer if isinstance(answer, (list, tuple)) else [answer])
             if isinstance(p, Panel)]
    rendered = []
    for panel in sorted(found, key=lambda p: (p.order, p.title)):
        try:
            context = panel.context(request) if callable(panel.context) else panel.context
            if inspect.isawaitable(context):
                context = await context
            html = request.app.template_engine.get_template(panel.template).render(**context)
        except Exception:
            log.exception("panel beranda warga %r gagal ditampilkan", panel.title)
            continue
        rendered.append({"judul": panel.title, "html": Markup(html)})
    return rendered
