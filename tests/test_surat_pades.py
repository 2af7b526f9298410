"""Letters carry a standard PAdES signature (issue 20): a PDF reader's check passes with the nagari CA as the only
trust root, the CA is published for the kabupaten to import, `balai surat verify` checks new letters and still the
old sealed ones, and a plugin may replace the signer (hook balai_pdf_signer)."""

import hashlib
import io
from importlib.metadata import entry_points

import pytest
from asn1crypto import x509 as asn1_x509
from click.testing import CliRunner
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from plugin_sdk import dokumen
from plugin_sdk.testing import run_sync
from plugins.surat import segel
from plugins.surat.cli import group
from tests.conftest import fixture_entry_point
from tests.fixtures.plugins import penanda_lain
from tests.surat_helpers import demo_nagari, issue, letters, living_resident


def issued(admin_client) -> tuple[dict, bytes]:
    assert issue(admin_client, "domisili", living_resident()["id"]).status_code in (302, 303)
    letter = letters()[-1]
    return letter, admin_client.get(f"/admin/surat/{letter['id']}/pdf").content


def changed(content: bytes, position: int) -> bytes:
    out = bytearray(content)
    out[position] ^= 0x01
    return bytes(out)


def verify(tmp_path, pdf: bytes, *options: str):
    (tmp_path / "periksa.pdf").write_bytes(pdf)
    return CliRunner().invoke(group, ["verify", *options, str(tmp_path / "periksa.pdf")])


def test_an_issued_letter_is_signed_trusted_through_the_published_ca_and_a_changed_byte_fails(
        admin_client, client, balai, tmp_path, monkeypatch):
    demo_nagari(balai, residents=5)
    assert client.get("/surat/ca-nagari.cer").status_code == 404  # nothing is made before the first letter
    letter, pdf = issued(admin_client)
    # The archive keeps the SHA-256 of the file exactly as downloaded, signed with the nagari's Ed25519 key.
    assert hashlib.sha256(pdf).hexdigest() == letter["sha256"]
    assert dokumen.KeyRing(balai.settings.data_dir, "surat").verify(
        letter["kunci_id"], letter["tanda_berkas"], segel.file_message(letter["token"], letter["sha256"]))

    # The CA as the kabupaten downloads it is the only trust root a PDF reader's check needs.
    der = client.get("/surat/ca-nagari.cer")
    assert der.headers["content-type"] == "application/pkix-cert" and "attachment" in der.headers["content-disposition"]
    [published] = dokumen.ca_certificates(balai.settings.data_dir)
    page = client.get("/surat/kunci-publik").text
    assert published["sidik"] in page and "Otoritas Sertifikat Nagari Taram" in page and "PRIVATE" not in page
    [signature] = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert letter["nomor"] in signature.sig_object["/Reason"] and "Nagari Taram" in signature.sig_object["/Location"]
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[asn1_x509.Certificate.load(der.content)]))
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.signing_cert.subject.native["common_name"] == "Pemerintah Nagari Taram"

    # Any changed byte fails: in the letter, in the room reserved for the signature, at the very end.
    padding = pdf.index(b">", pdf.index(b"/Contents <")) - 10
    assert pdf[padding:padding + 10] == b"0" * 10  # the zeros after the signature, inside its reserved room
    for position in (200, len(pdf) // 3, padding, len(pdf) - 40):
        result = run_sync(dokumen.verify_pdf(changed(pdf, position), [der.content]))
        assert not result.sah and result.alasan, position
    appended = run_sync(dokumen.verify_pdf(pdf + b"%tambahan\n", [der.content]))
    assert not appended.sah and "tambahan" in appended.alasan

    # Offline with `balai surat verify`: the CA from the data folder, or the file from the website.
    monkeypatch.setenv("BALAI_DATA_DIR", str(balai.settings.data_dir))
    (tmp_path / "ca.pem").write_bytes(client.get("/surat/ca-nagari.pem").content)
    for options in ((), ("--ca", str(tmp_path / "ca.pem"))):
        ok = verify(tmp_path, pdf, *options)
        assert ok.exit_code == 0 and ok.output.startswith("SAH") and "Pemerintah Nagari Taram" in ok.output
    bad = verify(tmp_path, changed(pdf, 300))
    assert bad.exit_code == 1 and bad.output.startswith("TIDAK SAH")
    # Another installation's CA does not vouch for this nagari's letters; a file that is no certificate is refused.
    dokumen.renew_signing_certificate(tmp_path / "lain", {"nama": "Lain", "kode": "1307052099"})
    (tmp_path / "lain.pem").write_text(dokumen.ca_certificates(tmp_path / "lain")[0]["pem"])
    stranger = verify(tmp_path, pdf, "--ca", str(tmp_path / "lain.pem"))
    assert stranger.exit_code == 1 and "tidak diterbitkan oleh CA" in stranger.output
    (tmp_path / "bukan.pem").write_text("bukan sertifikat")
    refused = verify(tmp_path, pdf, "--ca", str(tmp_path / "bukan.pem"))
    assert refused.exit_code == 2 and "bukan sertifikat" in refused.output


class TestAPluginSigner:
    @pytest.fixture
    def balai_entry_points(self):
        return [*entry_points(group="balai.plugins"), fixture_entry_point("penanda_lain")]

    @pytest.fixture
    def balai_plugins(self):
        return ["penanda_lain"]

    def test_replaces_the_nagari_certificate_while_enabled_and_old_sealed_letters_still_verify(
            self, admin_client, client, balai, tmp_path, monkeypatch):
        demo_nagari(balai, residents=5)
        penanda_lain.SIGNER.asked.clear()
        letter, pdf = issued(admin_client)
        [asked] = penanda_lain.SIGNER.asked
        assert pdf == asked["pdf"] + penanda_lain.MARK and letter["sha256"] == hashlib.sha256(pdf).hexdigest()
        assert letter["nomor"] in asked["reason"] and "Nagari Taram" in asked["location"] and asked["signatory"]
        assert penanda_lain.SIGNER.name in client.get(f"/cek-surat/{letter['token']}").text
        assert penanda_lain.SIGNER.name in client.get("/surat/kunci-publik").text
        assert dokumen.ca_certificates(balai.settings.data_dir) == []  # the nagari CA was never needed

        run_sync(balai.disable("penanda_lain"))
        _, own = issued(admin_client)
        roots = [c["der"] for c in dokumen.ca_certificates(balai.settings.data_dir)]
        assert run_sync(dokumen.verify_pdf(own, roots)).sah

        # A letter sealed the old way (before PAdES): the rendered PDF with Balai's file signature appended.
        ring = dokumen.KeyRing(balai.settings.data_dir, "surat")
        kid, tanda = ring.sign(segel.file_message(letter["token"], hashlib.sha256(asked["pdf"]).hexdigest()))
        old = segel.seal(asked["pdf"], letter["token"], kid, tanda)
        monkeypatch.setenv("BALAI_DATA_DIR", str(balai.settings.data_dir))
        ok = verify(tmp_path, old)
        assert ok.exit_code == 0 and ok.output.startswith("SAH") and letter["token"] in ok.output
        bad = verify(tmp_path, changed(old, len(old) // 2))
        assert bad.exit_code == 1 and bad.output.startswith("TIDAK SAH")
