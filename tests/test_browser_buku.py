"""In a real Chromium against `balai serve` (with its background worker): export the demo's Buku Induk Penduduk as
XLSX and PDF from the book's page, watch the progress bar, download both; the XLSX has one row per living resident,
the PDF holds the first and the last of them; the masked copy holds no full NIK."""

import io

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from tests.live import LiveServer, balai_cli, logged_in_client
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in
from tests.test_browser_impor import WATCH_BAR

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve", "--penduduk", "2500", "--tanpa-surat")
    live = LiveServer(tmp_path)
    yield live
    live.stop()


def _export(page, fmt: str) -> bytes:
    """Open the export section, choose the format, make the file; the progress page downloads it when ready."""
    page.evaluate("sessionStorage.removeItem('kemajuan')")
    page.get_by_text("Unduh untuk dicetak atau diserahkan").click()
    page.locator(f"#form-ekspor input[name=format][value={fmt}]").check()
    with page.expect_download(timeout=60000) as made:
        page.get_by_role("button", name="Buat berkas").click()
    seen = page.evaluate("JSON.parse(sessionStorage.getItem('kemajuan') || '[]')")
    assert seen and seen[0] < 100, seen  # the progress page showed its bar before the file came
    return open(made.value.path(), "rb").read()


def _text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_export_the_buku_induk_as_xlsx_and_pdf_and_a_masked_copy(browser, server):  # noqa: F811
    living = logged_in_client(server.url).get("/api/v1/penduduk").json()["total"]
    page = browser.new_page(accept_downloads=True)
    page.set_default_timeout(20000)
    page.add_init_script(WATCH_BAR)
    log_in(page, server.url, "admin", "demo-balai")
    page.goto(server.url + "/admin/buku")
    page.get_by_role("link", name="Buku Induk Penduduk").click()

    sheet = CalamineWorkbook.from_filelike(io.BytesIO(_export(page, "xlsx"))).get_sheet_by_index(0)
    rows = sheet.to_python()
    start = next(i for i, r in enumerate(rows) if r and r[0] == "No.")
    table = rows[start + 1:]
    assert len(table) == living > 2000
    name, nik = rows[start].index("Nama lengkap"), rows[start].index("NIK")

    page.goto(server.url + "/admin/buku/b1")
    pdf = _export(page, "pdf")
    text = _text(pdf)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    assert pages > 50 and f"halaman {pages} dari {pages}" in text
    assert table[0][name] in text and table[-1][name] in text

    page.goto(server.url + "/admin/buku/b1")
    page.get_by_label("Samarkan NIK dan No. KK").check()
    page.get_by_role("button", name="Tampilkan").click()
    masked = _text(_export(page, "pdf"))
    assert table[-1][name] in masked and str(table[-1][nik])[:6] + "xxxxxxxxxx" in masked
    assert not any(str(r[nik]) in masked for r in table)
    page.goto(server.url + "/admin/buku")
    assert page.locator(".daftar-unduhan li").count() == 3  # the three files, kept for download
