"""Issuing letters: the form, the number, the PDF and its signatures, the archive, approval and cancelling."""

import hashlib
from datetime import date

from plugin_sdk.testing import post_form, run_sync
from plugins.surat.tables import JenisSurat
from tests.surat_helpers import demo_nagari, issue, letter_type, letters, living_resident, pdf_text


def test_domisili_is_issued_with_number_pdf_and_qr(admin_client, balai):
    demo_nagari(balai)
    person = living_resident()
    response = issue(admin_client, "domisili", person["id"], isian_sejak="tahun 2015")
    assert response.status_code in (302, 303), response.text[:2000]
    [letter] = letters()
    year = date.today().year
    assert letter["status"] == "terbit"
    assert letter["nomor"].startswith("400.12.2.2/001/1307052001/") and letter["nomor"].endswith(f"/{year}")
    page = admin_client.get(f"/admin/surat/{letter['id']}").text
    assert letter["nomor"] in page and "Unduh PDF" in page
    pdf = admin_client.get(f"/admin/surat/{letter['id']}/pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(pdf.content).hexdigest() != letter["sha256"]  # the seal was appended after hashing
    text = pdf_text(pdf.content)
    assert person["nama"] in text and letter["nomor"] in text and "tahun 2015" in text
    assert "PEMERINTAH KABUPATEN LIMA PULUH KOTA" in text and "Datuak Rajo Mangkuto" in text
    check = admin_client.get(f"/cek-surat/{letter['token']}")
    assert "SAH" in check.text and person["nik"] not in check.text and letter["nomor"] in check.text
