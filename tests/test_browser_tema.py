"""Both public themes in a real Chromium, at 390 px and 1366 px, on a two-worker server.

The administrator switches the theme in the profile form; every worker answers in the new theme on the next request,
with no restart. On each public page (the home page, every entry of the public menu, the 404 page), in each theme
and at both widths: nothing wider than the screen, no serious or critical axe-core finding, and the theme's own
stylesheet applied. Screenshots go to pytest's tmp folder (or to BALAI_GAMBAR_TEMA when set, to look at them).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest

from tests.live import DEMO_LOGIN, LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_layar import AXE, AXE_JS, CHECK_JS, WIDTHS

pytestmark = pytest.mark.browser
THEMES = {"bawaan": "/static/tema/bawaan/tema.css", "minang": "/static/tema/minang/tema.css"}
# What tells the two apart on screen: the header's background colour of each theme.
HEADER = {"bawaan": "rgb(15, 82, 87)", "minang": "rgb(20, 20, 20)"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("tema")
    balai_cli(data, "demo", "--no-serve", "--penduduk", "120")
    live = LiveServer(data, workers=2)
    yield live
    live.stop()


def _switch(browser, url: str, theme: str) -> None:  # noqa: F811
    context = browser.new_context(base_url=url)
    page = context.new_page()
    page.goto("/masuk")
    page.get_by_label("Nama pengguna").fill(DEMO_LOGIN[0])
    page.get_by_label("Kata sandi").fill(DEMO_LOGIN[1])
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url("**/admin")
    page.goto("/admin/profil")
    page.get_by_role("radio", name=theme.title()).check()
    page.get_by_role("button", name="Simpan profil").click()
    page.wait_for_url("**/admin/profil")
    assert "Profil nagari disimpan" in page.locator("body").inner_text()
    context.close()


def _every_worker_serves(url: str, theme: str) -> None:
    """New connections, so both workers answer: each page is in the new theme at once."""
    for _ in range(8):
        with httpx.Client(base_url=url, timeout=10) as fresh:
            home = fresh.get("/")
            assert home.status_code == 200 and THEMES[theme] in home.text, theme
            assert "set-cookie" not in home.headers or "balai_sesi" not in home.headers["set-cookie"]


def _public_pages(browser, url: str) -> list[str]:  # noqa: F811
    """The home page, every same-site entry of its public menu, and an unknown address (the 404 page)."""
    context = browser.new_context(base_url=url)
    page = context.new_page()
    page.goto("/")
    links = page.locator("header nav a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    context.close()
    paths = ["/"] + [h for h in links if h and h.startswith("/") and not urlparse(h).netloc and h != "/"]
    return list(dict.fromkeys(paths)) + ["/alamat-yang-tidak-ada"]


def test_both_themes_fit_phone_and_desktop_and_switch_without_restart(browser, server, tmp_path):  # noqa: F811
    shots = Path(os.environ.get("BALAI_GAMBAR_TEMA") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    pages = _public_pages(browser, server.url)
    assert len(pages) >= 3, pages
    problems: list[str] = []
    seen_words: dict[str, str] = {}
    for theme in ("minang", "bawaan"):
        _switch(browser, server.url, theme)
        _every_worker_serves(server.url, theme)
        for width, height in WIDTHS:
            context = browser.new_context(base_url=server.url, viewport={"width": width, "height": height},
                                          locale="id-ID", bypass_csp=True)  # to inject axe-core
            page = context.new_page()
            for path in pages:
                where = f"{theme} {width} px {path}"
                answer = page.goto(path, wait_until="load")
                expected = 404 if path == "/alamat-yang-tidak-ada" else 200
                if answer is None or answer.status != expected:
                    problems.append(f"{where}: menjawab {answer.status if answer else 'tidak ada'}")
                    continue
                assert page.locator(f'link[rel=stylesheet][href="{THEMES[theme]}"]').count() == 1, where
                header = page.locator("header.kepala").evaluate("e => getComputedStyle(e).backgroundColor")
                assert header == HEADER[theme], where
                name = re.sub(r"[^a-z0-9]+", "-", path).strip("-") or "beranda"
                page.screenshot(path=str(shots / f"{theme}-{width}-{name}.png"), full_page=True)
                checked = page.evaluate(CHECK_JS)
                if checked["scrollWidth"] > checked["vw"]:
                    problems.append(f"{where}: lebih lebar dari layar ({checked['scrollWidth']} px): {checked['wide']}")
                page.add_script_tag(path=str(AXE))
                for v in page.evaluate(AXE_JS):
                    problems.append(f"{where}: axe {v['impact']} {v['id']}: {v['help']}: {v['targets']}")
                if width == WIDTHS[0][0] and path != "/alamat-yang-tidak-ada":
                    # the same content in both themes: the words of <main>, whatever the frame around them
                    words = " ".join(page.locator("main").inner_text().split())
                    if path in seen_words and seen_words[path] != words:
                        problems.append(f"{path}: isi berbeda antara tema")
                    seen_words[path] = words
            context.close()
    assert not problems, "\n".join(problems)
