"""In a real Chromium: an operator registers a family, records a birth, corrects a field, and sees it all."""

import pytest
from playwright.sync_api import expect

from tests.live import LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve", "--penduduk", "200")
    live = LiveServer(tmp_path)
    yield live
    live.stop()


def fill_person(page, nik, nama, sex, born, hubungan, kawin="Kawin Tercatat"):
    page.locator("input[name=nik]").fill(nik)
    page.get_by_label("Nama lengkap").fill(nama)
    page.get_by_label("Jenis kelamin").select_option(label=sex)
    page.get_by_label("Tempat lahir").fill("Taram")
    page.locator("input[name=tanggal_lahir]").fill(born)
    page.get_by_label("Hubungan dalam keluarga").select_option(label=hubungan)
    page.get_by_label("Agama").select_option(label="Islam")
    page.get_by_label("Status perkawinan").select_option(label=kawin)
    page.locator("select[name=pendidikan_kk]").select_option(index=5)
    page.get_by_label("Pekerjaan").select_option(label="Petani/Pekebun")


def test_operator_registers_a_family_records_a_birth_and_corrects_a_field(browser, server):  # noqa: F811
    admin = browser.new_page()
    log_in(admin, server.url, "admin", "demo-balai")
    admin.goto(server.url + "/admin/pengguna/baru")
    admin.get_by_label("Nama lengkap").fill("Yusnimar")
    admin.get_by_label("Nama pengguna").fill("yusnimar")
    admin.get_by_label("Peran").select_option(label="Operator")
    admin.get_by_label("Kata sandi awal").fill("sandi-operator-1")
    admin.get_by_role("button", name="Simpan").click()

    page = browser.new_page()
    page.set_default_timeout(5000)
    log_in(page, server.url, "yusnimar", "sandi-operator-1")
    page.get_by_role("navigation", name="Menu admin").get_by_role("link", name="Penduduk").click()
    page.get_by_role("link", name="Catat penduduk").click()
    page.get_by_label("Nomor KK baru").fill("1307051111250001")
    page.get_by_label("Jorong / RW / RT").select_option(label="Bulakan")
    fill_person(page, "13070512089", "Afrizal Koto", "Laki-laki", "1990-08-12", "Kepala Keluarga")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("NIK harus 16 angka.")).to_be_visible()  # shown next to the field; nothing saved
    page.locator("input[name=nik]").fill("1307051208900917")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status").filter(has_text="Afrizal Koto dicatat")).to_be_visible()

    page.get_by_role("link", name="1307051111250001", exact=True).click()
    page.get_by_role("link", name="Tambah anggota").click()
    fill_person(page, "1307055503920917", "Rahmi Yanti", "Perempuan", "1992-03-15", "Istri")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_role("link", name="1307051111250001", exact=True).click()
    page.get_by_role("link", name="Tambah anggota").click()
    page.get_by_label("Jenis pencatatan").select_option(label="Lahir")
    page.get_by_label("Tanggal peristiwa", exact=True).fill("2025-10-01")
    fill_person(page, "1307054110250917", "Salsabila", "Perempuan", "2025-10-01", "Anak", kawin="Belum Kawin")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status").filter(has_text="Salsabila dicatat (lahir)")).to_be_visible()

    page.get_by_role("link", name="1307051111250001", exact=True).click()
    members = page.locator("#anggota-keluarga").inner_text()
    assert "Afrizal Koto" in members and "Rahmi Yanti" in members and "Salsabila" in members

    page.goto(server.url + "/admin/penduduk")
    page.get_by_label("Jorong/RW/RT").select_option(label="Bulakan")
    page.get_by_label("Umur dari").fill("0")
    page.get_by_label("sampai").fill("1")
    page.get_by_role("button", name="Tampilkan").click()
    assert "Salsabila" in page.locator("#daftar-penduduk").inner_text()

    page.get_by_role("link", name="Salsabila").click()
    page.get_by_role("link", name="Koreksi data").click()
    page.get_by_label("Nama lengkap").fill("Salsabila Putri")
    page.get_by_label("Alasan koreksi").fill("nama pada akta")
    page.get_by_role("button", name="Simpan").click()
    journal = page.locator("#jurnal").inner_text()
    assert "Salsabila → Salsabila Putri" in journal and "yusnimar" in journal
    assert "yusnimar" in page.locator("#jejak-akses").inner_text()

    page.get_by_role("link", name="Catat peristiwa").click()
    page.locator("select[name=jenis]").select_option(label="Pindah keluar")
    page.get_by_label("Alamat tujuan").fill("Jorong Ampang, Nagari Kurai")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status").filter(has_text="Peristiwa pindah keluar dicatat")).to_be_visible()
    assert page.locator("#status-dasar").inner_text() == "Pindah"
    assert "Jorong Ampang" in page.locator("#jurnal").inner_text()

    response = page.goto(server.url + "/admin/pengguna")
    assert response.status == 403
