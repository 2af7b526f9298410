"""Articles and pages in the office's search box, by a word of their title, for those who may edit them."""

from __future__ import annotations

from piccolo.query.functions.string import Lower

from plugin_sdk import SearchResult, current_user, has_permission, hookimpl

from plugins.portal.tables import JENIS, STATUS, Artikel, Halaman

LIMIT = 10


@hookimpl
async def balai_search(request, q):
    # LOWER on both sides: the same case-blind match on SQLite and PostgreSQL (ILIKE is PostgreSQL's only).
    if not has_permission(await current_user(request), "portal.tulis"):
        return []
    articles = await Artikel.select(Artikel.id, Artikel.judul, Artikel.jenis, Artikel.status).where(
        Lower(Artikel.judul).like(f"%{q.lower()}%")).order_by(Artikel.diubah, ascending=False).limit(LIMIT).run()
    found = [SearchResult("Situs web", a["judul"], f"/admin/portal/artikel/{a['id']}",
                          f"{JENIS.get(a['jenis'], a['jenis'])} · {STATUS.get(a['status'], a['status'])}")
             for a in articles]
    if len(found) < LIMIT:
        pages = await Halaman.select(Halaman.id, Halaman.judul).where(
            Lower(Halaman.judul).like(f"%{q.lower()}%")).order_by(Halaman.judul).limit(LIMIT - len(found)).run()
        found += [SearchResult("Situs web", p["judul"], f"/admin/portal/halaman/{p['id']}", "Halaman")
                  for p in pages]
    return found
