"""Logging in safely: growing delays, two-factor login, password changes, deactivation."""

from datetime import datetime, timedelta, timezone

import pyotp
import pytest

from core.identity.users import create_user
from core.tables import PercobaanMasuk, Pengguna
from plugin_sdk.testing import ADMIN_PASSWORD, login, post_form, run_sync

OPERATOR = ("operator1", "sandi-operator-1")


@pytest.fixture
def operator(balai):
    run_sync(create_user(*OPERATOR[:1], "Ope Rator", OPERATOR[1], "operator"))
    return OPERATOR


def attempt(client, username, password):
    return post_form(client, "/masuk", {"username": username, "password": password}, follow_redirects=False)


def forget_the_wait():
    """Pretend an hour has passed: in the database, and in the server's memory of known waits."""
    from core.identity.throttle import forget_waits

    past = datetime.now(timezone.utc) - timedelta(hours=1)
    run_sync(PercobaanMasuk.update({PercobaanMasuk.terakhir: past}, force=True).run())
    forget_waits()


def test_repeated_failures_slow_down_instead_of_locking(client, operator):
    for _ in range(3):
        assert attempt(client, "operator1", "salah").status_code == 400
    slowed = attempt(client, "operator1", OPERATOR[1])
    assert slowed.status_code == 429 and "Coba lagi dalam" in slowed.text
    forget_the_wait()  # the delay has passed: the right password works again
    assert attempt(client, "operator1", OPERATOR[1]).status_code in (302, 303)
    assert run_sync(PercobaanMasuk.exists().where(PercobaanMasuk.kunci == "akun:operator1").run()) is False


def test_failures_from_one_address_slow_down_other_accounts_too(client, operator):
    for _ in range(3):
        attempt(client, "admin", "salah")
    assert attempt(client, "operator1", OPERATOR[1]).status_code == 429


def test_the_delay_grows_with_each_failure():
    from core.identity.throttle import MAX_DELAY, delay_for

    assert [delay_for(n) for n in range(7)] == [0, 0, 0, 1, 2, 4, 8]
    assert delay_for(100) == MAX_DELAY


def enable_2fa(client):
    page = client.get("/akun/2fa").text
    secret = page.split('id="kunci-totp">')[1].split("<")[0]
    done = post_form(client, "/akun/2fa", {"kode": pyotp.TOTP(secret).now()})
    assert done.status_code in (200, 201)
    codes = [c.split("</code>")[0] for c in done.text.split("<li><code>")[1:]]
    assert len(codes) == 10
    return secret, codes


def test_two_factor_login_with_code_and_one_time_recovery_code(client, operator):
    login(client, *operator)
    client.get("/akun/2fa")
    wrong = post_form(client, "/akun/2fa", {"kode": "000000"})
    assert wrong.status_code == 400 and "tidak cocok" in wrong.text
    secret, codes = enable_2fa(client)
    post_form(client, "/keluar")

    assert attempt(client, *operator).headers["location"] == "/masuk/kode"
    assert client.get("/admin", follow_redirects=False).status_code in (302, 303)  # not logged in yet
    bad = post_form(client, "/masuk/kode", {"kode": "123456"})
    assert bad.status_code == 400 and "Kode salah" in bad.text
    forget_the_wait()
    assert post_form(client, "/masuk/kode", {"kode": pyotp.TOTP(secret).now()}).status_code == 200
    assert client.get("/admin").status_code == 200
    post_form(client, "/keluar")

    attempt(client, *operator)
    used = post_form(client, "/masuk/kode", {"kode": codes[0]})
    assert used.status_code == 200 and "kode pemulihan" in used.text
    post_form(client, "/keluar")
    attempt(client, *operator)
    assert post_form(client, "/masuk/kode", {"kode": codes[0]}).status_code == 400  # used up


def test_administrators_must_enrol_when_the_setting_is_on(admin_client, balai):
    run_sync(balai.save_profile({"wajib_2fa_admin": True}))
    response = admin_client.get("/admin/pengguna", follow_redirects=False)
    assert response.status_code in (302, 303) and response.headers["location"] == "/akun/2fa"
    assert "wajib memakai login dua langkah" in admin_client.get("/akun/2fa").text
    enable_2fa(admin_client)
    assert admin_client.get("/admin/pengguna").status_code == 200


def test_password_change_checks_the_old_one(client, operator):
    login(client, *operator)
    wrong = post_form(client, "/akun/sandi", {"lama": "salah", "baru": "sandi-baru-123", "baru2": "sandi-baru-123"})
    assert wrong.status_code == 400 and "Kata sandi lama salah" in wrong.text
    post_form(client, "/akun/sandi", {"lama": OPERATOR[1], "baru": "sandi-baru-123", "baru2": "sandi-baru-123"})
    post_form(client, "/keluar")
    assert attempt(client, "operator1", "sandi-baru-123").status_code in (302, 303)


def test_admin_reset_gives_a_temporary_password_once(admin_client, operator):
    user_id = run_sync(Pengguna.select(Pengguna.id).where(Pengguna.username == "operator1").first().run())["id"]
    page = post_form(admin_client, f"/admin/pengguna/{user_id}/reset")
    temporary = page.text.split('id="sandi-sementara">')[1].split("<")[0]
    post_form(admin_client, "/keluar")
    assert attempt(admin_client, "operator1", temporary).status_code in (302, 303)


def test_deactivated_user_is_logged_out_at_once_and_keeps_history(client, balai, operator):
    from litestar.testing import TestClient

    login(client, *operator)
    assert client.get("/admin").status_code == 200
    user_id = run_sync(Pengguna.select(Pengguna.id).where(Pengguna.username == "operator1").first().run())["id"]
    with TestClient(client.app, base_url="http://testserver.local") as admin:
        login(admin)
        post_form(admin, f"/admin/pengguna/{user_id}", {"nama": "Ope Rator", "peran": "2"})  # aktif unticked
        history = admin.get("/admin/audit", params={"pengguna": "operator1"}).text
    assert "masuk" in history
    assert client.get("/admin", follow_redirects=False).status_code in (302, 303)
    assert attempt(client, *operator).status_code == 400


def test_cannot_deactivate_yourself_or_remove_the_last_administrator(admin_client, balai):
    me = run_sync(Pengguna.select(Pengguna.id).where(Pengguna.username == "admin").first().run())["id"]
    self_off = post_form(admin_client, f"/admin/pengguna/{me}", {"nama": "Admin", "peran": "1"})
    assert self_off.status_code == 400 and "akun Anda sendiri" in self_off.text
    demote = post_form(admin_client, f"/admin/pengguna/{me}", {"nama": "Admin", "peran": "2", "aktif": "1"})
    assert demote.status_code == 400 and "setidaknya satu Administrator" in demote.text
    assert admin_client.get("/admin/pengguna").status_code == 200


def test_login_gives_a_new_session_id(client):
    planted = "a" * 64  # an attacker fixed this id in the victim's browser
    client.cookies.set("balai_sesi", planted, domain="testserver.local")
    login(client)
    assert client.cookies.get("balai_sesi") not in (None, planted)
    assert client.get("/admin").status_code == 200


def test_reset_ends_sessions_and_forces_a_new_password(client, balai, operator):
    from litestar.testing import TestClient

    login(client, *operator)
    user_id = run_sync(Pengguna.select(Pengguna.id).where(Pengguna.username == "operator1").first().run())["id"]
    with TestClient(client.app, base_url="http://testserver.local") as admin:
        login(admin)
        page = post_form(admin, f"/admin/pengguna/{user_id}/reset")
        temporary = page.text.split('id="sandi-sementara">')[1].split("<")[0]
    assert client.get("/admin", follow_redirects=False).status_code in (302, 303)  # the old session is over
    login(client, "operator1", temporary)
    forced = client.get("/admin", follow_redirects=False)
    assert forced.headers["location"] == "/akun/sandi"
    post_form(client, "/akun/sandi", {"lama": temporary, "baru": "milik-sendiri-1", "baru2": "milik-sendiri-1"})
    assert client.get("/admin").status_code == 200  # this session carries on after the change


def test_password_change_ends_the_other_sessions(balai, balai_app, operator):
    from litestar.testing import TestClient

    with TestClient(balai_app, base_url="http://testserver.local") as phone, \
            TestClient(balai_app, base_url="http://testserver.local") as office:
        login(phone, *operator)
        login(office, *operator)
        post_form(office, "/akun/sandi", {"lama": OPERATOR[1], "baru": "sandi-lain-99", "baru2": "sandi-lain-99"})
        assert office.get("/admin").status_code == 200
        assert phone.get("/admin", follow_redirects=False).status_code in (302, 303)


def test_an_administrator_who_must_enrol_can_still_log_out(admin_client, balai):
    run_sync(balai.save_profile({"wajib_2fa_admin": True}))
    response = post_form(admin_client, "/keluar", follow_redirects=False)
    assert response.headers["location"] == "/masuk"
