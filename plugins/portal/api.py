"""The portal's contract: what the public pages and other plugins may read of the website's content.

Plain data only (dicts of strings, numbers, datetimes); nothing here writes. `sanitise` is the one HTML cleaner:
the admin calls it on every save and the public pages call it again on render. `Blok` is the home-page block other
plugins return from the `portal_blok_beranda` event (defined in events.py, published here). Contract version 1.1
(1.1: Blok).
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import nh3

from plugins.portal.events import Blok
from plugins.portal.tables import JADWAL, TAMPIL, TERBIT, Artikel, BlokBeranda, Halaman, Kategori, Komentar, MenuPortal

__all__ = ["Blok", "sanitise", "image_url", "article_url", "page_url", "visible_articles", "count_visible", "article",
           "page", "menu", "categories", "approved_comments", "home_block_order", "GAMBAR_URL", "IMAGE_NAME"]

GAMBAR_URL = "/portal/gambar/"
# A stored image: 32 hex digits, optionally the small variant's "-480", always WebP (see gambar.py).
IMAGE_NAME = re.compile(r"^[a-f0-9]{32}(-480)?\.webp$")
SMALL_WIDTH = 480

_TAGS = {
    "p", "div", "br", "hr", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "del", "a", "ul", "ol", "li",
    "blockquote", "pre", "img", "figure", "figcaption",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}
_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "width", "height"}, "th": {"colspan", "rowspan"},
               "td": {"colspan", "rowspan"}}
_NUMBER = re.compile(r"^[0-9]{1,4}$")
_IMAGE_SRC = re.compile(r"^/portal/gambar/[a-f0-9]{32}(-480)?\.webp$")
# Trix (the editor) writes its heading as <h1>; the page's own title is the only h1, so headings start at h2.
_H1 = re.compile(r"<(/?)h1\b", re.I)
# An <img> whose src the filter dropped (a data: URI, another site) shows as a broken picture: leave it out.
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
# A picture the editor gave no text (Trix writes none; its caption is the figure's) is marked decorative, so screen
# readers skip it instead of reading out its file name. Safe on nh3's output: it escapes < and > inside attributes.
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\salt=)")


def _attribute(tag: str, name: str, value: str) -> str | None:
    if name in ("width", "height", "colspan", "rowspan"):
        return value if _NUMBER.match(value) else None
    if tag == "img" and name == "src":
        # Only pictures this site stored (checked, resized, stripped): no data: URIs, no hot-linked trackers.
        return value if _IMAGE_SRC.match(value) else None
    return value


def sanitise(html: str | None) -> str:
    """The HTML an editor wrote, reduced to the allow-list: no scripts, event handlers, styles, SVG, data: URIs
    or foreign images; links only http(s), mailto or relative, opened with rel="noopener nofollow"."""
    if not html:
        return ""
    clean = nh3.clean(_H1.sub(r"<\1h2", html), tags=_TAGS, clean_content_tags={"script", "style"},
                      attributes=_ATTRIBUTES, attribute_filter=_attribute, link_rel="noopener nofollow",
                      url_schemes={"http", "https", "mailto"}, strip_comments=True)
    return _IMG_WITHOUT_ALT.sub('<img alt=""', _IMG_WITHOUT_SRC.sub("", clean)).strip()


def image_url(berkas: str, lebar: int | None = None) -> str:
    """The public URL of a stored image; ``lebar=480`` (or less) gives the small variant for lists and phones."""
    if not berkas or not IMAGE_NAME.match(berkas):
        return ""
    if lebar is not None and lebar <= SMALL_WIDTH:
        berkas = berkas.removesuffix(".webp").removesuffix("-480") + "-480.webp"
    return GAMBAR_URL + berkas


def article_url(slug: str) -> str:
    return f"/artikel/{slug}"


def page_url(slug: str) -> str:
    return f"/halaman/{slug}"


def _now() -> datetime:
    return datetime.now(timezone.utc)


_ARTICLE_COLUMNS = (Artikel.id, Artikel.judul, Artikel.slug, Artikel.jenis, Artikel.ringkasan, Artikel.isi,
                    Artikel.sampul, Artikel.status, Artikel.terbit_pada, Artikel.agenda_mulai, Artikel.agenda_tempat,
                    Artikel.komentar_dibuka, Artikel.penulis, Artikel.diubah,
                    Artikel.kategori.nama.as_alias("kategori"), Artikel.kategori.slug.as_alias("kategori_slug"))


def _visible(query, jenis: str | None, kategori_slug: str | None, upcoming: bool):
    now = _now()
    query = query.where(Artikel.status.is_in([TERBIT, JADWAL]), Artikel.terbit_pada <= now)
    if jenis:
        query = query.where(Artikel.jenis == jenis)
    if kategori_slug:
        query = query.where(Artikel.kategori.slug == kategori_slug)
    if upcoming:
        query = query.where(Artikel.agenda_mulai >= now)
    return query


def _article(row: dict) -> dict:
    row = dict(row)
    row["kategori"] = row.get("kategori") or ""
    row["kategori_slug"] = row.get("kategori_slug") or ""
    row["url"] = article_url(row["slug"])
    row["sampul_url"] = image_url(row["sampul"])
    row["sampul_kecil_url"] = image_url(row["sampul"], SMALL_WIDTH)
    return row


async def visible_articles(jenis: str | None = None, kategori_slug: str | None = None, limit: int = 10,
                           offset: int = 0, upcoming: bool = False) -> list[dict]:
    """Articles the public may see, newest first; ``upcoming=True`` gives agenda items not yet started, soonest
    first. Each dict: id, judul, slug, url, jenis, kategori, kategori_slug, ringkasan, isi (sanitised HTML),
    sampul, sampul_url, sampul_kecil_url, terbit_pada, agenda_mulai, agenda_tempat, komentar_dibuka, penulis."""
    query = _visible(Artikel.select(*_ARTICLE_COLUMNS), jenis, kategori_slug, upcoming)
    if upcoming:
        query = query.order_by(Artikel.agenda_mulai)
    else:
        query = query.order_by(Artikel.terbit_pada, ascending=False).order_by(Artikel.id, ascending=False)
    return [_article(row) for row in await query.limit(limit).offset(offset).run()]


async def count_visible(jenis: str | None = None, kategori_slug: str | None = None, upcoming: bool = False) -> int:
    return await _visible(Artikel.count(), jenis, kategori_slug, upcoming).run()


async def article(slug: str) -> dict | None:
    """One article by its slug, only while the public may see it."""
    rows = await _visible(Artikel.select(*_ARTICLE_COLUMNS).where(Artikel.slug == slug), None, None, False).run()
    return _article(rows[0]) if rows else None


async def page(slug: str) -> dict | None:
    """A published static page: id, judul, slug, url, isi (sanitised HTML, cleaned again here on every read, so
    the page and the home page's greeting never depend on what was stored), diubah."""
    row = await Halaman.select().where(Halaman.slug == slug, Halaman.terbit.eq(True)).first().run()
    if row is None:
        return None
    return {"id": row["id"], "judul": row["judul"], "slug": row["slug"], "url": page_url(row["slug"]),
            "isi": sanitise(row["isi"]), "diubah": row["diubah"]}


async def pages() -> list[dict]:
    """Every published static page (for the sitemap): judul, slug, url, diubah."""
    rows = await Halaman.select(Halaman.judul, Halaman.slug, Halaman.diubah).where(
        Halaman.terbit.eq(True)).order_by(Halaman.judul).run()
    return [{**row, "url": page_url(row["slug"])} for row in rows]


async def menu() -> list[dict]:
    """The editor's public menu, in order: dicts of label and url (a published page or an internal path)."""
    rows = await MenuPortal.select(MenuPortal.label, MenuPortal.tautan, MenuPortal.halaman.slug.as_alias("slug"),
                                   MenuPortal.halaman.terbit.as_alias("terbit")).order_by(
        MenuPortal.urutan).order_by(MenuPortal.id).run()
    found = []
    for row in rows:
        if row["slug"]:
            if row["terbit"]:
                found.append({"label": row["label"], "url": page_url(row["slug"])})
        elif row["tautan"]:
            found.append({"label": row["label"], "url": row["tautan"]})
    return found


async def categories() -> list[dict]:
    """Categories in the editor's order: id, nama, slug."""
    return await Kategori.select(Kategori.id, Kategori.nama, Kategori.slug).order_by(Kategori.urutan).order_by(
        Kategori.nama).run()


async def approved_comments(artikel_id: int) -> list[dict]:
    """Comments the moderator let through, oldest first: nama, isi (plain text: escape it), dibuat."""
    return await Komentar.select(Komentar.nama, Komentar.isi, Komentar.dibuat).where(
        Komentar.artikel == artikel_id, Komentar.status == TAMPIL).order_by(Komentar.dibuat).order_by(
        Komentar.id).run()


async def home_block_order() -> dict[str, tuple[int, bool]]:
    """The editor's choice for home blocks: key -> (order, shown). A block without an entry keeps its own order
    and is shown, after the ordered ones."""
    rows = await BlokBeranda.select().run()
    return {row["kunci"]: (row["urutan"], bool(row["tampil"])) for row in rows}
