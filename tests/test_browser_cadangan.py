"""In a real Chromium against `balai serve`: the dashboard warns that there is no backup, the administrator sets a
passphrase, makes a backup (in the worker), downloads it, and that file restores on a new computer."""

import re

import pytest
from playwright.sync_api import expect

from tests.cadangan_helpers import PASSPHRASE, cli, read_tables
from tests.live import LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path):
    office = tmp_path / "kantor"
    balai_cli(office, "demo", "--no-serve", "--penduduk", "300")
    # The daily backup is on by default and would catch up at once after noon; this test makes the first one.
    balai_cli(office, "jadwal-cadangan", "--mati")
    live = LiveServer(office)
    yield live
    live.stop()


def test_backup_from_the_browser_restores_on_a_new_computer(browser, server, tmp_path):  # noqa: F811
    page = browser.new_page(accept_downloads=True)
    page.set_default_timeout(20000)
    log_in(page, server.url, "admin", "demo-balai")
    page.goto(server.url + "/admin")
    assert "Belum pernah ada cadangan" in page.locator("#peringatan-cadangan").inner_text()
    page.get_by_role("link", name="Buka halaman Cadangan").click()

    page.get_by_label("Sandi baru").fill(PASSPHRASE)
    page.get_by_label("Ulangi sandi").fill(PASSPHRASE)
    page.get_by_label("Kata sandi akun Anda").fill("demo-balai")
    page.get_by_role("button", name="Atur sandi").click()
    expect(page.get_by_text("Sandi cadangan diatur")).to_be_visible()

    page.get_by_role("button", name="Buat cadangan sekarang").click()
    page.wait_for_url(re.compile(r".*/admin/cadangan$"))  # the worker finished; the job page came back here
    assert "bersandi" in page.locator("#cadangan-terakhir").inner_text()
    with page.expect_download() as waiting:
        page.locator("#daftar-cadangan").get_by_role("link", name="Unduh").first.click()
    saved = tmp_path / "flashdisk" / waiting.value.suggested_filename
    waiting.value.save_as(saved)
    assert saved.name.startswith("cadangan-1307052001-") and saved.suffix == ".balai"

    page.goto(server.url + "/admin")
    assert page.locator("#peringatan-cadangan").count() == 0

    new_computer = tmp_path / "komputer-baru"
    url = f"sqlite:///{new_computer / 'balai.sqlite'}"
    restored = cli(new_computer, url, "restore", str(saved), passphrase=PASSPHRASE)
    assert restored.returncode == 0, restored.stderr
    office_rows = read_tables(f"sqlite:///{server.data_dir / 'balai.sqlite'}")
    assert read_tables(url)["balai_penduduk"] == office_rows["balai_penduduk"]
    assert (new_computer / "kunci" / "cadangan.json").exists()
