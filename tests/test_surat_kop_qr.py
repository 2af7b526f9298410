"""What a printed letter carries: the letterhead with logo and office address, the signer's labelled number, and a
QR large enough to read from a photocopy (decoded here from a 150-dpi rendering, as a phone camera would)."""

import re

import pypdfium2
import zxingcpp

from balai_demo.cli import DEMO_PROFILE, demo_logo
from core.dokumen.tanda_tangan import signer_number
from core.files import save_image
from plugin_sdk.testing import run_sync
from tests.surat_helpers import demo_nagari, issue, letters, living_resident, pdf_text

DPI = 150


def _qr_on_page(content: bytes):
    page = pypdfium2.PdfDocument(content)[0]
    image = page.render(scale=DPI / 72).to_pil().convert("L")
    return [r for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def test_letter_qr_decodes_from_150_dpi_to_its_verification_url(admin_client, balai):
    demo_nagari(balai)
    assert issue(admin_client, "domisili", living_resident()["id"], isian_sejak="2015").status_code in (302, 303)
    [letter] = letters()
    page = admin_client.get(f"/admin/surat/{letter['id']}").text
    url = re.search(r'id="alamat-qr" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    found = _qr_on_page(admin_client.get(f"/admin/surat/{letter['id']}/pdf").content)
    assert [r.text for r in found] == [url]
    assert url.startswith("http://testserver.local/cek-surat/" + letter["token"])
    # The code itself is over 3 cm on paper (3 cm at 150 dpi is 177 px), so a photocopy still reads.
    corners = found[0].position
    width = max(corners.top_right.x, corners.bottom_right.x) - min(corners.top_left.x, corners.bottom_left.x)
    assert width >= 177, width
    assert admin_client.get(url.removeprefix("http://testserver.local")).status_code == 200


def test_letterhead_has_logo_and_office_address_and_signer_number_is_labelled(admin_client, balai):
    demo_nagari(balai)
    profile = {**DEMO_PROFILE, "logo": save_image(balai.settings.data_dir, "logo", demo_logo())}
    run_sync(balai.save_profile(profile))
    assert issue(admin_client, "domisili", living_resident()["id"], isian_sejak="2015").status_code in (302, 303)
    [letter] = letters()
    content = admin_client.get(f"/admin/surat/{letter['id']}/pdf").content
    text = pdf_text(content)
    assert DEMO_PROFILE["alamat"] in text and DEMO_PROFILE["kode_pos"] in text
    assert f"Telp. {DEMO_PROFILE['telepon']}" in text and DEMO_PROFILE["email"] in text
    assert "NIPD. WN-01" in text  # the Wali Nagari of the demo has a village number, not a NIP
    pdf = pypdfium2.PdfDocument(content)
    images = [o for o in pdf[0].get_objects() if o.type == pypdfium2.raw.FPDF_PAGEOBJ_IMAGE]
    assert len(images) == 2  # the logo in the letterhead and the QR


def test_signer_number_labels():
    assert signer_number({"nip": "198203142009011003", "nomor_staf": ""}) == "NIP. 198203142009011003"
    assert signer_number({"nip": "", "nomor_staf": "PN-07"}) == "NIPD. PN-07"
    assert signer_number({"nip": "", "nomor_staf": "NIPD 12.07"}) == "NIPD. 12.07"  # typed with its label
    assert signer_number({"nip": "", "nomor_staf": ""}) == ""

