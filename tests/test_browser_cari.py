"""In a real Chromium: the office shell on a phone and a laptop, and the search box in the header."""

import pytest

from tests.live import LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 768}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("cari")
    balai_cli(data, "demo", "--no-serve", "--penduduk", "200")
    live = LiveServer(data)
    yield live
    live.stop()


def test_on_a_phone_the_menu_is_a_drawer_and_the_header_stays_one_line(browser, server):  # noqa: F811
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    log_in(page, server.url, "admin", "demo-balai")
    header = page.locator("header.topbar").bounding_box()
    assert header["height"] <= 60, "the header wrapped onto a second line"
    menu = page.get_by_role("navigation", name="Menu admin")
    assert not menu.is_visible(), "the menu should not fill the first screen on a phone"
    page.get_by_role("link", name="Menu", exact=True).click()
    assert menu.is_visible()
    # sekretariat: regulations, PPID, letter registers; publikasi: the website's editors; keuangan: the APB Desa;
    # potensi dan aset: the nagari's profile and its inventory
    assert [h.strip().lower() for h in menu.locator(".menu-grup").all_inner_texts()][:7] == [
        "kependudukan", "layanan", "sekretariat", "publikasi", "keuangan", "potensi dan aset", "pengaturan"]
    menu.get_by_role("link", name="Penduduk").click()
    page.wait_for_url("**/admin/penduduk")
    assert not menu.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_a_clerk_finds_a_resident_from_the_header_while_typing(browser, server):  # noqa: F811
    context = browser.new_context(viewport=LAPTOP)
    page = context.new_page()
    log_in(page, server.url, "admin", "demo-balai")
    page.goto(server.url + "/admin/penduduk")
    first = page.locator("#daftar-penduduk tbody tr").first.locator("a").first
    name = first.inner_text()
    page.get_by_role("searchbox", name="Cari penduduk, KK atau surat").fill(name[:6])
    suggestion = page.locator("#cari-saran a", has_text=name).first
    suggestion.wait_for()
    suggestion.click()
    assert page.get_by_role("heading", level=1).inner_text() == name
    context.close()


def test_without_javascript_the_search_box_opens_the_results_page(browser, server):  # noqa: F811
    context = browser.new_context(viewport=LAPTOP, java_script_enabled=False)
    page = context.new_page()
    log_in(page, server.url, "admin", "demo-balai")
    box = page.get_by_role("searchbox", name="Cari penduduk, KK atau surat")
    box.fill("Koto")
    box.press("Enter")
    page.wait_for_url("**/admin/cari?q=Koto")
    assert page.get_by_role("heading", level=1).inner_text() == "Cari: Koto"
    assert page.locator("section.card h2", has_text="Penduduk").count() == 1
    context.close()
