"""A letter's authenticity: the QR's signed fields, key rotation, published keys (the PDF's own PAdES signature and
`balai surat verify`: tests/test_surat_pades.py)."""

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from plugin_sdk import dokumen
from plugin_sdk.testing import run_sync
from plugins.surat import segel
from tests.surat_helpers import demo_nagari, issue, letters, living_resident


def issued_pdf(admin_client, balai) -> tuple[dict, bytes]:
    issue(admin_client, "domisili", living_resident()["id"])
    letter = letters()[-1]
    return letter, admin_client.get(f"/admin/surat/{letter['id']}/pdf").content


def signing_certificate(pdf: bytes) -> str:
    """The SHA-256 fingerprint of the certificate that signed a PDF, as `ca_certificates` writes it."""
    digest = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[0].signer_cert.sha256
    return ":".join(f"{b:02X}" for b in digest)


def keys_of(admin_client) -> dict:
    return {k["id"]: k["ed25519"] for k in admin_client.get("/surat/kunci-publik.json").json()["kunci"]}


def test_qr_fields_are_signed_and_a_forged_qr_fails(admin_client, balai):
    demo_nagari(balai, residents=5)
    letter, _ = issued_pdf(admin_client, balai)
    url = f"http://testserver.local/cek-surat/{letter['token']}?s={segel.b64(letter['tanda_data'])}"
    assert "SAH" in admin_client.get(url).text
    forged = letter["tanda_data"][:-2] + ("00" if letter["tanda_data"][-2:] != "00" else "11")
    assert "TIDAK SAH" in admin_client.get(f"/cek-surat/{letter['token']}?s={segel.b64(forged)}").text
    assert admin_client.get("/cek-surat/tidak-ada-token-seperti-ini").status_code == 404
    garbled = admin_client.get(f"/cek-surat/{letter['token']}?s=!!bukan-base64!!")
    assert garbled.status_code == 200 and "TIDAK SAH" in garbled.text
    # offline: the fields in the QR and the published key are enough
    keys = keys_of(admin_client)
    message = segel.field_message(letter["nomor"], letter["tanggal"].isoformat(), "domisili", "1307052001",
                                  segel.mask_name(letter["nama"]), letter["token"])
    assert dokumen.verify_signature(keys[letter["kunci_id"]], letter["tanda_data"], message)


def test_rotating_the_keys_keeps_old_letters_verifiable(admin_client, balai):
    """`balai surat kunci-baru`: a new Ed25519 key and a new PDF signing certificate from the same nagari CA."""
    demo_nagari(balai, residents=5)
    old, old_pdf = issued_pdf(admin_client, balai)
    new_id = dokumen.KeyRing(balai.settings.data_dir, "surat").rotate()
    renewed = dokumen.renew_signing_certificate(balai.settings.data_dir, balai.profile())
    new, new_pdf = issued_pdf(admin_client, balai)
    assert new["kunci_id"] == new_id != old["kunci_id"]
    [ca] = dokumen.ca_certificates(balai.settings.data_dir)  # the CA the kabupaten imported stays the same
    for pdf in (old_pdf, new_pdf):
        assert run_sync(dokumen.verify_pdf(pdf, [ca["der"]])).sah
    assert signing_certificate(old_pdf) != signing_certificate(new_pdf) == renewed["sidik"]
    assert "SAH" in admin_client.get(f"/cek-surat/{old['token']}").text
    page = admin_client.get("/surat/kunci-publik").text
    assert old["kunci_id"] in page and new_id in page and "PRIVATE" not in page


def test_the_public_check_page_never_shows_the_nik(admin_client, client, balai):
    demo_nagari(balai, residents=5)
    letter, _ = issued_pdf(admin_client, balai)
    page = client.get(f"/cek-surat/{letter['token']}").text
    assert letter["nik"] not in page and letter["nama"] not in page
    assert segel.mask_name(letter["nama"]) in page


@pytest.mark.parametrize("name, masked", [("Siti Rahmah", "Si** Ra****"), ("Al", "Al"), ("Rustam Dt. Bandaro",
                                                                                        "Ru**** Dt* Ba*****")])
def test_masked_names(name, masked):
    assert segel.mask_name(name) == masked


def test_changing_the_profile_code_later_keeps_old_letters_valid(admin_client, balai):
    demo_nagari(balai, residents=5)
    letter, _ = issued_pdf(admin_client, balai)
    run_sync(balai.save_profile({"kode": "1307052002"}))
    assert "SAH" in admin_client.get(f"/cek-surat/{letter['token']}").text.split("TIDAK SAH")[0]
    assert "TIDAK SAH" not in admin_client.get(f"/cek-surat/{letter['token']}").text
