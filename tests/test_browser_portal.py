"""In a real Chromium (issue 21): an editor publishes an article with a picture and pasted XSS in a category named
with XSS; a visitor on a 390-px phone (and at 360 px, the narrowest the issue names) reads it and its category,
nothing runs and nothing overflows; a visitor comments with XSS, the administrator approves it and switches the
theme; the comment shows as text; the feed and the sitemap list the article."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import httpx
import pytest

from tests.live import LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
NARROWEST = 360
EDITOR = ("redaksi", "sandi-redaksi-uji-1")
TITLE = 'Panen raya <img src=x onerror="window.__xss=1"> di Koto Tuo'
PAYLOAD = ('<p>Panen tahun ini melimpah.</p><img src="x" onerror="window.__xss=2">'
           '<script>window.__xss=3</script><a href="javascript:window.__xss=4">baca</a>'
           '<svg onload="window.__xss=5"><circle r="9"/></svg><p style="background:url(javascript:alert(6))">'
           'Sawah <b onmouseover="window.__xss=7">hijau</b></p><iframe src="javascript:alert(8)"></iframe>'
           '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoOSk+">')
CATEGORY = 'Tani <img src=x onerror="window.__xss=11"><script>window.__xss=12</script>'  # plain text, <= 80
COMMENT = 'Mantap! <script>window.__xss=21</script><img src=x onerror="window.__xss=22"><b onclick=alert(23)>ya</b>'


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("portal")
    balai_cli(data, "demo", "--no-serve", "--penduduk", "100", "--tanpa-surat")
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")} | {"BALAI_DATA_DIR": str(data)}
    subprocess.run([sys.executable, "-c", (  # an editor with the Redaksi role only, as the office would add one
        "from core.cli.common import run\nfrom core.identity.users import create_user\n"
        f"run(lambda balai: create_user({EDITOR[0]!r}, 'Redaksi Nagari', {EDITOR[1]!r}, 'redaksi'))")],
        env=env, check=True, capture_output=True, timeout=120)
    live = LiveServer(data)
    yield live
    live.stop()


def picture() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), (90, 160, 80))
    ImageDraw.Draw(image).rectangle([(100, 100), (700, 500)], fill=(230, 200, 60))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def publish(browser, server, tmp_path) -> str:  # noqa: F811
    """As the editor: write the article (title with markup, body pasted into the editor), picture, publish."""
    context = browser.new_context()
    page = context.new_page()
    log_in(page, server.url, *EDITOR)
    page.goto(server.url + "/admin/portal/kategori")
    page.locator('form[action="/admin/portal/kategori"] input[name=nama]').fill(CATEGORY)
    page.get_by_role("button", name="Tambah").click()
    page.wait_for_load_state()
    page.goto(server.url + "/admin/portal/artikel/baru")
    page.get_by_label("Judul", exact=True).fill(TITLE)
    page.locator("trix-editor").wait_for()
    page.locator("trix-editor").evaluate("(el, html) => el.editor.insertHTML(html)", PAYLOAD)  # what a paste does
    cover = tmp_path / "sawah.jpg"
    cover.write_bytes(picture())
    page.locator("input[name=sampul_berkas]").set_input_files(str(cover))
    page.locator("select[name=kategori]").select_option(label=CATEGORY)
    page.locator("input[name=komentar_dibuka]").check()
    page.locator("input[name=status][value=terbit]").check()
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_load_state()
    assert not page.locator(".pesan-galat").count(), page.locator("main").inner_text()
    page.goto(server.url + "/admin/portal/artikel")
    href = page.get_by_role("link", name=TITLE).first.get_attribute("href")
    page.goto(server.url + href)
    slug = page.locator("input[name=slug]").input_value()
    context.close()
    return slug


def visit(browser, server, slug: str) -> dict:  # noqa: F811
    """As an anonymous visitor on a phone: the home page, the article and its category. Any dialog fails the
    test; no page is wider than the phone at 390 px nor at 360 px."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    dialogs, cookies = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("response", lambda r: cookies.append((r.url, r.request.resource_type))
            if "set-cookie" in r.all_headers() else None)
    seen = {}
    page.goto(server.url + "/")
    page.get_by_role("link", name=TITLE).first.click()
    page.wait_for_url(f"**/artikel/{slug}")
    category = page.get_by_role("link", name=CATEGORY).first.get_attribute("href")
    for url in ("/", category, f"/artikel/{slug}"):  # the article last: its picture and text are looked at below
        page.goto(server.url + url)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__xss") is None, url
        for width in (NARROWEST, PHONE["width"]):  # the same page reflowed: no horizontal scrolling at either
            page.set_viewport_size({**PHONE, "width": width})
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (url, width)
        seen[url] = {"teks": page.locator("main").inner_text(),
                     "css": page.locator("link[rel=stylesheet]").first.get_attribute("href")}
    for url in (category, f"/artikel/{slug}"):  # shown as text (the theme may set the article's kind in capitals)
        assert CATEGORY.lower() in seen[url]["teks"].lower(), url
    assert page.get_by_role("heading", level=1).inner_text() == TITLE
    assert "Panen tahun ini melimpah." in seen[f"/artikel/{slug}"]["teks"]
    cover = page.locator("figure.sampul img")
    cover.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=cover.element_handle())
    assert cover.evaluate("img => img.naturalWidth") > 0
    page.hover("text=hijau")  # a surviving onmouseover would fire now
    assert page.evaluate("window.__xss") is None
    assert not dialogs, dialogs
    # No answer the visitor's browser fetched (pages, pictures, the logo, styles) set a cookie.
    assert not cookies, cookies
    assert not context.cookies()
    context.close()
    return seen


def comment(browser, server, slug: str) -> None:  # noqa: F811
    """Another visitor (the comment form sets its own CSRF cookie) writes a comment with a payload."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server.url + f"/artikel/{slug}")
    page.get_by_role("link", name="Tulis komentar").click()
    page.wait_for_url(f"**/portal/komentar/{slug}")
    page.get_by_label("Nama").fill("Uni Sari")
    page.get_by_label("Komentar", exact=True).fill(COMMENT)
    page.get_by_role("button", name="Kirim komentar").click()
    page.wait_for_load_state()
    assert "setelah diperiksa" in page.locator("main").inner_text()
    context.close()


def approve_and_switch_theme(browser, server, theme: str) -> None:  # noqa: F811
    """The administrator approves the waiting comment (its payload runs nowhere there either), then the theme."""
    context = browser.new_context()
    page = context.new_page()
    log_in(page, server.url, "admin", "demo-balai")
    page.goto(server.url + "/admin/portal/komentar")
    page.locator("article.komentar", has_text="Uni Sari").get_by_role("button", name="Tampilkan").click()
    page.wait_for_load_state()
    assert page.evaluate("window.__xss") is None
    page.goto(server.url + "/admin/profil")
    page.locator(f"input[name=tema][value={theme}]").check()
    page.get_by_role("button", name="Simpan profil").click()
    page.wait_for_load_state()
    context.close()


def test_published_article_is_safe_on_a_phone_in_both_themes_listed_in_feed_and_sitemap(browser, server,  # noqa: F811
                                                                                       tmp_path):
    slug = publish(browser, server, tmp_path)
    before = visit(browser, server, slug)
    assert "/static/tema/bawaan/" in before["/"]["css"]

    comment(browser, server, slug)
    approve_and_switch_theme(browser, server, "minang")
    after = visit(browser, server, slug)  # the pages are cached: the switch must reach them within a second
    assert "/static/tema/minang/" in after["/"]["css"]
    article = after[f"/artikel/{slug}"]["teks"]
    assert COMMENT in article  # the approved comment, as the text the visitor typed
    assert before[f"/artikel/{slug}"]["teks"].split("Komentar")[0] == article.split("Komentar")[0]  # same text

    feed = httpx.get(server.url + "/feed.xml").text
    sitemap = httpx.get(server.url + "/sitemap.xml").text
    assert f"<link>{server.url}/artikel/{slug}</link>" in feed
    assert f"<loc>{server.url}/artikel/{slug}</loc>" in sitemap
