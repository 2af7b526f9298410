"""Under the Content-Security-Policy, in a real Chromium: no page breaks, the API docs still run, HSTS behind TLS."""

import httpx
import pytest

from tests.live import DEMO_LOGIN, LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)

pytestmark = pytest.mark.browser

PAGES = ["/", "/masuk", "/admin", "/admin/penduduk", "/admin/wilayah", "/admin/audit", "/admin/profil",
         "/admin/plugin", "/admin/surat", "/admin/surat/jenis", "/admin/surat/buat", "/admin/mandiri",
         "/admin/impor", "/admin/pengguna", "/admin/peran", "/admin/cadangan", "/warga/masuk"]


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve")
    for plugin in ("adat", "surat", "layanan_mandiri", "impor"):
        balai_cli(tmp_path, "plugins", "enable", plugin, check=False)
    live = LiveServer(tmp_path)
    yield live
    live.stop()


def watch(page) -> list[str]:
    """Collect every CSP violation and script error the page reports."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"{page.url}: {m.text}")
            if m.type == "error" and ("Content Security Policy" in m.text or "Refused" in m.text) else None)
    page.on("pageerror", lambda e: problems.append(f"{page.url}: {e}"))
    return problems


def test_pages_api_docs_and_letter_preview_run_under_the_policy(browser, server):  # noqa: F811
    page = browser.new_page()
    problems = watch(page)
    page.goto(server.url + "/masuk")
    page.get_by_label("Nama pengguna").fill(DEMO_LOGIN[0])
    page.get_by_label("Kata sandi").fill(DEMO_LOGIN[1])
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/admin")
    for path in PAGES:
        response = page.goto(server.url + path)
        assert response.status < 500, path
        assert "frame-ancestors 'none'" in response.all_headers()["content-security-policy"], path
    page.goto(server.url + "/admin/penduduk")
    page.locator("table a[href^='/admin/penduduk/']").first.click()
    page.wait_for_load_state()

    # The API docs: Swagger UI starts from its own file and lists the operations.
    page.goto(server.url + "/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert page.locator(".swagger-ui .opblock").count() > 3

    # The letter editor shows its preview (our own answer) inside its frame; its script asks for it on load.
    with page.expect_response(lambda r: r.url.endswith("/pratinjau")) as answer:
        page.goto(server.url + "/admin/surat/jenis/domisili")
    headers = answer.value.all_headers()  # .headers leaves security headers out
    assert answer.value.status in (200, 201) and headers["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    page.wait_for_timeout(300)
    assert problems == []


def test_hsts_is_sent_when_the_proxy_says_https(server):
    plain = httpx.get(server.url + "/health")
    assert "strict-transport-security" not in plain.headers
    proxied = httpx.get(server.url + "/health", headers={"X-Forwarded-Proto": "https"})
    assert "max-age=" in proxied.headers["strict-transport-security"]
    assert proxied.headers["x-content-type-options"] == "nosniff"
