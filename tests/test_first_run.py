"""A new (non-demo) installation leads through the nagari profile and the first administrator."""

import pytest

from core.tables import Pengguna
from plugin_sdk.testing import post_form, run_sync

GOOD = {"kode": "13.07.05.2001", "nama_admin": "Ani", "username": "Ani", "password": "panjang-sekali",
        "password2": "panjang-sekali"}


@pytest.fixture
def fresh(balai):
    run_sync(Pengguna.delete(force=True).run())
    return balai


def test_login_page_sends_a_new_install_to_setup(fresh, client):
    response = client.get("/masuk", follow_redirects=False)
    assert response.headers["location"] == "/setup"
    page = client.get("/setup").text
    assert 'value="13.07.05.2001"' in page and "Taram" in page  # the pick-list of the kabupaten


@pytest.mark.parametrize("change, message", [
    ({"password": "pendek", "password2": "pendek"}, "minimal 8"),
    ({"password2": "lain-lagi-ya"}, "tidak sama"),
    ({"kode": "1307"}, "10 angka"),
    ({"kode": "11.01.01.2001"}, "Nama wajib diisi"),  # a code outside the shipped list needs its names typed
    ({"username": "a b"}, "huruf kecil"),
])
def test_setup_rejects_bad_input_next_to_the_field_and_saves_nothing(fresh, client, change, message):
    bad = post_form(client, "/setup", {**GOOD, **change})
    assert bad.status_code == 400 and message in bad.text
    assert run_sync(Pengguna.count().run()) == 0
    assert fresh.profile().get("kode") is None


def test_setup_creates_profile_and_administrator_and_logs_in(fresh, client):
    response = post_form(client, "/setup", GOOD)
    assert response.status_code == 200 and "administrator pertama dibuat" in response.text
    assert "Nagari Taram" in response.text
    assert client.get("/admin/plugin").status_code == 200
    assert client.get("/setup").status_code == 404
    user = run_sync(Pengguna.select(Pengguna.username, Pengguna.password_hash,
                                    Pengguna.peran.kode.as_alias("peran")).first().run())
    assert user["username"] == "ani" and user["peran"] == "administrator"
    assert user["password_hash"].startswith("$argon2")
    assert fresh.profile()["kecamatan"] == "Harau" and fresh.profile()["kode"] == "1307052001"
