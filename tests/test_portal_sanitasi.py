"""XSS payloads against the website's editors' fields (issue 21; OpenSID's XSS reports #1175, #3000, #6383).

The article body is HTML and is cleaned by nh3 before it is stored; titles, category names and comments are plain
text, stored as typed and escaped wherever they are shown. The browser test (tests/test_browser_portal.py) checks
that nothing runs on the public pages; here the stored HTML and the admin pages are checked.
"""

import re
from html.parser import HTMLParser

import pytest

from plugin_sdk.testing import post_form, run_sync
from plugins.portal.api import sanitise
from plugins.portal.tables import Artikel, Halaman, Kategori, Komentar

PAYLOADS = [
    "<script>window.__xss=1</script>",
    "<SCRIPT SRC=//jahat.example/x.js></SCRIPT>",
    "<img src=x onerror=\"window.__xss=1\">",
    "<body onload=window.__xss=1>",
    "<p onclick=\"window.__xss=1\" onmouseover=window.__xss=1>klik</p>",
    "<a href=\"javascript:window.__xss=1\">tautan</a>",
    "<a href=\" JaVaScRiPt:window.__xss=1\">tautan</a>",
    "<a href=\"jav&#x09;ascript:window.__xss=1\">tautan</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==\">data</a>",
    "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
    "<svg onload=window.__xss=1><circle r=1></circle></svg>",
    "<svg><script>window.__xss=1</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "<p style=\"width: expression(window.__xss=1)\">css</p>",
    "<div style=\"background:url(javascript:window.__xss=1)\">css</div>",
    "<style>p{background:url(javascript:window.__xss=1)}</style>",
    "<iframe src=\"javascript:window.__xss=1\"></iframe>",
    "<object data=\"javascript:window.__xss=1\"></object><embed src=x>",
    "<form action=\"javascript:window.__xss=1\"><button>kirim</button></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__xss=1\">",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "<img src=x onerror=window.__xss=1//",
    "<<img src=x onerror=window.__xss=1>>",
    "<!--<img src=x onerror=window.__xss=1>-->",
    "<noscript><p title=\"</noscript><img src=x onerror=window.__xss=1>\">",
    "<a href=\"/ok\" target=\"_blank\" onfocus=\"window.__xss=1\" autofocus>fokus</a>",
    "<img src=\"https://pelacak.example/p.gif\" alt=\"pelacak\">",
    # a foreign picture is dropped whole; markup inside its alt text must not come loose when it is
    "<img alt=\"x><script>window.__xss=1</script>\" src=\"https://pelacak.example/p.gif\">",
    "<img alt='\"><svg onload=window.__xss=1>' src=\"/portal/gambar/" + "a" * 32 + ".webp\">",
    "<base href=\"javascript:/\"><a href=\"x\">basis</a>",
]
FORBIDDEN_TAGS = {"script", "style", "svg", "math", "iframe", "object", "embed", "form", "meta", "base", "body",
                  "link", "noscript", "textarea", "input", "button"}


class _Markup(HTMLParser):
    """What a browser would make of the HTML: its elements and their attributes (text and escaped values aside)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            link = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name.startswith("on") or name == "style":
                self.found.append(f"{tag}[{name}]")
            elif name in ("href", "src") and (link.startswith(("javascript:", "data:", "vbscript:"))
                                              or "pelacak.example" in link):
                self.found.append(f"{tag}[{name}={value}]")


def dangerous(html: str) -> list[str]:
    parser = _Markup()
    parser.feed(html)
    parser.close()
    return parser.found


def test_the_check_sees_markup_that_would_run():
    for raw in ("<img src=x onerror=a()>", "<a href=\" java\tscript:x()\">x</a>", "<svg><circle/></svg>",
                "<p style=\"x\">", "<img src=\"data:image/png;base64,AA\">", "<b><script>x()</script></b>"):
        assert dangerous(raw), raw
    assert dangerous('<img alt="&quot;&gt;&lt;svg onload=x()&gt;" src="/portal/gambar/a.webp">') == []  # only text


@pytest.mark.parametrize("payload", PAYLOADS)
def test_body_html_keeps_nothing_that_can_run(payload):
    clean = sanitise(payload)
    assert dangerous(clean) == [], clean
    assert sanitise(clean) == clean  # cleaning again (on render) changes nothing


def test_what_editors_and_trix_write_survives():
    picture = "/portal/gambar/" + "a" * 32 + ".webp"
    trix = (f'<div>Rapat <strong>penting</strong><br>pukul <em>09.00</em></div><h1>Hasil</h1>'
            f'<ul><li>satu</li></ul><blockquote>kutipan</blockquote><pre>kode</pre><del>batal</del>'
            f'<figure data-trix-attachment="{{&quot;url&quot;:&quot;x&quot;}}" class="attachment attachment--preview">'
            f'<img src="{picture}" width="1600" height="1200"><figcaption class="attachment__caption">Foto'
            f'</figcaption></figure><a href="https://sumbarprov.go.id">tautan</a> <a href="mailto:wali@nagari.id">'
            f'surel</a> <a href="/statistik">statistik</a>'
            f'<table><thead><tr><th>Uraian</th></tr></thead><tbody><tr><td colspan="2">Rp 1.000</td></tr></tbody>'
            f'</table>')
    clean = sanitise(trix)
    assert "<div>Rapat <strong>penting</strong><br>pukul <em>09.00</em></div>" in clean
    assert "<h2>Hasil</h2>" in clean and "<h1" not in clean  # the page's title is its only h1
    assert (f'<figure><img alt="" src="{picture}" width="1600" height="1200"><figcaption>Foto</figcaption></figure>'
            in clean)  # no text of its own: decorative, its caption speaks for it
    assert '<a href="https://sumbarprov.go.id" rel="noopener nofollow">tautan</a>' in clean
    assert 'href="mailto:wali@nagari.id"' in clean and 'href="/statistik"' in clean
    assert '<td colspan="2">Rp 1.000</td>' in clean and "<blockquote>kutipan</blockquote>" in clean
    assert "data-trix" not in clean and "class=" not in clean


PAYLOAD = "<script>window.__xss=1</script><img src=x onerror=window.__xss=1>\"'><svg onload=alert(1)>"


def _escaped(html: str) -> bool:
    """The payload shows as text: its tags arrive escaped, never as markup."""
    return "<script>window.__xss" not in html and "<svg onload" not in html and "&lt;script&gt;" in html


def test_payloads_through_every_editor_field_are_stored_clean_or_as_text(admin_client):
    post_form(admin_client, "/admin/portal/kategori", {"nama": PAYLOAD[:80], "urutan": "1"})
    [category] = run_sync(Kategori.select().run())
    assert category["nama"] == PAYLOAD[:80]  # plain text, kept as typed
    body = "<p>Isi</p>" + "".join(PAYLOADS)
    saved = post_form(admin_client, "/admin/portal/artikel/baru", {
        "judul": PAYLOAD, "slug": "", "jenis": "berita", "kategori": str(category["id"]), "ringkasan": PAYLOAD,
        "isi": body, "status": "terbit", "komentar_dibuka": "1"}, files={"sampul_berkas": ("", b"")},
        follow_redirects=False)
    assert saved.status_code in (302, 303)
    [article] = run_sync(Artikel.select().run())
    assert article["judul"] == PAYLOAD and re.fullmatch(r"[a-z0-9-]+", article["slug"])
    assert article["isi"].startswith("<p>Isi</p>") and dangerous(article["isi"]) == []
    post_form(admin_client, "/admin/portal/halaman/baru", {"judul": PAYLOAD, "slug": "uji", "isi": body, "terbit": "1"})
    [page] = run_sync(Halaman.select().run())
    assert dangerous(page["isi"]) == []
    run_sync(Komentar.insert(Komentar(artikel=article["id"], nama=PAYLOAD[:80], isi=PAYLOAD, sidik="x")).run())

    for url in ("/admin/portal/artikel", f"/admin/portal/artikel/{article['id']}", "/admin/portal/kategori",
                "/admin/portal/komentar", "/admin/portal/halaman", f"/admin/portal/halaman/{page['id']}",
                f"/admin/portal/artikel/{article['id']}/hapus"):
        html = admin_client.get(url).text
        assert _escaped(html), url
    editor = admin_client.get(f"/admin/portal/artikel/{article['id']}").text
    # The stored body goes back into the textarea escaped, so it cannot close the textarea and run.
    assert "</textarea><script" not in editor and "&lt;p&gt;Isi&lt;/p&gt;" in editor
