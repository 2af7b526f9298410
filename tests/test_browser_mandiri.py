"""In a real Chromium on a phone-sized screen without JavaScript: the office issues a PIN, the resident logs in,
changes it, requests a Keterangan Usaha with uploads; the operator refuses with a reason, the resident fixes and
resends, the operator approves, and the resident downloads a PDF that `balai surat verify` accepts."""

import re

import pytest
from playwright.sync_api import expect
from PIL import Image

from tests.live import LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve", "--penduduk", "60")
    live = LiveServer(tmp_path)
    yield live
    live.stop()


def documents(folder):
    photo = folder / "ktp.jpg"
    Image.new("RGB", (640, 400), (220, 220, 200)).save(photo, "JPEG")
    scan = folder / "pengantar.png"
    Image.new("RGB", (600, 800), (250, 250, 250)).save(scan, "PNG")
    card = folder / "kk.jpg"
    Image.new("RGB", (800, 500), (200, 230, 200)).save(card, "JPEG")
    return scan, photo, card


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_resident_requests_a_letter_from_a_phone(browser, server, tmp_path):  # noqa: F811
    office = browser.new_page()
    office.set_default_timeout(10000)
    log_in(office, server.url, "admin", "demo-balai")
    office.goto(server.url + "/admin/penduduk")
    office.locator("table a[href^='/admin/penduduk/']").first.click()
    nik = re.search(r"NIK (\d{16})", office.locator("p.lead").inner_text()).group(1)
    name = office.locator("h1").inner_text()
    office.get_by_role("button", name="Beri PIN").click()
    pin = office.locator("#pin-baru").inner_text()
    assert re.fullmatch(r"\d{6}", pin)

    phone_context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    phone = phone_context.new_page()
    phone.set_default_timeout(10000)
    phone.goto(server.url + "/warga/masuk")
    assert fits_the_screen(phone)
    phone.get_by_label("NIK").fill(nik)
    phone.get_by_label("PIN").fill(pin)
    phone.get_by_role("button", name="Masuk").click()
    expect(phone.get_by_role("heading", name="Ganti PIN")).to_be_visible()  # made to change the counter PIN
    phone.get_by_label("PIN lama").fill(pin)
    phone.get_by_label("PIN baru (6 angka)").fill("480317")
    phone.get_by_label("Ulangi PIN baru").fill("480317")
    phone.get_by_role("button", name="Simpan PIN").click()
    expect(phone.get_by_text("PIN Anda sudah diganti")).to_be_visible()

    phone.get_by_role("link", name="Surat", exact=True).first.click()
    card = phone.locator(".kartu").filter(has_text="Surat Keterangan Usaha")
    card.get_by_role("link", name="Ajukan").click()
    phone.get_by_label("Keperluan").fill("Pinjaman modal usaha")
    phone.get_by_label("Nama usaha *").fill("Kedai Kopi Taram")
    phone.get_by_label("Jenis/bidang usaha *").fill("Warung kopi")
    phone.get_by_label("Alamat tempat usaha *").fill("Jorong Koto")
    scan, photo, kk = documents(tmp_path)
    phone.get_by_label("Surat pengantar RT/RW *").set_input_files(str(scan))
    phone.get_by_label("Fotokopi Kartu Tanda Penduduk elektronik (KTP-el) *").set_input_files(str(photo))
    phone.get_by_label("Fotokopi Kartu Keluarga *").set_input_files(str(kk))
    assert fits_the_screen(phone)
    phone.get_by_role("button", name="Kirim ke kantor").click()
    assert phone.locator("#status-permohonan").inner_text() == "Sedang diperiksa"
    request_url = phone.url

    office.goto(server.url + "/admin/mandiri")
    office.locator("#antrean").get_by_role("link", name=name).click()
    office.get_by_label("Alasan penolakan (dibaca warga)").fill("Tuliskan alamat usaha lengkap dengan RT")
    office.get_by_role("button", name="Tolak").click()
    assert office.locator("#status-permohonan").inner_text() == "Ditolak"

    phone.goto(request_url)
    assert phone.locator("#status-permohonan").inner_text() == "Ditolak"
    assert "Tuliskan alamat usaha lengkap dengan RT" in phone.locator("#alasan").inner_text()
    phone.get_by_label("Alamat tempat usaha *").fill("Jorong Koto RT 02, Nagari Taram")
    phone.get_by_role("button", name="Kirim ke kantor").click()
    assert phone.locator("#status-permohonan").inner_text() == "Sedang diperiksa"

    office.reload()
    office.get_by_role("button", name="Setujui dan terbitkan surat").click()
    assert office.locator("#status-permohonan").inner_text() == "Siap diambil"

    phone.goto(request_url)
    assert phone.locator("#status-permohonan").inner_text() == "Siap diambil"
    assert fits_the_screen(phone)
    pdf = phone_context.request.get(server.url + phone.locator("#unduh-surat").get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf"
    saved = tmp_path / "surat-usaha.pdf"
    saved.write_bytes(pdf.body())
    checked = balai_cli(tmp_path, "surat", "verify", str(saved), check=False)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    phone_context.close()
