"""The office's page /admin/pemberitahuan: every notice sent to residents and how its delivery went."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from plugin_sdk import page, register, requires

from plugins.pemberitahuan import antar, saluran
from plugins.pemberitahuan.tables import Kiriman

LIMIT = 100


def masked(address: str) -> str:
    """An address as the office list shows it: enough to recognise, not to copy (b***@contoh.id, +62812****890)."""
    if "@" in address:
        local, _, domain = address.rpartition("@")
        return f"{local[:1]}***@{domain}"
    return address[:6] + "*" * max(len(address) - 9, 0) + address[-3:] if len(address) > 9 else address


@get("/admin/pemberitahuan", opt=requires(antar.PERMISSION), include_in_schema=False)
async def notices(request: Request) -> Template:
    status = request.query_params.get("status", "")
    where = Kiriman.id > 0
    if status in antar.LABEL:
        where &= Kiriman.status == status
    if (scope := register.current_scope()) is not None:  # a kepala jorong sees the residents of their jorong
        where &= Kiriman.penduduk.wilayah.is_in(scope["wilayah_ids"] or [0])
    rows = await Kiriman.select(Kiriman.dibuat, Kiriman.judul, Kiriman.saluran, Kiriman.alamat, Kiriman.status,
                                Kiriman.percobaan, Kiriman.galat, Kiriman.coba_lagi, Kiriman.terkirim,
                                Kiriman.penduduk.nama.as_alias("nama")).where(where).order_by(
        Kiriman.id, ascending=False).limit(LIMIT).run()
    channels = await saluran.offered(request)
    for row in rows:
        row["alamat"] = masked(row["alamat"])
        row["saluran_label"] = channels[row["saluran"]].label if row["saluran"] in channels else row["saluran"]
    email = channels.get("email")
    return await page(request, "pemberitahuan/kantor.html", {
        "rows": rows, "status": status, "label": antar.LABEL, "batas": LIMIT,
        "surel_belum": await saluran.problem(email) if email else None})


ROUTES = [notices]
