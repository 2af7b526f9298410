"""In a real Chromium (issue 20): the marriage forms for the KUA for a couple, one document with both persons and
their parents; a small OpenSID template export imported and a letter issued from it; and the signed PDF's PAdES
signature opened with a PDF library: valid with the nagari's published CA, invalid after one changed byte."""

import io
import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from asn1crypto import x509
from playwright.sync_api import expect
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from tests.live import LiveServer, balai_cli
from tests.surat_helpers import pdf_text
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)
from tests.test_browser_identity import log_in

pytestmark = pytest.mark.browser

# One template as OpenSID v2410 exports it (Pengaturan Surat > Ekspor): TinyMCE HTML with [codes] and its fields.
OPENSID = [{
    "nama": "Keterangan Penghasilan Tetap", "url_surat": "surat-keterangan-penghasilan-tetap", "kode_surat": "400.3",
    "lampiran": None, "kunci": "0", "favorit": "0", "jenis": "3", "mandiri": "0", "masa_berlaku": "1",
    "satuan_masa_berlaku": "M", "qr_code": "1", "logo_garuda": "0", "kecamatan": "0", "syarat_surat": '["2"]',
    "template_desa": None, "orientasi": "Potrait", "ukuran": "F4",
    "margin": '{"kiri": 2, "atas": 1.5, "kanan": 2, "bawah": 1.5}', "margin_global": "0", "footer": "1",
    "header": "1", "format_nomor": None, "sumber_penduduk_berulang": "0",
    "template": ('<p style="text-align: justify;">Yang bertanda tangan di bawah ini menerangkan bahwa <strong>[Nama]'
                 '</strong>, NIK [Nik], berpenghasilan tetap sebesar Rp [Form_penghasilaN] sebulan dari pekerjaannya '
                 'sebagai [form_sumber].</p>'),
    "form_isian": json.dumps({"individu": {"sumber": 1, "data": ["1"], "sex": "", "status_dasar": ["1"],
                                           "kk_level": None, "data_orang_tua": "0", "data_pasangan": "0",
                                           "judul": "Utama", "label": "Pemohon", "info": "", "hubungan": None}}),
    "kode_isian": json.dumps([
        {"tipe": "number", "kode": "[form_penghasilan]", "nama": "Penghasilan", "deskripsi": "Per bulan",
         "required": "1", "atribut": None, "pilihan": None, "refrensi": None, "kolom": "", "label": "",
         "kaitkan_kode": ""},
        {"tipe": "text", "kode": "[form_sumber]", "nama": "Sumber Penghasilan", "deskripsi": "", "required": "1",
         "atribut": None, "pilihan": None, "refrensi": None, "kolom": "", "label": "", "kaitkan_kode": ""}]),
}]


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve", "--penduduk", "200")
    live = LiveServer(tmp_path)
    yield live
    live.stop()


def pick_resident(page, url: str, kode: str, query: str) -> str:
    page.goto(f"{url}/admin/surat/buat/{kode}?q={query}")
    first = page.locator("#hasil-cari a").first
    name = first.inner_text()
    first.click()
    return name


def signature_status(pdf: bytes, ca):
    """pyHanko's check of the PDF's only signature, on a thread of its own (Playwright holds this one's loop)."""
    def check():
        [signature] = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
        return validate_pdf_signature(signature, ValidationContext(trust_roots=[ca]))
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(check).result()


def downloaded_pdf(page, url: str) -> bytes:
    expect(page.get_by_role("status").filter(has_text="telah terbit")).to_be_visible()
    return page.request.get(url + page.get_by_role("link", name="Unduh PDF").get_attribute("href")).body()


def test_marriage_forms_an_imported_opensid_template_and_the_pdf_signature(browser, server, tmp_path):  # noqa: F811
    page = browser.new_page()
    page.set_default_timeout(10000)
    log_in(page, server.url, "admin", "demo-balai")

    # The spouse-to-be: another resident of the register, found by NIK through the search.
    page.goto(server.url + "/admin/surat/buat/pengantar_nikah?q=sari")
    row = page.locator("#hasil-cari tr").first
    calon, calon_nik = row.locator("td").nth(0).inner_text(), row.locator("td").nth(1).inner_text()
    groom = pick_resident(page, server.url, "pengantar_nikah", "saputra")
    page.locator("#peran-calon input[name=peran_calon_nik]").fill(calon_nik)
    page.get_by_label("Rencana tanggal akad nikah *").fill("2027-01-16")
    page.get_by_label("Tempat akad nikah", exact=False).fill("KUA Kecamatan Harau")
    page.get_by_label("Sertakan surat izin orang tua", exact=False).select_option(label="Untuk keduanya")
    page.get_by_label("Keperluan *").fill("Melangsungkan pernikahan")
    page.get_by_role("button", name="Terbitkan surat").click()
    nikah = downloaded_pdf(page, server.url)
    pages = PdfReader(io.BytesIO(nikah)).pages
    text = pdf_text(nikah)
    assert len(pages) >= 5, len(pages)
    assert groom in text and calon in text and calon_nik in text
    for model in ("N1", "N2", "N4", "N5"):
        assert f"Model {model}" in text, model

    # An office's OpenSID template: upload the export, read the report, import it, issue a letter from it.
    (tmp_path / "ekspor.json").write_text(json.dumps(OPENSID))
    page.goto(server.url + "/admin/surat/jenis")
    page.get_by_role("link", name="Impor dari OpenSID").click()
    page.get_by_label("Berkas ekspor templat surat OpenSID").set_input_files(str(tmp_path / "ekspor.json"))
    page.get_by_role("button", name="Periksa berkas").click()
    expect(page.get_by_text("Keterangan Penghasilan Tetap").first).to_be_visible()
    page.get_by_role("button", name="Impor templat yang dicentang").click()
    name = pick_resident(page, server.url, "opensid_keterangan_penghasilan_tetap", "ani")
    page.get_by_label("Penghasilan *", exact=True).fill("3.250.000")
    page.get_by_label("Sumber Penghasilan *").fill("guru honorer")
    page.get_by_label("Keperluan *").fill("Pengajuan kredit")
    page.get_by_role("button", name="Terbitkan surat").click()
    imported = pdf_text(downloaded_pdf(page, server.url))
    assert name in imported and "3.250.000" in imported and "guru honorer" in imported

    # The marriage document's signature, opened with pyHanko against the CA the nagari publishes.
    ca = x509.Certificate.load(page.request.get(server.url + "/surat/ca-nagari.cer").body())
    status = signature_status(nikah, ca)
    assert status.intact and status.valid and status.trusted
    broken = bytearray(nikah)
    broken[1000] ^= 0x01  # inside the letter's own objects, well before the signature
    assert not signature_status(bytes(broken), ca).intact
