"""A new (non-demo) installation leads to creating the first administrator."""

import pytest

from core.tables import Pengguna
from plugin_sdk.testing import post_form, run_sync


@pytest.fixture
def fresh(balai):
    run_sync(Pengguna.delete(force=True).run())
    return balai


def test_login_page_sends_a_new_install_to_setup(fresh, client):
    response = client.get("/masuk", follow_redirects=False)
    assert response.headers["location"] == "/setup"


def test_setup_rejects_bad_input_and_saves_nothing(fresh, client):
    bad = post_form(client, "/setup", {"nama": "Ani", "username": "ani", "password": "pendek", "password2": "pendek"})
    assert bad.status_code == 400 and "minimal 8" in bad.text
    mismatch = post_form(client, "/setup", {"nama": "Ani", "username": "ani", "password": "panjang-sekali",
                                            "password2": "lain-lagi-ya"})
    assert mismatch.status_code == 400 and "tidak sama" in mismatch.text
    assert run_sync(Pengguna.count().run()) == 0


def test_setup_creates_administrator_and_logs_in(fresh, client):
    response = post_form(client, "/setup", {"nama": "Ani", "username": "Ani", "password": "panjang-sekali",
                                            "password2": "panjang-sekali"})
    assert response.status_code == 200 and "Administrator pertama dibuat" in response.text
    assert client.get("/admin/plugin").status_code == 200
    assert client.get("/setup").status_code == 404
    user = run_sync(Pengguna.select().first().run())
    assert user["username"] == "ani" and user["adalah_admin"] and user["password_hash"].startswith("$argon2")
