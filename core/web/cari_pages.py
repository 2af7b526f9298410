"""The office's search box: one query finds a resident, a family card or whatever plugins keep (letters, ...)."""

from __future__ import annotations

import logging

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from core.penduduk import lingkup
from core.penduduk.cari import Filter, search
from core.penduduk.pencarian import name_condition, prefix_condition
from core.penduduk.tables import Keluarga, Penduduk
from core.plugin_host.types import SearchResult
from core.web.access import enabled_plugins
from core.web.auth import current_user, has_permission
from core.web.pages import page

LIMIT = 10
MIN_LENGTH = 2
log = logging.getLogger("balai.web")


async def _residents(q: str) -> list[SearchResult]:
    rows, _ = await search(Filter(q=q, status_dasar=None), count=False)
    rows.sort(key=lambda r: r["status_dasar"] != 1)  # living residents first; the moved and dead after
    return [SearchResult("Penduduk", r["nama"], f"/admin/penduduk/{r['id']}",
                         " · ".join(x for x in (r["wilayah_nama"], "" if r["status_dasar"] == 1 else "tidak aktif") if x))
            for r in rows[:LIMIT]]


async def _families(q: str) -> list[SearchResult]:
    """By No. KK (its start) or by the name of the family's head (the register's own name search)."""
    digits = q.replace(" ", "")
    query = Penduduk.select(Penduduk.keluarga.id.as_alias("id"), Penduduk.keluarga.no_kk.as_alias("no_kk"),
                            Penduduk.nama, Penduduk.keluarga.wilayah.nama.as_alias("wilayah_nama"))
    query = query.where(Penduduk.hubungan == 1).where(Penduduk.keluarga.aktif == True)  # noqa: E712
    if digits.isascii() and digits.isdigit():
        query = query.where(Penduduk.keluarga.is_in(
            Keluarga.select(Keluarga.id).where(prefix_condition(Keluarga.no_kk, digits))))
    else:
        query = query.where(await name_condition(q))
    found = []
    for row in await lingkup.narrow(query).order_by(Penduduk.nama_cari).limit(LIMIT).run():
        found.append(SearchResult("Keluarga", f"KK {row['nama']}", f"/admin/keluarga/{row['id']}",
                                  " · ".join(x for x in (f"No. KK {row['no_kk']}", row["wilayah_nama"]) if x)))
    return found


async def find(request: Request, q: str) -> dict[str, list[SearchResult]]:
    """Results grouped under their heading, kernel first, then each enabled plugin's."""
    user = await current_user(request)
    results: list[SearchResult] = []
    if has_permission(user, "penduduk.lihat"):
        results += await _residents(q) + await _families(q)
    pairs = await request.app.state.balai.host.acollect("balai_search", only=await enabled_plugins(request),
                                                        request=request, q=q)
    for plugin, result in pairs:
        if isinstance(result, SearchResult):
            results.append(result)
        else:
            log.warning("balai_search dari plugin %s mengembalikan %r, bukan SearchResult", plugin, type(result))
    grouped: dict[str, list[SearchResult]] = {}
    for result in results:
        if len(grouped.setdefault(result.kind, [])) < LIMIT:
            grouped[result.kind].append(result)
    return grouped


@get("/admin/cari", opt={"login": True, "contoh": "/admin/cari?q=ab"}, include_in_schema=False)
async def search_page(request: Request, q: FromQuery[str] = "") -> Template:
    q = " ".join(q.split())[:100]
    if len(q) < MIN_LENGTH:
        return await page(request, "core/cari.html", {"q": q, "hasil": {}, "pendek": bool(q)})
    return await page(request, "core/cari.html", {"q": q, "hasil": await find(request, q), "pendek": False})


@get("/admin/cari/saran", opt={"login": True, "bukan_halaman": "saran pencarian untuk kotak cari (JSON)"},
     include_in_schema=False)
async def suggestions(request: Request, q: FromQuery[str] = "") -> list[dict]:
    """What the header's search box offers while the clerk types (static/core/cari.js); the page works without it."""
    q = " ".join(q.split())[:100]
    if len(q) < MIN_LENGTH:
        return []
    found = await find(request, q)
    return [{"jenis": r.kind, "label": r.label, "url": r.url, "rincian": r.detail}
            for results in found.values() for r in results[:5]]


ROUTES = [search_page, suggestions]
