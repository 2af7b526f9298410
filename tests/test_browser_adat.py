"""In a real Chromium, the adat module's office flows: a suku and a kaum added, a mother's suku and kaum recorded on
her resident page, her newborn recorded through the family page inherits them; a tanah ulayat parcel added and its
Surat Keterangan Tanah Ulayat downloaded as a PDF; an anonymous visitor sees the parcel, never a person."""

import pytest
from playwright.sync_api import expect

from tests.live import LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in
from tests.test_browser_register import fill_person

pytestmark = pytest.mark.browser

KK = "1307051111250002"
IBU_NIK = "1307054503900917"
ANAK_NIK = "1307054110250918"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data = tmp_path_factory.mktemp("adat")
    balai_cli(data, "demo", "--no-serve", "--penduduk", "200")
    balai_cli(data, "plugins", "enable", "adat")
    live = LiveServer(data)
    yield live
    live.stop()


@pytest.fixture
def page(browser, server):  # noqa: F811
    page = browser.new_page(accept_downloads=True)
    page.set_default_timeout(8000)
    log_in(page, server.url, "admin", "demo-balai")
    yield page
    page.close()


def buka_lipatan(page):
    """Open the page's folded forms (<details>: "Tambah suku" is folded once a suku exists)."""
    page.eval_on_selector_all("details", "semua => semua.forEach(d => d.open = true)")


def tambah_suku(page, url, nama, penghulu):
    page.goto(url + "/admin/adat")
    buka_lipatan(page)
    page.get_by_label("Nama suku").fill(nama)
    page.get_by_label("Penghulu suku (gelar Datuak, boleh dikosongkan)").fill(penghulu)
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.get_by_role("status").filter(has_text=f"Suku {nama} ditambahkan")).to_be_visible()


def tambah_suku_dan_kaum(page, url):
    tambah_suku(page, url, "Piliang", "Datuak Bandaro Kayo")
    buka_lipatan(page)
    page.get_by_label("Nama kaum").fill("Rumah Gadang Koto")
    page.get_by_role("button", name="Simpan kaum").click()
    expect(page.get_by_role("cell", name="Rumah Gadang Koto")).to_be_visible()


def catat_ibu_dan_bayi(page, url):
    """Rosna heads a new family card; her suku and kaum go on her resident page; her daughter's birth follows."""
    page.goto(url + "/admin/penduduk/baru")
    page.get_by_label("Nomor KK baru").fill(KK)
    page.get_by_label("Jorong / RW / RT").select_option(label="Koto Tinggi")
    fill_person(page, IBU_NIK, "Rosna Yuliati", "Perempuan", "1990-03-05", "Kepala Keluarga", kawin="Cerai Mati")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status").filter(has_text="Rosna Yuliati dicatat")).to_be_visible()

    # the answer is her resident page: its correction form has the adat module's fields
    page.get_by_role("link", name="Koreksi data").click()
    adat = page.locator("fieldset[data-plugin='adat']")
    adat.get_by_label("Suku").select_option("Piliang")
    adat.get_by_label("Kaum").select_option("Rumah Gadang Koto")
    page.get_by_label("Alasan koreksi").fill("Suku dan kaum menurut mamak kaum")
    page.get_by_role("button", name="Simpan", exact=True).click()
    expect(page.get_by_text("Suku Piliang (penghulu Datuak Bandaro Kayo), kaum Rumah Gadang Koto")).to_be_visible()

    page.get_by_role("link", name=KK, exact=True).first.click()
    page.get_by_role("link", name="Tambah anggota").click()
    page.get_by_label("Jenis pencatatan").select_option(label="Lahir")
    page.get_by_label("Tanggal peristiwa", exact=True).fill("2025-10-01")
    fill_person(page, ANAK_NIK, "Salsabila", "Perempuan", "2025-10-01", "Anak", kawin="Belum Kawin")
    # no NIK ibu typed: the mother is the one the family card shows (the clerk's usual way)
    page.get_by_label("Nama ibu").fill("Rosna Yuliati")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("status").filter(has_text="Salsabila dicatat (lahir)")).to_be_visible()
    warisan = "Bayi ini dicatat bersuku Piliang, kaum Rumah Gadang Koto, mengikuti ibunya"
    expect(page.get_by_text(warisan)).to_be_visible()

    page.get_by_role("link", name=KK, exact=True).first.click()
    page.locator("#anggota-keluarga").get_by_role("link", name="Salsabila").click()
    expect(page.get_by_text("Suku Piliang (penghulu Datuak Bandaro Kayo), kaum Rumah Gadang Koto")).to_be_visible()


def catat_tanah_dan_surat(page, url):
    page.goto(url + "/admin/adat/ulayat")
    page.get_by_role("link", name="Catat tanah ulayat").click()
    page.get_by_label("Nama tanah ulayat").fill("Sawah Gadang Koto")
    page.locator("select[name=status]").select_option(label="Ulayat kaum")
    page.locator("select[name=kaum]").select_option(label="Rumah Gadang Koto (Suku Piliang)")
    page.locator("select[name=jorong]").select_option(label="Koto Tinggi")
    page.get_by_label("Luas (hektare)").fill("2,5")
    page.locator("select[name=penggunaan]").select_option(label="Pertanian (sawah, ladang)")
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_role("heading", name="Sawah Gadang Koto")).to_be_visible()

    page.get_by_role("link", name="Buat Surat Keterangan Tanah Ulayat").click()
    page.get_by_label("NIK pemohon").fill(IBU_NIK)
    page.get_by_label("Keperluan").fill("Pengajuan irigasi sawah kaum")
    page.get_by_role("button", name="Terbitkan surat").click()
    expect(page.get_by_role("status").filter(has_text="Surat Keterangan Tanah Ulayat untuk Rosna Yuliati")
           ).to_be_visible()
    # the PDF opens inline in a browser: fetch its link with the clerk's session, as the browser would
    pdf = page.request.get(url + page.get_by_role("link", name="Unduh PDF").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"].startswith("application/pdf")
    assert pdf.body().startswith(b"%PDF-")


def test_office_records_suku_kaum_a_birth_and_customary_land_and_the_public_sees_no_person(browser,  # noqa: F811
                                                                                          server, page):
    tambah_suku_dan_kaum(page, server.url)
    catat_ibu_dan_bayi(page, server.url)
    catat_tanah_dan_surat(page, server.url)

    visitor = browser.new_page()
    visitor.goto(server.url + "/adat/ulayat")
    bidang = visitor.locator("#ulayat-bidang")
    expect(bidang).to_contain_text("Sawah Gadang Koto")
    expect(bidang).to_contain_text("Kaum Rumah Gadang Koto (Suku Piliang)")
    halaman = visitor.content()
    for orang in ("Rosna", "Salsabila", IBU_NIK, ANAK_NIK, KK):
        assert orang not in halaman


def test_the_resident_panel_saves_suku_and_kaum(server, page):
    tambah_suku(page, server.url, "Chaniago", "Datuak Rajo Panghulu")
    page.goto(server.url + "/admin/penduduk/1")
    panel = page.locator("form[action='/admin/adat/warga/1']")
    panel.get_by_label("Suku").select_option("Chaniago")
    panel.get_by_role("button", name="Simpan suku dan kaum").click()
    expect(page.get_by_text("Suku Chaniago (penghulu Datuak Rajo Panghulu).")).to_be_visible()
