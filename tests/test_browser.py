"""A person at the office, in a real Chromium: log in, see the dashboard, switch a plugin off and on."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.live import DEMO_LOGIN, LiveServer, balai_cli

CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Chromium wajib di CI: pasang paket Debian 'chromium'")
        pytest.skip("Chromium tidak terpasang (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ])
        yield instance
        instance.close()


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve")
    balai_cli(tmp_path, "plugins", "enable", "adat")
    live = LiveServer(tmp_path)
    yield live
    live.stop()


def test_admin_disables_and_reenables_example_plugin_from_the_plugin_page(browser, server):
    page = browser.new_page()
    page.goto(server.url + "/admin")
    assert "/masuk" in page.url
    page.get_by_label("Nama pengguna").fill(DEMO_LOGIN[0])
    page.get_by_label("Kata sandi").fill(DEMO_LOGIN[1])
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/admin")
    expect(page.get_by_role("heading", name="Dasbor")).to_be_visible()
    sidebar = page.get_by_role("navigation", name="Menu admin")
    expect(sidebar.get_by_role("link", name="Adat")).to_be_visible()

    sidebar.get_by_role("link", name="Plugin").click()
    page.locator("#plugin-adat").get_by_role("button", name="Nonaktifkan").click()
    expect(page.get_by_role("status").filter(has_text="Plugin adat dinonaktifkan")).to_be_visible()
    assert sidebar.get_by_role("link", name="Adat").count() == 0
    assert page.locator("#plugin-adat").get_attribute("data-status") == "nonaktif"

    page.locator("#plugin-adat").get_by_role("button", name="Aktifkan").click()
    expect(page.get_by_role("status").filter(has_text="Plugin adat diaktifkan")).to_be_visible()
    sidebar.get_by_role("link", name="Adat").click()
    expect(page.get_by_role("heading", name="Daftar suku")).to_be_visible()
