"""In a real Chromium: an administrator creates an operator, who sets up two-factor login and is refused
where the role does not reach; the administrator then finds all of it in the audit log."""

import pyotp
import pytest
from playwright.sync_api import expect

from tests.live import DEMO_LOGIN, LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve")
    live = LiveServer(tmp_path)
    yield live
    live.stop()


def log_in(page, url, username, password):
    page.goto(url + "/masuk")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(password)
    page.get_by_role("button", name="Masuk").click()


def open_account_menu(page):
    """The user's name in the header opens the account menu (password, two-step login, log out)."""
    page.locator("details.akun > summary").click()


def log_out(page):
    open_account_menu(page)
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_url("**/masuk")


def test_operator_with_two_factor_login_and_the_audit_trail(browser, server):  # noqa: F811
    page = browser.new_page()
    log_in(page, server.url, *DEMO_LOGIN)
    page.get_by_role("navigation", name="Menu admin").get_by_role("link", name="Pengguna").click()
    page.get_by_role("link", name="Tambah pengguna").click()
    page.get_by_label("Nama lengkap").fill("Siti Operator")
    page.get_by_label("Nama pengguna").fill("siti")
    page.get_by_label("Peran").select_option(label="Operator")
    page.get_by_label("Kata sandi awal").fill("pendek")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Kata sandi minimal 8 karakter.")).to_be_visible()
    page.get_by_label("Kata sandi awal").fill("sandi-siti-2026")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status").filter(has_text="Pengguna siti dibuat")).to_be_visible()
    log_out(page)

    log_in(page, server.url, "siti", "sandi-siti-2026")
    page.wait_for_url("**/admin")
    open_account_menu(page)
    page.get_by_role("link", name="Login dua langkah").click()
    secret = page.locator("#kunci-totp").inner_text()
    page.get_by_label("Kode dari aplikasi").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Aktifkan").click()
    expect(page.get_by_text("tidak akan ditampilkan lagi")).to_be_visible()
    log_out(page)

    log_in(page, server.url, "siti", "sandi-siti-2026")
    page.wait_for_url("**/masuk/kode")
    page.get_by_label("Kode").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Lanjut").click()
    page.wait_for_url("**/admin")
    assert page.get_by_role("navigation", name="Menu admin").get_by_role("link", name="Pengguna").count() == 0
    response = page.goto(server.url + "/admin/pengguna")
    assert response.status == 403 and page.get_by_text("Anda tidak punya izin").is_visible()
    page.goto(server.url + "/admin")
    log_out(page)

    log_in(page, server.url, *DEMO_LOGIN)
    page.goto(server.url + "/admin/audit?pengguna=siti")
    log = page.locator("#log-audit").inner_text()
    for action in ("masuk", "2fa_aktif", "keluar", "ditolak"):
        assert action in log
    assert "totp" in log  # the second login went through the code
    assert "/admin/pengguna" in log  # the page she was refused
    page.goto(server.url + "/admin/audit?objek=pengguna")
    assert "siti" in page.locator("#log-audit").inner_text()
