"""Issue 26 in a real Chromium: the administrator publishes exactly two datasets (religion and occupation) and
publishes them now; an anonymous visitor finds one in the catalogue, previews it and downloads its CSV, and the
numbers are those of the public statistics page."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import expect

from tests.live import LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = pytest.mark.browser
DUA = ("penduduk-menurut-agama", "penduduk-menurut-pekerjaan")


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve", "--penduduk", "300", "--tanpa-surat", "--tanpa-data-terbuka")
    live = LiveServer(tmp_path)
    yield live
    live.stop()


def statistics_page(page, url: str) -> dict[str, tuple[str, str, str]]:
    """The nagari table of the public statistics page: label -> (L, P, Jumlah) as shown ("•" when hidden)."""
    page.goto(url)
    rows = page.locator(".statistik-tabel").first.locator("tbody tr")
    shown = {}
    for i in range(rows.count()):
        cells = rows.nth(i).locator("th, td").all_inner_texts()
        shown[cells[0].strip()] = tuple(c.strip().replace(".", "") for c in cells[1:4])
    return shown


def test_publish_two_datasets_then_find_preview_and_download_one(browser, server):  # noqa: F811
    office = browser.new_page()
    office.set_default_timeout(20000)
    log_in(office, server.url, "admin", "demo-balai")

    # Nothing is published yet: the catalogue says so; the administrator chooses two and publishes them now.
    visitor = browser.new_context(accept_downloads=True).new_page()
    visitor.set_default_timeout(20000)
    visitor.goto(server.url + "/data")
    expect(visitor.locator("#katalog-kosong")).to_be_visible()
    office.goto(server.url + "/admin/satu-data")
    for nama in DUA:
        office.locator(f"#dataset-{nama} input[type=checkbox]").check()
    office.get_by_role("button", name="Simpan pilihan").click()
    expect(office.get_by_role("status").first).to_contain_text("2 dataset diterbitkan")
    visitor.goto(server.url + "/data")
    expect(visitor.locator("#katalog-kosong")).to_be_visible()  # chosen, not yet released
    office.get_by_role("button", name="Terbitkan sekarang (2 dataset dipilih)").click()
    # the job's page follows the job and returns to the office's page, which tells each dataset's outcome
    expect(office.locator("#catatan-penduduk-menurut-agama")).to_contain_text("diterbitkan", timeout=60000)

    visitor.goto(server.url + "/data")
    expect(visitor.locator("#daftar-dataset > li")).to_have_count(2)
    visitor.locator("#cari-data").fill("agama")
    visitor.locator("#cari-data").press("Enter")
    expect(visitor.locator("#daftar-dataset > li")).to_have_count(1)
    visitor.locator("#dataset-penduduk-menurut-agama").get_by_role("link", name="Lihat tabel dan metadata").click()
    expect(visitor.get_by_role("heading", level=1)).to_contain_text("agama")
    expect(visitor.locator("#metode-sensor")).to_contain_text("disembunyikan")

    # The preview's nagari rows, as a visitor reads them.
    rows = visitor.locator("#tabel-pratinjau tbody tr")
    preview = {}
    for i in range(rows.count()):
        cell = {td.get_attribute("data-kolom"): td.inner_text().strip() for td in rows.nth(i).locator("td").all()}
        if cell["tingkat"] == "nagari":
            preview[(cell["label"], cell["jenis_kelamin"])] = cell["jumlah"].replace(".", "")
    assert preview, "the preview shows the nagari's rows"

    with visitor.expect_download() as got:
        visitor.locator("#unduhan").get_by_role("link", name="Unduh CSV").click()
    text = open(got.value.path(), encoding="utf-8").read()
    rows = list(csv.DictReader(io.StringIO(text)))
    periode = max(r["periode"] for r in rows)  # the preview shows the newest period
    expect(visitor.locator("#pratinjau-keterangan")).to_contain_text(periode)
    downloaded = {(r["label"], r["jenis_kelamin"]): r["jumlah"] for r in rows
                  if r["tingkat"] == "nagari" and r["periode"] == periode}

    stats = statistics_page(visitor, server.url + "/statistik/agama")
    compared = 0
    for label, (l, p, jumlah) in stats.items():
        for sex, shown in (("L", l), ("P", p), ("L+P", jumlah)):
            key = ("Jumlah" if label == "Jumlah" else label, sex)
            if key not in preview:
                continue
            as_preview = preview[key]
            assert (as_preview in ("•", "") and shown == "•") or as_preview == shown, (key, as_preview, shown)
            assert downloaded[key] == ("" if shown == "•" else shown), (key, downloaded[key], shown)
            compared += 1
    assert compared >= 10, f"only {compared} cells compared"
