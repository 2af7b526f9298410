"""The RSS 2.0 feed of news and announcements (/feed.xml): absolute links, plain-text summaries, cached."""

from __future__ import annotations

from email.utils import format_datetime
from xml.etree.ElementTree import Element, SubElement, tostring

from litestar import Request, get
from litestar.response import Response

from plugin_sdk import nagari_profile, stored_file

from plugins.portal import api
from plugins.portal.gambar import FOLDER
from plugins.portal.publik import tampil
from plugins.portal.publik.cache import CACHE, FILES, cached_route

ITEMS = 20
ATOM = "http://www.w3.org/2005/Atom"


def _size(request: Request, url: str) -> int:
    """Bytes of a stored picture (RSS wants an enclosure's length); 0 when it is gone."""
    path = stored_file(request, FOLDER, url.rsplit("/", 1)[-1])
    return path.stat().st_size if path else 0


async def _feed(request: Request) -> tuple[bytes, int]:
    profile = nagari_profile(request)
    name = tampil.site_name(profile)
    rows = [*await api.visible_articles(jenis="berita", limit=ITEMS),
            *await api.visible_articles(jenis="pengumuman", limit=ITEMS)]
    rows = sorted(rows, key=lambda a: (a["terbit_pada"], a["id"]), reverse=True)[:ITEMS]
    rss = Element("rss", {"version": "2.0", "xmlns:atom": ATOM})
    channel = SubElement(rss, "channel")
    SubElement(channel, "title").text = f"Berita dan pengumuman {name}"
    SubElement(channel, "link").text = tampil.absolute(request, "/")
    SubElement(channel, "description").text = f"Berita dan pengumuman resmi Pemerintah {name}."
    SubElement(channel, "language").text = "id"
    SubElement(channel, "atom:link", {"href": tampil.absolute(request, "/feed.xml"), "rel": "self",
                                      "type": "application/rss+xml"})
    if rows:
        SubElement(channel, "lastBuildDate").text = format_datetime(max(a["terbit_pada"] for a in rows))
    for a in rows:
        item = SubElement(channel, "item")
        link = tampil.absolute(request, a["url"])
        SubElement(item, "title").text = a["judul"]
        SubElement(item, "link").text = link
        SubElement(item, "guid", {"isPermaLink": "true"}).text = link
        SubElement(item, "pubDate").text = format_datetime(a["terbit_pada"])
        SubElement(item, "category").text = "Pengumuman" if a["jenis"] == "pengumuman" else (a["kategori"] or "Berita")
        SubElement(item, "description").text = tampil.summary(a)
        if a["sampul"] and (size := _size(request, a["sampul_kecil_url"])):
            SubElement(item, "enclosure", {"url": tampil.absolute(request, a["sampul_kecil_url"]), "type": "image/webp",
                                           "length": str(size)})
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + tostring(rss, encoding="unicode").encode(), 200


@get("/feed.xml", opt=cached_route(not_a_page="umpan RSS berita dan pengumuman"), include_in_schema=False)
async def feed(request: Request) -> Response:
    return await CACHE.answer(request, ("feed",), lambda: _feed(request),
                              media_type="application/rss+xml; charset=utf-8", cache_control=FILES)


ROUTES = [feed]
