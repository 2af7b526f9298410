"""The audit log page: search by user, object, action and date."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from core.audit.tables import AuditEntri
from core.profil.waktu import zone
from core.web.pages import page
from core.web.params import Page

PER_PAGE = 50


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


@get("/admin/audit", opt={"permission": "audit.lihat"}, include_in_schema=False)
async def audit_log(request: Request, pengguna: FromQuery[str] = "", objek: FromQuery[str] = "",
                    aksi: FromQuery[str] = "", dari: FromQuery[str] = "", sampai: FromQuery[str] = "",
                    hal: Page = 1) -> Template:
    zone_name, tz = zone(request.app.state.balai.profile())
    query = AuditEntri.select().order_by(AuditEntri.nomor, ascending=False)
    count = AuditEntri.count()
    conditions = []
    if pengguna.strip():
        conditions.append(AuditEntri.pengguna == pengguna.strip().lower())
    if objek.strip():
        jenis, _, ident = objek.strip().partition(":")
        conditions.append(AuditEntri.objek_jenis == jenis)
        if ident:
            conditions.append(AuditEntri.objek_id == ident)
    if aksi.strip():
        conditions.append(AuditEntri.aksi == aksi.strip())
    if (start := _day(dari)) is not None:
        conditions.append(AuditEntri.waktu >= datetime.combine(start, time.min, tz))
    if (end := _day(sampai)) is not None:
        conditions.append(AuditEntri.waktu < datetime.combine(end + timedelta(days=1), time.min, tz))
    for condition in conditions:
        query = query.where(condition)
        count = count.where(condition)
    hal = max(hal, 1)
    rows = await query.limit(PER_PAGE).offset((hal - 1) * PER_PAGE).run()
    for row in rows:
        row["rincian"] = json.loads(row["rincian"] or "{}")
        row["waktu"] = row["waktu"].astimezone(tz)
    total = await count.run()
    return await page(request, "core/audit.html", {
        "entri": rows, "total": total, "hal": hal, "halaman": max((total + PER_PAGE - 1) // PER_PAGE, 1),
        "f": {"pengguna": pengguna, "objek": objek, "aksi": aksi, "dari": dari, "sampai": sampai},
        "zona": zone_name,
    })


ROUTES = [audit_log]
