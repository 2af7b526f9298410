"""A letter's authenticity: the sealed PDF checked offline, the QR's signed fields, key rotation, published keys."""

import json

import pytest
from click.testing import CliRunner

from plugin_sdk import dokumen
from plugins.surat import segel
from plugins.surat.cli import group, verify_file
from tests.surat_helpers import demo_nagari, issue, letters, living_resident


def issued_pdf(admin_client, balai) -> tuple[dict, bytes]:
    issue(admin_client, "domisili", living_resident()["id"])
    letter = letters()[-1]
    return letter, admin_client.get(f"/admin/surat/{letter['id']}/pdf").content


def keys_of(admin_client) -> dict:
    return {k["id"]: k["ed25519"] for k in admin_client.get("/surat/kunci-publik.json").json()["kunci"]}


def test_sealed_pdf_verifies_offline_and_any_changed_byte_fails(admin_client, balai, tmp_path, monkeypatch):
    demo_nagari(balai, residents=5)
    letter, pdf = issued_pdf(admin_client, balai)
    keys = keys_of(admin_client)
    assert verify_file(pdf, keys)[0]
    assert segel.unseal(pdf)["sha256"] == letter["sha256"]
    for position in (200, len(pdf) // 2, len(pdf) - 40):  # inside the rendered PDF and inside the seal
        changed = bytearray(pdf)
        changed[position] ^= 0x01
        valid, why = verify_file(bytes(changed), keys)
        assert not valid and why
    assert not verify_file(segel.unseal(pdf)["asli"], keys)[0]  # the seal stripped off

    monkeypatch.setenv("BALAI_DATA_DIR", str(balai.settings.data_dir))
    (tmp_path / "surat.pdf").write_bytes(pdf)
    broken = bytearray(pdf)
    broken[300] ^= 0x01
    (tmp_path / "ubah.pdf").write_bytes(bytes(broken))
    runner = CliRunner()
    ok = runner.invoke(group, ["verify", str(tmp_path / "surat.pdf")])
    assert ok.exit_code == 0 and ok.output.startswith("SAH")
    bad = runner.invoke(group, ["verify", str(tmp_path / "ubah.pdf")])
    assert bad.exit_code == 1 and bad.output.startswith("TIDAK SAH")
    (tmp_path / "kunci.json").write_text(json.dumps(admin_client.get("/surat/kunci-publik.json").json()))
    published = runner.invoke(group, ["verify", "--kunci-publik", str(tmp_path / "kunci.json"),
                                      str(tmp_path / "surat.pdf")])
    assert published.exit_code == 0


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


def test_rotating_the_key_keeps_old_letters_verifiable(admin_client, balai):
    demo_nagari(balai, residents=5)
    old, old_pdf = issued_pdf(admin_client, balai)
    new_id = dokumen.KeyRing(balai.settings.data_dir, "surat").rotate()
    new, new_pdf = issued_pdf(admin_client, balai)
    assert new["kunci_id"] == new_id != old["kunci_id"]
    keys = keys_of(admin_client)
    assert verify_file(old_pdf, keys)[0] and verify_file(new_pdf, keys)[0]
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
    from plugin_sdk.testing import run_sync

    run_sync(balai.save_profile({"kode": "1307052002"}))
    assert "SAH" in admin_client.get(f"/cek-surat/{letter['token']}").text.split("TIDAK SAH")[0]
    assert "TIDAK SAH" not in admin_client.get(f"/cek-surat/{letter['token']}").text
