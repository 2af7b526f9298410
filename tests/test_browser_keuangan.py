"""Issue 22 in a real Chromium: the Kaur Keuangan enters a small APB Desa by hand and records realisation, imports a
Siskeudes export (a wrong row is refused in the dry run, the corrected file applied), and an anonymous visitor on a
phone sees anggaran and realisasi per bidang as entered, drills into a bidang and downloads the banner PDF."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.sync_api import expect

from plugins.keuangan import contoh
from plugins.keuangan.jumlah import persen, rupiah
from tests.live import LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


@pytest.fixture
def server(tmp_path):
    # The demo without its sample budget (keuangan off while it is built): the test enters its own.
    balai_cli(tmp_path, "demo", "--no-serve", "--penduduk", "40", "--tanpa-surat", "--tanpa", "keuangan")
    balai_cli(tmp_path, "plugins", "enable", "keuangan")
    live = LiveServer(tmp_path)
    yield live
    live.stop()


def bidang_row(page, kode: str):
    """The row of one bidang in the public infographic's table."""
    return page.locator("#tabel-bidang tbody tr").filter(has=page.locator(f"a[href$='/bidang/{kode}']"))


def add_line(page, akun: str, uraian: str, anggaran: str, kegiatan: str = "", kegiatan_nama: str = "") -> None:
    page.get_by_role("link", name="Tambah baris").first.click()
    page.locator("#isian-akun").fill(akun)
    page.locator("#isian-kegiatan").fill(kegiatan)
    page.locator("#isian-kegiatan_nama").fill(kegiatan_nama)
    page.locator("#isian-uraian").fill(uraian)
    page.locator("#isian-anggaran").fill(anggaran)
    page.get_by_role("button", name="Simpan", exact=True).click()


def test_budget_entered_by_hand_and_imported_reaches_the_public_infographic(browser, server, tmp_path):  # noqa: F811
    today = datetime.now(ZoneInfo("Asia/Jakarta")).date()
    year = today.year
    office = browser.new_page()
    office.set_default_timeout(15000)
    log_in(office, server.url, "admin", "demo-balai")

    # A new year's APB Desa, by hand.
    office.goto(server.url + "/admin/keuangan")
    office.get_by_label("Tahun anggaran baru").fill(str(year))
    office.get_by_role("button", name="Buat APB Desa").click()
    expect(office.get_by_role("heading", level=1)).to_contain_text(str(year))

    add_line(office, "4.2.1", "Dana Desa", "800.000.000")
    # A typing mistake is explained next to its field and saves nothing.
    add_line(office, "5.3.5.01", "Pengerasan jalan usaha tani", "-5.000", kegiatan="02.03.01",
             kegiatan_nama="Pembangunan jalan usaha tani")
    expect(office.locator("#galat-anggaran")).to_contain_text("negatif")
    office.locator("#isian-anggaran").fill("350.000.000")
    office.get_by_role("button", name="Simpan", exact=True).click()
    add_line(office, "5.1.1.01", "Penghasilan tetap Wali Nagari", "120.000.000", kegiatan="01.01.01",
             kegiatan_nama="Penyelenggaraan penghasilan tetap Wali Nagari dan perangkat")
    expect(office.locator("main")).to_contain_text("Pembangunan jalan usaha tani")

    office.get_by_role("link", name="Tetapkan").first.click()
    office.get_by_label("Berlaku sejak").fill(f"{year}-01-02")
    office.get_by_label("Nomor Peraturan Desa").fill(f"1 Tahun {year}")
    office.get_by_role("button", name="Tetapkan").click()
    expect(office.get_by_role("status").filter(has_text="ditetapkan dan berlaku sejak")).to_be_visible()

    # Realisation of the road, recorded today.
    office.goto(f"{server.url}/admin/keuangan/{year}/realisasi/baru")
    pos = office.locator("#isian-pos option").filter(has_text="5.3.5.01").first.get_attribute("value")
    office.locator("#isian-pos").select_option(pos)
    office.get_by_label("Tanggal").fill(today.isoformat())
    office.get_by_label("Jumlah (Rp)").fill("125.000.000")
    office.get_by_label("Uraian").fill("Termin pertama pengerasan jalan")
    office.get_by_role("button", name="Simpan", exact=True).click()
    expect(office.get_by_role("status").filter(has_text="Realisasi disimpan")).to_be_visible()

    # Last year's books come from Siskeudes: a file with one wrong row is refused in the dry run...
    kegiatan, lines, realisasi = contoh.anggaran_contoh(year - 1, baris=40, seed=3)
    tables = contoh.tabel_siskeudes(year - 1, kegiatan, lines, realisasi)
    wrong = dict(tables["Ta_RABRinci"][5])
    tables["Ta_RABRinci"][5] = {**wrong, "Kd_Rincian": "5.9.9.01."}
    bad, good = tmp_path / "siskeudes-salah.zip", tmp_path / "siskeudes.zip"
    bad.write_bytes(contoh.zip_dari_tabel(tables))
    tables["Ta_RABRinci"][5] = wrong
    good.write_bytes(contoh.zip_dari_tabel(tables))
    office.goto(server.url + "/admin/keuangan/impor")
    office.locator("input[name=berkas]").set_input_files(str(bad))
    office.get_by_role("button", name="Periksa berkas").click()
    expect(office.locator("#ada-masalah")).to_be_visible()
    expect(office.locator("main")).to_contain_text("5.9.9")
    expect(office.get_by_role("button", name="Terapkan")).to_have_count(0)
    # ...and the corrected export applied.
    office.goto(server.url + "/admin/keuangan/impor")
    office.locator("input[name=berkas]").set_input_files(str(good))
    office.get_by_role("button", name="Periksa berkas").click()
    expect(office.locator("#form-terapkan")).to_be_visible()
    office.get_by_label("Berlaku sejak").fill(f"{year - 1}-01-02")
    office.get_by_role("button", name="Terapkan").click()
    expect(office.get_by_role("status").filter(has_text="dari Siskeudes diterapkan")).to_be_visible()

    # An anonymous visitor on a phone.
    phone_context = browser.new_context(viewport=PHONE)
    phone = phone_context.new_page()
    phone.set_default_timeout(15000)
    phone.goto(f"{server.url}/apbdes/{year}")
    road = bidang_row(phone, "02")
    expect(road).to_contain_text(rupiah(350_000_000_00))
    expect(road).to_contain_text(rupiah(125_000_000_00))
    expect(road).to_contain_text(persen(125_000_000_00, 350_000_000_00))
    expect(bidang_row(phone, "01")).to_contain_text(rupiah(120_000_000_00))
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not re.search(r"\b\d{16}\b", phone.locator("body").inner_text())

    road.get_by_role("link").click()
    expect(phone.locator("main")).to_contain_text("Pembangunan jalan usaha tani")

    # Last year, as imported: per bidang the sums of the file's lines and journal.
    phone.goto(f"{server.url}/apbdes/{year - 1}")
    budget, spent = defaultdict(int), defaultdict(int)
    for line in lines:
        if line["kegiatan"]:
            budget[line["kegiatan"][:2]] += line["anggaran"]
    for row in realisasi:
        if row["kegiatan"]:
            spent[row["kegiatan"][:2]] += row["jumlah"]
    for kode in sorted(budget):
        expect(bidang_row(phone, kode)).to_contain_text(rupiah(budget[kode]))
        expect(bidang_row(phone, kode)).to_contain_text(rupiah(spent[kode]))

    # The banner for the notice board: one page, A1 portrait.
    phone.goto(f"{server.url}/apbdes/{year}")
    with phone.expect_download() as download:
        phone.get_by_role("link", name=re.compile("Spanduk")).click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    from pypdf import PdfReader
    import io

    reader = PdfReader(io.BytesIO(pdf))
    width, height = (float(v) for v in reader.pages[0].mediabox[2:])
    assert len(reader.pages) == 1 and round(width / 72 * 25.4) == 594 and round(height / 72 * 25.4) == 841
    assert httpx.get(f"{server.url}/apbdes/{year}").headers.get("set-cookie") is None
    phone_context.close()
