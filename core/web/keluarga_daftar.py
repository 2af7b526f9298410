"""The list of families (KK): search by No. KK or the head's name, filter, 50 a page; each opens its family page."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from core.audit.log import log_view
from core.penduduk import kode
from core.penduduk.daftar_keluarga import SIZE_LABELS, Saringan, families, pages
from core.penduduk.tables import Keluarga
from core.web.pages import page
from core.web.penduduk_pages import VIEW, sample, wilayah_choices


@get("/admin/keluarga", opt=sample("/admin/keluarga", VIEW), include_in_schema=False)
async def family_list(request: Request) -> Template:
    f = Saringan.from_query(request.query_params)
    rows, total = await families(f)
    params = {k: v for k, v in request.query_params.items() if k != "hal"}
    # The list shows heads' names and KK numbers: logged like the resident list, one entry per page viewed.
    log_view(request, "daftar_keluarga", f.hal, {**params, "jumlah": len(rows)})
    recorded = await Keluarga.exists().where(Keluarga.kelas_sosial.is_not_null()).run()
    return await page(request, "core/keluarga_daftar.html", {
        "rows": rows, "total": total, "f": f, "params": params, "halaman": pages(total),
        "wilayah": await wilayah_choices(), "ukuran": SIZE_LABELS,
        "kelas": kode.labels("kelas_sosial") if recorded or f.kelas_sosial else {}})


ROUTES = [family_list]
