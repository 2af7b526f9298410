"""An imported template's HTML: refused when it would reach outside the letter, otherwise sanitised.

A letter is rendered by xhtml2pdf, which fetches what an ``<img src>``, a ``<link>`` or a CSS ``url()`` names
(ENGINEERING-NOTES 2). Balai's renderer already blocks those, but an imported template should not even try: a
template carrying a script, an object, or a picture or style that names a file or an address is refused with a
message saying which element, so the office removes it in OpenSID and exports again. What remains is cleaned with
nh3 down to what letters use: paragraphs, headings, tables, lists and inline formatting, with alignment, width,
indent, spacing and border styles. Jinja's own syntax in the text is made harmless later (``ubah``), after this.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

# Elements that load, run or embed something. A letter needs none of them.
REACHING = {
    "script": "skrip", "noscript": "skrip", "iframe": "bingkai halaman lain (iframe)", "frame": "bingkai (frame)",
    "frameset": "bingkai (frameset)", "object": "objek tertanam (object)", "embed": "objek tertanam (embed)",
    "applet": "applet", "link": "tautan berkas luar (link)", "base": "alamat dasar (base)", "meta": "tag meta",
    "style": "lembar gaya (style)", "svg": "gambar SVG", "math": "MathML", "video": "video", "audio": "audio",
    "source": "sumber media", "track": "sumber media", "picture": "gambar (picture)", "image": "gambar (image)",
    "use": "rujukan SVG (use)", "portal": "portal",
}
LOADING_ATTRIBUTES = {"src", "srcset", "lowsrc", "dynsrc", "data", "background", "poster", "action", "formaction",
                      "codebase", "xlink:href", "href"}
BAD_STYLE = re.compile(r"url\s*\(|expression\s*\(|@import|behavior\s*:|-moz-binding|javascript:", re.I)
BAD_LINK = re.compile(r"^\s*(javascript|vbscript|data|file):", re.I)
# OpenSID's own picture codes are <img> tags: the resident's photo (a stand-in picture, kuser.png). It is a code,
# not a file the office chose, so it becomes [foto_penduduk] and is listed like any code Balai cannot fill.
PHOTO = re.compile(r"<img\b[^>]*\bsrc\s*=\s*[\"'][^\"']*kuser\.png[\"'][^>]*>", re.I)
PHOTO_CODE = "[foto_penduduk]"

TAGS = {"p", "br", "div", "span", "b", "strong", "i", "em", "u", "s", "strike", "sub", "sup", "small", "big",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "ol", "ul", "li",
        "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col"}
ATTRIBUTES = {"*": {"style", "align"}, "table": {"border", "cellpadding", "cellspacing", "width"},
              "td": {"colspan", "rowspan", "width", "valign"}, "th": {"colspan", "rowspan", "width", "valign"},
              "col": {"span", "width"}, "colgroup": {"span", "width"}, "ol": {"start", "type"}, "li": {"value"}}
# Heights are left out on purpose: TinyMCE writes pixel heights on every row, which only crowd a printed letter.
STYLES = {"text-align", "text-indent", "text-decoration", "vertical-align", "font-weight", "font-style", "font-size",
          "line-height", "width", "white-space", "border-collapse", "border", "border-top", "border-right",
          "border-bottom", "border-left", "border-width", "border-style", "border-color",
          "margin", "margin-top", "margin-right", "margin-bottom", "margin-left",
          "padding", "padding-top", "padding-right", "padding-bottom", "padding-left", "list-style-type"}


class TemplatBerbahaya(ValueError):
    """The template would reach outside the letter; the message names what and says what to do."""


def _short(value: str) -> str:
    value = " ".join(value.split())
    return value if len(value) <= 80 else value[:77] + "..."


class _Scan(HTMLParser):
    """Collects what would reach outside: elements, loading attributes, script handlers, style URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.pictures = 0  # inline pictures (data:), dropped with a note

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in REACHING:
            self.found.append(f"{REACHING[tag]} <{tag}>")
            return
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"skrip pada atribut {name} <{tag}>")
            elif name == "style" and BAD_STYLE.search(value):
                self.found.append(f"gaya yang memuat alamat luar pada <{tag} style=\"{_short(value)}\">")
            elif name == "href" and tag == "a":
                if BAD_LINK.match(value):
                    self.found.append(f"tautan skrip atau berkas <a href=\"{_short(value)}\">")
            elif name in LOADING_ATTRIBUTES and value.strip():
                if tag == "img" and name == "src" and value.strip().lower().startswith("data:image/"):
                    self.pictures += 1
                else:
                    self.found.append(f"<{tag} {name}=\"{_short(value)}\"> yang mengambil berkas atau alamat luar")

    handle_startendtag = handle_starttag


def check(html: str) -> tuple[str, int]:
    """(the HTML with OpenSID's photo code as text, pictures to drop) or TemplatBerbahaya naming what reaches out."""
    html = PHOTO.sub(PHOTO_CODE, html)
    scan = _Scan()
    scan.feed(html)
    scan.close()
    if scan.found:
        listed = "; ".join(dict.fromkeys(scan.found))
        raise TemplatBerbahaya(
            f"Templat memuat {listed}. Balai tidak mengimpor templat yang dapat menjalankan skrip atau mengambil "
            "berkas dan alamat di luar surat: hapus bagian itu di OpenSID, ekspor lagi, lalu impor ulang.")
    return html, scan.pictures


def sanitise(html: str) -> str:
    """Only what letters use; comments (TinyMCE's page breaks among them) and everything else are dropped."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, filter_style_properties=STYLES, url_schemes=set(),
                     link_rel=None, strip_comments=True)
