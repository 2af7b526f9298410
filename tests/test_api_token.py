"""API tokens: made by an administrator on Pengaturan > Token API, shown once, stored as a hash, limited by role,
scope and expiry, revocable at once, every use audited under the token's name, failed attempts throttled."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date, timedelta

import pytest

from core.audit.tables import AuditEntri
from core.identity.token import TokenApi
from core.penduduk.tables import Wilayah
from core.tables import Peran
from plugin_sdk.testing import csrf_headers, login, menu_labels, post_form, run_sync
from tests.test_register_pages import HEAD
from core.profil.waktu import today as nagari_today

TOKEN_RE = re.compile(r'id="token-rahasia" value="(balai_[0-9a-f]{12}_[A-Za-z0-9_-]{43})"')


def role_id(kode: str) -> int:
    return run_sync(Peran.select(Peran.id).where(Peran.kode == kode).first().run())["id"]


def make_token(client, nama="Aplikasi posyandu", peran="operator", wilayah=None, until=None) -> str:
    """Make a token through the page, as an administrator would; returns the secret shown once."""
    answer = post_form(client, "/admin/token/baru", {
        "nama": nama, "peran": str(role_id(peran)), "wilayah_lingkup": str(wilayah or ""),
        "berlaku_sampai": (until or nagari_today() + timedelta(days=30)).isoformat()})
    assert answer.status_code == 200, answer.text[:500]
    return TOKEN_RE.search(answer.text).group(1)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def flush_views(client) -> None:
    run_sync(client.app.state.audit.flush())


def audit(**where) -> list[dict]:
    query = AuditEntri.select().order_by(AuditEntri.nomor)
    for key, value in where.items():
        query = query.where(getattr(AuditEntri, key) == value)
    return run_sync(query.run())


def test_administrator_makes_a_token_that_is_shown_once_and_stored_only_as_a_hash(admin_client):
    assert "Token API" in menu_labels(admin_client.get("/admin").text)
    form = admin_client.get("/admin/token/baru")
    assert form.status_code == 200 and 'name="berlaku_sampai"' in form.text and "Lingkup wilayah" in form.text
    answer = post_form(admin_client, "/admin/token/baru", {
        "nama": "Dasbor kabupaten", "peran": str(role_id("wali_nagari")), "wilayah_lingkup": "",
        "berlaku_sampai": (nagari_today() + timedelta(days=365)).isoformat()})
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
    token = TOKEN_RE.search(answer.text).group(1)
    assert "hanya ditampilkan sekali" in answer.text and 'data-salin="token-rahasia"' in answer.text

    row = run_sync(TokenApi.select().run())[0]
    assert row["hash_rahasia"] == hashlib.sha256(token.encode()).hexdigest()
    assert token.startswith(f"balai_{row['kode']}_")
    secret = token.rsplit("_", 1)[1]
    assert not any(secret in str(value) for value in row.values())  # nothing but the digest is kept
    listing = admin_client.get("/admin/token").text
    assert "Dasbor kabupaten" in listing and f"balai_{row['kode']}_" in listing and secret not in listing
    assert "belum pernah" in listing and "Wali Nagari" in listing
    made = audit(aksi="buat", objek_jenis="token_api")
    assert len(made) == 1 and made[0]["pengguna"] == "admin" and secret not in made[0]["rincian"]


@pytest.mark.parametrize("until, field_message", [
    (nagari_today() + timedelta(days=731), "paling lama 2 tahun"),
    (nagari_today() - timedelta(days=1), "sudah lewat"),
    (None, "wajib diisi"),
])
def test_a_token_needs_an_expiry_within_two_years(admin_client, until, field_message):
    answer = post_form(admin_client, "/admin/token/baru", {
        "nama": "Skrip", "peran": str(role_id("operator")), "berlaku_sampai": until.isoformat() if until else ""})
    assert answer.status_code == 400 and field_message in answer.text
    assert run_sync(TokenApi.count().run()) == 0


def test_only_administrators_manage_tokens(client, balai):
    from core.identity.users import create_user

    run_sync(create_user("operator1", "Operator", "sandi-operator-1", "operator"))
    login(client, "operator1", "sandi-operator-1")
    assert client.get("/admin/token").status_code == 403
    assert post_form(client, "/admin/token/baru", {"nama": "x", "peran": "1",
                                                   "berlaku_sampai": nagari_today().isoformat()}).status_code == 403


def test_a_token_reads_the_api_without_a_session_and_every_use_is_audited(admin_client):
    post_form(admin_client, "/admin/penduduk/baru", HEAD)
    token = make_token(admin_client)
    kode = token.split("_")[1]
    admin_client.cookies.clear()  # a machine client: no session, no CSRF cookie
    assert admin_client.get("/api/v1/penduduk").status_code == 401
    listing = admin_client.get("/api/v1/penduduk", headers=bearer(token))
    assert listing.status_code == 200 and listing.json()["total"] == 1
    pid = listing.json()["data"][0]["id"]
    assert admin_client.get(f"/api/v1/penduduk/{pid}", headers=bearer(token)).json()["nama"] == "Rustam"
    assert "set-cookie" not in listing.headers  # no session and no CSRF cookie for a machine
    flush_views(admin_client)
    uses = audit(aksi="pakai_token")
    assert [u["rincian"] for u in uses] == [json.dumps({"alamat": "/api/v1/penduduk", "metode": "GET"}),
                                            json.dumps({"alamat": f"/api/v1/penduduk/{pid}", "metode": "GET"})]
    assert {(u["pengguna"], u["pengguna_id"]) for u in uses} == {(f"token:{kode}", None)}
    views = audit(aksi="lihat", pengguna=f"token:{kode}")  # the views the API logs, as the token's
    assert [(v["objek_jenis"], v["objek_id"], v["pengguna_id"]) for v in views] == [
        ("daftar_penduduk", "1", None), ("penduduk", str(pid), None)]
    assert not any(token.rsplit("_", 1)[1] in e["rincian"] + e["pengguna"] for e in audit())
    row = run_sync(TokenApi.select().first().run())
    assert row["terakhir_dipakai"] is not None and row["terakhir_ip"] == "testclient"


def test_a_bearer_token_opens_only_the_api_and_never_borrows_the_session(admin_client):
    token = make_token(admin_client, peran="redaksi")  # a role without penduduk.lihat
    # Logged in as administrator, but the request names a token: the token's rights, not the session's.
    assert admin_client.get("/api/v1/wilayah").status_code == 200
    refused = admin_client.get("/api/v1/wilayah", headers=bearer(token))
    assert refused.status_code == 403 and refused.json()["detail"]
    assert admin_client.get("/api/v1/wilayah", headers=bearer("balai_000000000000_" + "x" * 43)).status_code == 401
    # Outside /api/ the header means nothing: a browser page still needs the session (and CSRF for forms).
    admin_client.cookies.clear()
    page = admin_client.get("/admin/penduduk", headers=bearer(token), follow_redirects=False)
    assert page.status_code in (302, 303) and page.headers["location"].startswith("/masuk")
    form = admin_client.post("/admin/wilayah", data={"nama": "X"}, headers=bearer(token), follow_redirects=False)
    assert form.status_code == 403  # CSRF: only API requests with a bearer token skip it


def test_unknown_expired_and_revoked_tokens_are_refused_with_a_message(admin_client):
    good = make_token(admin_client, nama="Dicabut nanti")
    old = make_token(admin_client, nama="Lama")
    run_sync(TokenApi.update({TokenApi.berlaku_sampai: nagari_today() - timedelta(days=1)}).where(
        TokenApi.nama == "Lama").run())
    assert admin_client.get("/api/v1/wilayah", headers=bearer(good)).status_code == 200
    expired = admin_client.get("/api/v1/wilayah", headers=bearer(old))
    assert expired.status_code == 401 and "kedaluwarsa" in expired.json()["detail"]
    unknown = admin_client.get("/api/v1/wilayah", headers=bearer(good[:-1] + ("A" if good[-1] != "A" else "B")))
    assert unknown.status_code == 401 and "tidak dikenal" in unknown.json()["detail"]

    token_id = run_sync(TokenApi.select(TokenApi.id).where(TokenApi.nama == "Dicabut nanti").first().run())["id"]
    revoked = post_form(admin_client, f"/admin/token/{token_id}/cabut")
    assert revoked.status_code == 200 and "dicabut" in revoked.text
    answer = admin_client.get("/api/v1/wilayah", headers=bearer(good))  # at once: no cache to wait out
    assert answer.status_code == 401 and "sudah dicabut" in answer.json()["detail"]
    flush_views(admin_client)
    assert [e["rincian"] for e in audit(aksi="token_ditolak")] == [
        json.dumps({"alamat": "/api/v1/wilayah", "alasan": r}) for r in ("kedaluwarsa", "tidak_dikenal", "dicabut")]
    assert audit(aksi="cabut", objek_jenis="token_api")[0]["objek_id"] == str(token_id)


def test_failed_token_attempts_are_throttled_like_logins(admin_client):
    token = make_token(admin_client)
    admin_client.cookies.clear()
    wrong = bearer("balai_0123456789ab_" + "y" * 43)
    codes = [admin_client.get("/api/v1/wilayah", headers=wrong).status_code for _ in range(5)]
    assert codes[:3] == [401, 401, 401] and 429 in codes[3:]
    waiting = admin_client.get("/api/v1/wilayah", headers=bearer(token))
    assert waiting.status_code == 429 and "Coba lagi" in waiting.json()["detail"]
    login(admin_client)  # the staff login counts its own attempts: a bad integration does not lock the office out
    assert admin_client.get("/api/v1/wilayah", headers=csrf_headers(admin_client)).status_code == 200


def test_a_token_sees_only_its_jorong(admin_client):
    from tests.test_lingkup_wilayah import add, place

    koto, baruah = place("Koto"), place("Baruah")
    inside = add(admin_client, "1307051208900001", "Rustam", koto, "1307051234560001")
    outside = add(admin_client, "1307051208880003", "Bujang", baruah, "1307051234560003")
    token = make_token(admin_client, wilayah=koto)
    listing = admin_client.get("/api/v1/penduduk", headers=bearer(token)).json()
    assert listing["total"] == 1 and listing["data"][0]["nama"] == "Rustam"
    assert admin_client.get(f"/api/v1/penduduk/{inside['id']}", headers=bearer(token)).status_code == 200
    for url in (f"/api/v1/penduduk/{outside['id']}", f"/api/v1/keluarga/{outside['keluarga']}",
                f"/api/v1/penduduk/{outside['id']}/peristiwa"):
        assert admin_client.get(url, headers=bearer(token)).status_code == 404, url
    assert "Koto" in admin_client.get("/admin/token").text
    assert run_sync(Wilayah.count().run()) == 2
