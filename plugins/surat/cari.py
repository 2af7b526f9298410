"""Letters in the office's search box: by number (any part of it) or the name of the person it is for."""

from __future__ import annotations

from plugin_sdk import SearchResult, current_user, has_permission, hookimpl

from plugins.surat.halaman.arsip import STATUS, _scope
from plugins.surat.tables import Surat

LIMIT = 10


@hookimpl
async def balai_search(request, q):
    if not has_permission(await current_user(request), "surat.lihat"):
        return []
    query = Surat.select(Surat.id, Surat.nomor, Surat.judul, Surat.nama, Surat.status, Surat.tanggal).where(
        Surat.nomor.like(f"%{q}%") | Surat.nama_cari.like(f"%{q.lower()}%"))
    scope = await _scope(request)
    if scope is not None:
        query = query.where(scope)
    rows = await query.order_by(Surat.id, ascending=False).limit(LIMIT).run()
    return [SearchResult("Surat", f"{r['judul']}: {r['nama']}", f"/admin/surat/{r['id']}",
                         " · ".join(x for x in (r["nomor"] or "", STATUS.get(r["status"], "")) if x)) for r in rows]
