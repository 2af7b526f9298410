"""The nagari profile, its logo and its officials."""

import io

import pytest

from core.tables import Perangkat
from plugin_sdk.testing import csrf_headers, post_form, run_sync


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), (20, 90, 160)).save(out, "PNG")
    return out.getvalue()


PNG = _png()


def save(client, fields, files=None):
    return client.post("/admin/profil", data=fields, files=files or {"kosong": ("", b"")},
                       headers=csrf_headers(client))


BASE = {"kode": "13.07.05.2001", "sebutan_desa": "Nagari", "sebutan_kepala": "Wali Nagari"}


def test_known_code_fills_the_names_and_terms_change_the_pages(admin_client, balai):
    response = save(admin_client, {**BASE, "sebutan_desa": "Desa"})
    assert response.status_code == 200 and "Profil nagari disimpan" in response.text
    profile = balai.profile()
    assert (profile["nama"], profile["kecamatan"], profile["kabupaten"]) == ("Taram", "Harau", "Lima Puluh Kota")
    assert "Desa Taram" in admin_client.get("/").text


@pytest.mark.parametrize("fields, message", [
    ({"kode": "13.07"}, "10 angka"),
    ({"lintang": "utara"}, "angka desimal"),
    ({"bujur": "10"}, "di luar wilayah Indonesia"),
    ({"email": "bukan-email"}, "Alamat email tidak valid"),
])
def test_bad_profile_input_is_shown_next_to_the_field_and_nothing_saved(admin_client, balai, fields, message):
    before = dict(balai.profile())
    response = save(admin_client, {**BASE, **fields})
    assert response.status_code == 400 and message in response.text
    assert balai.profile() == before


def test_logo_accepts_images_only_and_is_served_from_outside_the_web_root(admin_client, client, balai):
    svg = save(admin_client, BASE, {"logo": ("logo.png", b"<svg onload='alert(1)'/>", "image/png")})
    assert svg.status_code == 400 and "Hanya gambar PNG, JPEG atau WebP" in svg.text
    big = save(admin_client, BASE, {"logo": ("logo.png", PNG + b"\x00" * (3 * 1024 * 1024), "image/png")})
    assert big.status_code == 400 and "terlalu besar" in big.text
    ok = save(admin_client, BASE, {"logo": ("logo.png", PNG, "image/png")})
    assert ok.status_code == 200
    stored = balai.profile()["logo"]
    from PIL import Image

    with Image.open(balai.settings.data_dir / "berkas" / "logo" / stored) as kept:  # re-encoded, same picture
        assert kept.format == "PNG" and kept.size == (8, 8) and kept.getpixel((0, 0)) == (20, 90, 160)
    served = client.get("/berkas/logo")
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"


def test_profile_change_reaches_other_workers(balai):
    from core.runtime import Balai

    other = Balai.boot(settings=balai.settings, host=balai.host)
    run_sync(other.enabled_names())
    run_sync(balai.save_profile({"nama": "Kurai"}))
    run_sync(other.enabled_names())  # every request does this
    assert other.profile()["nama"] == "Kurai"


def test_officials_with_signing_rules(admin_client):
    wali = post_form(admin_client, "/admin/perangkat/baru", {"nama": "Datuak Rajo", "jabatan": "Wali Nagari",
                                                             "boleh_tanda_tangan": "1", "cara_tanda_tangan": "kepala",
                                                             "aktif": "1"})
    assert wali.status_code == 200 and "disimpan" in wali.text
    missing = post_form(admin_client, "/admin/perangkat/baru", {"nama": "Ani", "jabatan": "Kasi Pelayanan",
                                                                "cara_tanda_tangan": "ub", "nip": "123"})
    assert missing.status_code == 400 and "NIP harus 18 angka" in missing.text and "perlu atasan" in missing.text
    atasan = run_sync(Perangkat.select(Perangkat.id).first().run())["id"]
    ok = post_form(admin_client, "/admin/perangkat/baru", {"nama": "Ani", "jabatan": "Kasi Pelayanan",
                                                           "cara_tanda_tangan": "ub", "atasan": str(atasan),
                                                           "boleh_tanda_tangan": "1", "aktif": "1"})
    assert ok.status_code == 200
    listing = admin_client.get("/admin/perangkat").text
    assert "a.n. kepala u.b. atasan (Wali Nagari)" in listing
