"""/sitemap.xml (home, lists, articles, static pages, the public statistics) and /robots.txt, absolute URLs."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, tostring

from litestar import Request, get
from litestar.response import Response

from plugin_sdk import enabled_plugins

from plugins.portal import api
from plugins.portal.publik import tampil
from plugins.portal.publik.cache import CACHE, FILES, cached_route

MAX_ARTICLES = 5000  # far below the protocol's 50,000 URLs per file
FIXED = ("/", "/berita", "/pengumuman", "/agenda", "/struktur", "/kontak")
NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


async def _statistics_paths(request: Request) -> list[str]:
    if "statistik" not in await enabled_plugins(request):
        return []
    from plugins.statistik import api as statistik

    return ["/statistik", *(f"/statistik/{k.kode}" for k in statistik.categories())]


async def _sitemap(request: Request) -> tuple[bytes, int]:
    root = Element("urlset", {"xmlns": NS})

    def add(path: str, modified=None) -> None:
        url = SubElement(root, "url")
        SubElement(url, "loc").text = tampil.absolute(request, path)
        if modified is not None:
            SubElement(url, "lastmod").text = modified.date().isoformat()

    for path in FIXED:
        add(path)
    for article in await api.visible_articles(limit=MAX_ARTICLES):
        add(article["url"], article.get("diubah") or article["terbit_pada"])
    for page in await api.pages():
        add(page["url"], page.get("diubah"))
    for path in await _statistics_paths(request):
        add(path)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(root, encoding="unicode").encode(), 200


@get("/sitemap.xml", opt=cached_route(not_a_page="peta situs untuk mesin pencari"), include_in_schema=False)
async def sitemap(request: Request) -> Response:
    return await CACHE.answer(request, ("sitemap",), lambda: _sitemap(request),
                              media_type="application/xml; charset=utf-8", cache_control=FILES)


async def _robots(request: Request) -> tuple[str, int]:
    return ("User-agent: *\nDisallow: /admin\nDisallow: /masuk\nDisallow: /warga\nDisallow: /portal/komentar/\n"
            f"\nSitemap: {tampil.absolute(request, '/sitemap.xml')}\n"), 200


@get("/robots.txt", opt=cached_route(not_a_page="aturan untuk mesin pencari"), include_in_schema=False)
async def robots(request: Request) -> Response:
    return await CACHE.answer(request, ("robots",), lambda: _robots(request),
                              media_type="text/plain; charset=utf-8", cache_control=FILES)


ROUTES = [sitemap, robots]
