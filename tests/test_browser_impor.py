"""In a real Chromium against `balai serve` (which starts the background worker): upload a 200-row OpenSID workbook
with 3 wrong rows, watch the progress bar, read the report naming the 3 rows, apply, see 197 residents, download the
refused rows."""

import re

import pytest

from plugins.impor.contoh import rows, write_xlsx
from tests.live import LiveServer, balai_cli, logged_in_client
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = pytest.mark.browser
WATCH_BAR = """
(() => {
  const seen = JSON.parse(sessionStorage.getItem("kemajuan") || "[]");
  setInterval(() => {
    const bar = document.getElementById("kemajuan");
    if (bar && seen[seen.length - 1] !== bar.value) {
      seen.push(bar.value);
      sessionStorage.setItem("kemajuan", JSON.stringify(seen));
    }
  }, 20);
})();
"""


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve", "--penduduk", "0")
    live = LiveServer(tmp_path)
    yield live
    live.stop()


def test_import_a_workbook_with_three_wrong_rows(browser, server, tmp_path):  # noqa: F811
    data = rows(200, seed=21)
    data[10]["nik"] = "13070512"  # too short
    data[50]["tanggallahir"] = "kemarin"
    data[120]["sex"] = 7
    book = write_xlsx(tmp_path / "penduduk-opensid.xlsx", data)

    page = browser.new_page()
    page.set_default_timeout(20000)
    page.add_init_script(WATCH_BAR)
    log_in(page, server.url, "admin", "demo-balai")
    page.goto(server.url + "/admin/impor")
    page.get_by_label("Berkas penduduk").set_input_files(str(book))
    page.get_by_role("button", name="Periksa berkas").click()
    page.wait_for_url(re.compile(r".*/admin/impor/[^/]+$"))  # the worker finished; the page went to the report
    seen = page.evaluate("JSON.parse(sessionStorage.getItem('kemajuan') || '[]')")
    assert seen[0] < 100 and seen[-1] == 100, seen  # the bar moved while the job ran
    assert page.locator("#jumlah-baru").inner_text() == "197"
    assert page.locator("#jumlah-ditolak").inner_text() == "3"
    problems = page.locator("#masalah tbody").inner_text()
    for number, column in (("12", "nik"), ("52", "tanggallahir"), ("122", "sex")):
        assert re.search(rf"{number}\s+{column}", problems), (number, column, problems)

    download = page.request.get(server.url + page.locator("#unduh-ditolak").get_attribute("href"))
    refused = tmp_path / "ditolak.xlsx"
    refused.write_bytes(download.body())
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(refused)).get_sheet_by_index(0).to_python()
    assert len(sheet) == 4 and sheet[0][-1] == "masalah"

    page.evaluate("sessionStorage.removeItem('kemajuan')")
    page.get_by_role("button", name=re.compile("Terapkan: 197 baru")).click()
    page.wait_for_selector("#sudah-diterapkan")
    client = logged_in_client(server.url)
    listing = client.get("/api/v1/penduduk").json()
    assert listing["total"] == 197, listing
    assert data[0]["nama"] in client.get("/admin/penduduk", params={"q": data[0]["nama"]}).text
