"""In a real Chromium, as an anonymous visitor on a 390-px phone: the public statistics pages."""

import re

import pytest

from tests.live import LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("statistik_publik")
    balai_cli(data, "demo", "--no-serve", "--penduduk", "200")
    live = LiveServer(data)
    yield live
    live.stop()


def demo_people(browser, server):  # noqa: F811
    """Names and NIKs of the first residents on the office list (as the administrator, in another context)."""
    context = browser.new_context()
    page = context.new_page()
    log_in(page, server.url, "admin", "demo-balai")
    page.goto(server.url + "/admin/penduduk")
    text = page.locator("#daftar-penduduk tbody").inner_text()
    names = page.locator("#daftar-penduduk tbody tr td a").all_inner_texts()[:10]
    context.close()
    return [n.strip() for n in names if n.strip()], re.findall(r"\b\d{16}\b", text)


def test_anonymous_visitor_on_a_phone_sees_counts_only(browser, server):  # noqa: F811
    names, niks = demo_people(browser, server)
    assert names
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(server.url + "/statistik")
    assert page.get_by_role("heading", level=1).inner_text() == "Statistik penduduk"
    page.get_by_role("link", name="Pekerjaan", exact=True).click()
    page.wait_for_url("**/statistik/pekerjaan")
    page.get_by_role("link", name=re.compile("^Per ")).click()
    page.wait_for_url("**/statistik/pekerjaan?tingkat=1")
    for url in ("/statistik", "/statistik/pekerjaan", "/statistik/pekerjaan?tingkat=1"):
        page.goto(server.url + url)
        body = page.locator("body").inner_text()
        for name in names:
            assert name not in body, (url, name)
        for nik in niks:
            assert nik not in body
        assert not re.search(r"\b\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|"
                             r"November|Desember) (19|20)\d\d\b", body), url
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
        # no session cookie; the kernel's CSRF middleware still sets balai_csrf on any GET (core/web/app.py)
        assert not [c for c in context.cookies() if c["name"] != "balai_csrf"], url
    assert page.locator("abbr.sensor").count() > 0
    chart = page.locator("figure.statistik-grafik svg")
    assert chart.is_visible() and chart.bounding_box()["width"] > 200
    assert "disembunyikan" in page.locator("#catatan-sensor").inner_text()
    context.close()
