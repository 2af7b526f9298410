"""In a real Chromium: an operator issues a Keterangan Domisili, the QR's page says it is valid, a changed byte
fails `balai surat verify`, and a letter that needs approval gets its number only when the Wali Nagari approves."""

import pytest
from playwright.sync_api import expect

from tests.live import LiveServer, balai_cli
from tests.surat_helpers import pdf_text
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve", "--penduduk", "200")
    live = LiveServer(tmp_path)
    yield live
    live.stop()


def add_user(admin, url, name, username, role, password):
    admin.goto(url + "/admin/pengguna/baru")
    admin.get_by_label("Nama lengkap").fill(name)
    admin.get_by_label("Nama pengguna").fill(username)
    admin.get_by_label("Peran").select_option(label=role)
    admin.get_by_label("Kata sandi awal").fill(password)
    admin.get_by_role("button", name="Simpan").click()


def test_operator_issues_a_letter_and_the_wali_approves_another(browser, server, tmp_path):  # noqa: F811
    admin = browser.new_page()
    log_in(admin, server.url, "admin", "demo-balai")
    add_user(admin, server.url, "Rahmi Yanti", "rahmi", "Operator", "sandi-operator-1")
    add_user(admin, server.url, "Datuak Rajo", "wali", "Wali Nagari", "sandi-wali-0001")

    page = browser.new_page()
    page.set_default_timeout(8000)
    log_in(page, server.url, "rahmi", "sandi-operator-1")
    page.get_by_role("navigation", name="Menu admin").get_by_role("link", name="Surat", exact=True).click()
    page.get_by_role("link", name="Buat surat").first.click()
    page.get_by_role("link", name="Surat Keterangan Domisili").and_(page.locator("[href$='/buat/domisili']")).click()
    page.get_by_label("Nama atau NIK penduduk").fill("Jorong")  # too general a word: no name matches
    page.get_by_role("button", name="Cari").click()
    expect(page.get_by_text("Tidak ada penduduk yang cocok")).to_be_visible()  # waits for the answer page
    page.get_by_label("Nama atau NIK penduduk").fill("ani")
    page.get_by_role("button", name="Cari").click()
    first = page.locator("#hasil-cari a").first
    name = first.inner_text()
    first.click()
    assert page.locator("#nama-penduduk").inner_text() == name
    page.get_by_label("Keperluan *").fill("Melamar pekerjaan")
    page.get_by_role("button", name="Terbitkan surat").click()
    expect(page.get_by_role("status").filter(has_text="telah terbit")).to_be_visible()
    number = page.locator("#nomor-surat").inner_text()
    assert "/001/" in number

    pdf = page.request.get(server.url + page.get_by_role("link", name="Unduh PDF").get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    text = pdf_text(pdf.body())
    assert name in text and number in text

    page.locator("#alamat-qr").click()  # the address the QR code carries
    assert page.locator("#hasil-cek").inner_text().startswith("SAH")
    assert page.locator("#cek-nomor").inner_text() == number

    good, changed = tmp_path / "surat.pdf", tmp_path / "surat-diubah.pdf"
    good.write_bytes(pdf.body())
    broken = bytearray(pdf.body())
    broken[len(broken) // 3] ^= 0x01
    changed.write_bytes(bytes(broken))
    assert balai_cli(tmp_path, "surat", "verify", str(good), check=False).returncode == 0
    refused = balai_cli(tmp_path, "surat", "verify", str(changed), check=False)
    assert refused.returncode == 1 and "TIDAK SAH" in refused.stdout

    # Izin keramaian needs the Wali Nagari's approval: no number until then.
    page.goto(server.url + "/admin/surat/buat/izin_keramaian?q=ani")
    page.locator("#hasil-cari a").first.click()
    page.get_by_label("Nama/jenis acara *").fill("Baralek gadang")
    page.get_by_label("Tanggal acara *").fill("2026-12-20")
    page.get_by_label("Waktu (mis.").fill("09.00 sampai 17.00 WIB")
    page.get_by_label("Tempat acara *").fill("Rumah gadang Jorong Bulakan")
    page.get_by_label("Keperluan *").fill("Pesta pernikahan")
    page.get_by_role("button", name="Ajukan untuk disetujui").click()
    assert page.locator("#nomor-surat").inner_text() == "belum diberikan"
    assert page.get_by_role("link", name="Unduh PDF").count() == 0
    waiting = page.url

    wali = browser.new_page()
    log_in(wali, server.url, "wali", "sandi-wali-0001")
    wali.goto(waiting)
    wali.get_by_role("button", name="Setujui dan terbitkan").click()
    assert "/001/" in wali.locator("#nomor-surat").inner_text()
    page.reload()
    assert page.locator("#nomor-surat").inner_text() == wali.locator("#nomor-surat").inner_text()
