"""Admin pages for wilayah (jorong/dusun, RW, RT)."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.response import Redirect, Template

from core.audit.log import log_change
from core.db.transaction import write_transaction
from core.penduduk.tables import Penduduk, Wilayah
from core.web.pages import flash, page
from core.web.params import parse_id
from core.web.session_pages import Form


async def _tree() -> list[dict]:
    rows = await Wilayah.select().order_by(Wilayah.nama).run()
    counts = {r["wilayah"]: r["jumlah"] for r in await Penduduk.raw(
        "SELECT wilayah, COUNT(*) AS jumlah FROM balai_penduduk WHERE status_dasar = 1 GROUP BY wilayah").run()}
    children: dict = {}
    for row in rows:
        row["jumlah"] = counts.get(row["id"], 0)
        children.setdefault(row["induk"], []).append(row)
    ordered = []

    def walk(parent, depth):
        for row in children.get(parent, []):
            ordered.append({**row, "kedalaman": depth})
            walk(row["id"], depth + 1)

    walk(None, 0)
    return ordered


@get("/admin/wilayah", opt={"permission": "penduduk.lihat"}, include_in_schema=False)
async def wilayah_list(request: Request) -> Template:
    return await page(request, "core/wilayah.html", {"pohon": await _tree(), "galat": {}, "data": {}})


@post("/admin/wilayah", opt={"permission": "penduduk.ubah"}, include_in_schema=False)
async def wilayah_add(request: Request, data: Form) -> Template | Redirect:
    nama = " ".join(data.get("nama", "").split())
    induk = (parse_id(data["induk"]) or 0) if data.get("induk", "").isdigit() else None  # 0: "not found"
    galat = {}
    if not nama:
        galat["nama"] = "Nama wilayah wajib diisi."
    async with write_transaction():
        tingkat = 1
        if induk is not None:
            parent = await Wilayah.select(Wilayah.tingkat).where(Wilayah.id == induk).first().run()
            if parent is None:
                galat["induk"] = "Wilayah induk tidak ditemukan."
            elif parent["tingkat"] >= 3:
                galat["induk"] = "RT tidak bisa punya wilayah di bawahnya."
            else:
                tingkat = parent["tingkat"] + 1
        if not galat and await Wilayah.exists().where((Wilayah.nama == nama) & (
                Wilayah.induk == induk if induk is not None else Wilayah.induk.is_null())).run():
            galat["nama"] = f"{nama} sudah ada di tingkat ini."
        if not galat:
            rows = await Wilayah.insert(Wilayah(nama=nama, tingkat=tingkat, induk=induk)).returning(Wilayah.id).run()
            await log_change(request, "buat", "wilayah", rows[0]["id"], {"nama": nama, "induk": induk})
    if galat:
        return await page(request, "core/wilayah.html", {"pohon": await _tree(), "galat": galat, "data": data}, 400)
    flash(request, f"Wilayah {nama} ditambahkan.")
    return Redirect("/admin/wilayah")


ROUTES = [wilayah_list, wilayah_add]  # the family card's page lives in keluarga_pages
