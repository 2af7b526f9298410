"""The public APB Desa infographic: `/apbdes` (the latest year in force), `/apbdes/{tahun}`, a bidang's drill-down
`/apbdes/{tahun}/bidang/{kode}`, the flat table `/apbdes/{tahun}.csv` and the banner `/apbdes/{tahun}/spanduk.pdf`.

Anonymous and cached whole (cache.py, ENGINEERING-NOTES 13): a page is built once per public version, which every
change to a version in force or its realisation moves. A year with no APB Desa in force gets a friendly page saying
it is not published yet (404, so search engines do not keep it). The figures are `ringkasan`'s, laid out by
tampilan.py; the realisation shown is everything recorded (its last date is printed as "sampai tanggal ...").
"""

from __future__ import annotations

from datetime import date

from litestar import Request, get
from litestar.params import FromPath, FromQuery
from litestar.response import Response

from plugin_sdk import nagari_profile, public_page

from plugins.keuangan import ringkasan as hitung
from plugins.keuangan.kode import BIDANG
from plugins.keuangan.publik import tampilan, unduhan
from plugins.keuangan.publik.cache import CACHE, FILES, cached_route

# A sample URL the privacy scan and the screen test open on the demo, which holds this year's APB Desa.
CONTOH_TAHUN = date.today().year


def tahun_dari(teks: str) -> int | None:
    """The year of a path segment ("2026"), or None when it is not a plausible budget year."""
    teks = teks.strip()
    if not (teks.isdigit() and len(teks) == 4):
        return None
    tahun = int(teks)
    return tahun if tampilan.TAHUN_MIN <= tahun <= tampilan.TAHUN_MAKS else None


async def render(request: Request, template: str, context: dict, status: int = 200) -> tuple[str, int]:
    """A page of the active theme as a string (for the cache), with the nagari's contact for complaints."""
    profil = nagari_profile(request)
    tpl = await public_page(request, template, {"situs_nama": tampilan.situs(profil), **context})
    return request.app.template_engine.get_template(tpl.template_name).render(**tpl.context), status


async def belum_terbit(request: Request, tahun: int | None) -> tuple[str, int]:
    return await render(request, "keuangan/publik/kosong.html", {
        "tahun": tahun, "tahun_tersedia": await hitung.tahun_tersedia()}, 404)


async def _halaman_tahun(request: Request, tahun: int | None) -> tuple[str, int]:
    tersedia = await hitung.tahun_tersedia()
    if tahun is None:
        if not tersedia:
            return await belum_terbit(request, None)
        tahun = tersedia[0]
    r = await hitung.ringkasan(tahun)
    if r is None:
        return await belum_terbit(request, tahun)
    return await render(request, "keuangan/publik/infografis.html", tampilan.infografis(r, tersedia))


@get("/apbdes", opt=cached_route(), include_in_schema=False)
async def terbaru(request: Request) -> Response:
    """The latest year with an APB Desa in force (or the friendly "not published yet" page)."""
    return await CACHE.answer(request, ("apbdes",), lambda: _halaman_tahun(request, None))


@get("/apbdes/{tahun:str}", opt=cached_route(sample=f"/apbdes/{CONTOH_TAHUN}"), include_in_schema=False)
async def per_tahun(request: Request, tahun: FromPath[str]) -> Response:
    """A year's infographic; ``/apbdes/<tahun>.csv`` is its flat table (one route: Litestar has no suffixes)."""
    csv = tahun.endswith(".csv")
    angka_tahun = tahun_dari(tahun[:-4] if csv else tahun)
    if angka_tahun is None:
        return Response(**await _bukan_tahun(request))
    if csv:
        answer = await CACHE.answer(request, ("apbdes-csv", angka_tahun), lambda: unduhan.csv_tahun(angka_tahun),
                                    media_type="text/csv; charset=utf-8", cache_control=FILES)
        return unduhan.lampiran(answer, f"apbdes-{angka_tahun}.csv")
    return await CACHE.answer(request, ("apbdes", angka_tahun), lambda: _halaman_tahun(request, angka_tahun))


async def _bukan_tahun(request: Request) -> dict:
    body, status = await belum_terbit(request, None)
    return {"content": body, "status_code": status, "media_type": "text/html; charset=utf-8"}


@get("/apbdes/{tahun:str}/bidang/{kode:str}", opt=cached_route(sample=f"/apbdes/{CONTOH_TAHUN}/bidang/02"),
     include_in_schema=False)
async def per_bidang(request: Request, tahun: FromPath[str], kode: FromPath[str]) -> Response:
    """One bidang of the year's belanja: its kegiatan as a chart, and sub-bidang > kegiatan > lines as a table."""
    angka_tahun = tahun_dari(tahun)
    if angka_tahun is None or kode not in BIDANG:
        return Response(**await _bukan_tahun(request))

    async def build() -> tuple[str, int]:
        r = await hitung.ringkasan(angka_tahun)
        if r is None:
            return await belum_terbit(request, angka_tahun)
        node = tampilan.bidang(r, kode)
        if node is None:  # a bidang with no kegiatan this year
            return await render(request, "keuangan/publik/kosong.html", {
                "tahun": angka_tahun, "bidang_kosong": kode, "tahun_tersedia": await hitung.tahun_tersedia()}, 404)
        return await render(request, "keuangan/publik/bidang.html", tampilan.rincian_bidang(r, node))

    return await CACHE.answer(request, ("apbdes-bidang", angka_tahun, kode), build)


@get("/apbdes/{tahun:str}/spanduk.pdf", opt=cached_route(not_a_page="spanduk APB Desa (PDF)"),
     include_in_schema=False)
async def spanduk(request: Request, tahun: FromPath[str], ukuran: FromQuery[str] = "A1") -> Response:
    """The year's banner, one portrait page of A1 (default) or A0, to print and hang in front of the office."""
    angka_tahun = tahun_dari(tahun)
    ukuran = ukuran.strip().upper()
    if angka_tahun is None or ukuran not in unduhan.UKURAN:
        return Response("Tahun atau ukuran spanduk tidak dikenal (ukuran: A1 atau A0).",
                        media_type="text/plain; charset=utf-8", status_code=404)
    answer = await CACHE.answer(request, ("apbdes-spanduk", angka_tahun, ukuran),
                                lambda: unduhan.pdf_tahun(request, angka_tahun, ukuran),
                                media_type="application/pdf", cache_control=FILES)
    return unduhan.lampiran(answer, f"spanduk-apbdes-{angka_tahun}-{ukuran}.pdf", unduh=False)


ROUTES = [terbaru, per_tahun, per_bidang, spanduk]
