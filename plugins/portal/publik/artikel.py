"""Article lists (all, by kind, by category; paged), the article page and static pages. All cached (cache.py).

An unknown or unpublished slug, an unknown category and a page past the last are the theme's 404.
"""

from __future__ import annotations

from litestar import Request, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery
from litestar.response import Response

from plugin_sdk import nagari_profile

from plugins.portal import api
from plugins.portal.publik import contoh, tampil
from plugins.portal.publik.cache import CACHE, cached_route
from plugins.portal.tables import JADWAL, TERBIT, Artikel, Gambar

LISTS = {  # path -> (kind or None for all, heading, description)
    "/artikel": (None, "Semua tulisan", "Berita, pengumuman dan agenda"),
    "/berita": ("berita", "Berita", "Berita terbaru"),
    "/pengumuman": ("pengumuman", "Pengumuman", "Pengumuman resmi"),
    "/agenda": ("agenda", "Agenda", "Agenda kegiatan"),
}
MAX_PAGE = 10_000


def page_number(value: str) -> int:
    """``?halaman=`` as a number; anything else is the first page (a wrong link should still show something)."""
    value = (value or "").strip()
    return int(value) if value.isdigit() and 0 < int(value) <= MAX_PAGE else 1


async def _list(request: Request, path: str, jenis: str | None, kategori: dict | None, halaman: int,
                heading: str, description: str) -> tuple[str, int]:
    slug = kategori["slug"] if kategori else None
    total = await api.count_visible(jenis=jenis, kategori_slug=slug)
    pages = max(1, -(-total // tampil.PER_PAGE))
    if halaman > pages:
        raise NotFoundException()
    profile = nagari_profile(request)
    rows = [tampil.ready(a, profile) for a in await api.visible_articles(
        jenis=jenis, kategori_slug=slug, limit=tampil.PER_PAGE, offset=(halaman - 1) * tampil.PER_PAGE)]
    title = heading if halaman == 1 else f"{heading} (halaman {halaman})"
    return await tampil.render(request, "portal/publik/daftar.html", {
        "judul": heading, "artikel": rows, "halaman": halaman, "jumlah_halaman": pages, "alamat": path,
        "kategori_semua": await api.categories(), "kategori": kategori,
        "meta": {"title": title, "description": f"{description} {tampil.site_name(profile)}.",
                 "url": path + (f"?halaman={halaman}" if halaman > 1 else "")}}), 200


def _list_route(path: str):
    jenis, heading, description = LISTS[path]

    @get(path, opt=cached_route(), include_in_schema=False, name=f"portal:{path.strip('/')}")
    async def handler(request: Request, halaman: FromQuery[str] = "1") -> Response:
        number = page_number(halaman)
        return await CACHE.answer(request, ("daftar", path, number),
                                  lambda: _list(request, path, jenis, None, number, heading, description))

    return handler


@get("/kategori/{slug:str}", opt=cached_route(sample="/kategori/pertanian"), include_in_schema=False)
async def category(request: Request, slug: FromPath[str], halaman: FromQuery[str] = "1") -> Response:
    number = page_number(halaman)

    async def build():
        found = next((k for k in await api.categories() if k["slug"] == slug), None)
        if found is None:
            raise NotFoundException()
        return await _list(request, f"/kategori/{slug}", None, found, number, found["nama"],
                           f"Tulisan dalam kategori {found['nama']} dari")

    return await CACHE.answer(request, ("kategori", slug, number), build)


async def _cover_size(berkas: str) -> dict | None:
    if not berkas:
        return None
    row = await Gambar.select(Gambar.lebar, Gambar.tinggi).where(Gambar.berkas == berkas).first().run()
    return row if row and row["lebar"] and row["tinggi"] else None


@get("/artikel/{slug:str}", opt=cached_route(sample=f"/artikel/{contoh.SAMPLE_ARTICLE}"),
     include_in_schema=False)
async def article_page(request: Request, slug: FromPath[str]) -> Response:
    async def build():
        found = await api.article(slug)
        if found is None:
            raise NotFoundException()
        profile = nagari_profile(request)
        article = tampil.ready(found, profile)
        return await tampil.render(request, "portal/publik/artikel.html", {
            "a": article, "ukuran_sampul": await _cover_size(article["sampul"]),
            "komentar": await api.approved_comments(article["id"]),
            "meta": {"title": article["judul"], "description": article["ringkasan_teks"], "type": "article",
                     "url": article["url"], "image": article["sampul_url"], "published": article["tanggal_iso"]}}), 200

    return await CACHE.answer(request, ("artikel", slug), build)


@get("/halaman/{slug:str}", opt=cached_route(sample="/halaman/sejarah"), include_in_schema=False)
async def static_page(request: Request, slug: FromPath[str]) -> Response:
    async def build():
        found = await api.page(slug)
        if found is None:
            raise NotFoundException()
        page = found  # api.page cleans the HTML again on every read
        return await tampil.render(request, "portal/publik/halaman.html", {
            "h": page, "meta": {"title": page["judul"], "description": tampil.summary({"isi": page["isi"]}),
                                "url": page["url"]}}), 200

    return await CACHE.answer(request, ("halaman", slug), build)


async def next_change() -> float | None:
    """The next moment a page changes by time alone: a scheduled article appears, an agenda item starts (and
    leaves the home page's upcoming agenda). Epoch seconds, or None."""
    now = api._now()  # the contract's clock, so both agree on what "visible now" means
    moments = []
    for column in (Artikel.terbit_pada, Artikel.agenda_mulai):
        rows = await Artikel.select(column).where(Artikel.status.is_in([TERBIT, JADWAL]), column > now).order_by(
            column).limit(1).run()
        if rows:
            moments.append(rows[0][column._meta.name].timestamp())
    return min(moments, default=None)


CACHE.clocks.append(next_change)

ROUTES = [*(_list_route(path) for path in LISTS), category, article_page, static_page]
