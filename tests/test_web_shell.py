"""The app shell: login, deny-by-default access, error pages, public home, health, assets."""

import re

import pytest

from plugin_sdk.testing import ADMIN_PASSWORD, login, menu_labels, post_form


def test_login_with_wrong_password_shows_message_and_sets_no_session(client):
    response = post_form(client, "/masuk", {"username": "admin", "password": "salah"})
    assert response.status_code == 400 and "Nama pengguna atau kata sandi salah" in response.text
    assert client.get("/admin", follow_redirects=False).status_code in (302, 303)


def test_login_then_dashboard_then_logout(client):
    login(client)
    dashboard = client.get("/admin")
    assert dashboard.status_code == 200 and "Dasbor" in dashboard.text
    assert menu_labels(dashboard.text)[:1] == ["Dasbor"]
    post_form(client, "/keluar")
    assert client.get("/admin", follow_redirects=False).status_code in (302, 303)


def test_login_redirect_keeps_only_local_targets(client):
    response = post_form(client, "/masuk", {"username": "admin", "password": ADMIN_PASSWORD,
                                            "next": "https://jahat.example/"}, follow_redirects=False)
    assert response.headers["location"] == "/admin"


def test_form_without_csrf_token_is_refused(client):
    response = client.post("/masuk", data={"username": "admin", "password": ADMIN_PASSWORD})
    assert response.status_code == 403 and "kedaluwarsa" in response.text


def test_unknown_page_is_a_404_page_in_indonesian(client):
    response = client.get("/tidak-ada")
    assert response.status_code == 404 and "Halaman tidak ditemukan" in response.text


def test_api_errors_are_json(client):
    assert client.get("/api/tidak-ada").json()["status_code"] == 404


def test_public_home_comes_from_the_theme_and_shows_no_admin(client):
    home = client.get("/")
    assert home.status_code == 200
    assert "/static/tema/bawaan/tema.css" in home.text and "Selamat datang" in home.text
    assert client.get("/static/tema/bawaan/tema.css").status_code == 200


def test_health_reports_database_and_plugins(client, balai):
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["basis_data"] == balai.engine.engine_type
    assert "sistem" in body["plugin_aktif"]


def test_every_asset_is_served_locally_including_api_docs(client):
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    urls = re.findall(r'(?:src|href)=["\']([^"\']+)["\']', docs.text)
    assert urls and all(u.startswith("/") for u in urls), urls
    for url in urls:
        assert client.get(url).status_code == 200, url
    pages = [client.get("/").text, client.get("/masuk").text]
    for html in pages:
        assert not re.search(r'(?:src|href)=["\']https?://', html)


def test_every_route_declares_its_access(balai_app):
    """Deny by default: every handler is public, needs login, names a permission, or is a resident's page."""
    undeclared = []
    for route in balai_app.routes:
        for handler in getattr(route, "route_handlers", []):
            opt = handler.opt
            if handler.http_methods == {"OPTIONS"}:  # Litestar's automatic CORS pre-flight answer
                continue
            if not (opt.get("public") or opt.get("login") or opt.get("permission") or opt.get("warga")
                    or opt.get("warga_publik")):
                undeclared.append(f"{sorted(handler.http_methods)} {route.path}")
    assert undeclared == []


@pytest.fixture
def balai_plugins():
    return []


def test_route_without_declared_access_is_refused(balai):
    from litestar import get
    from litestar.testing import TestClient

    from core.web.app import create_app

    @get("/lupa-izin")
    async def lupa_izin() -> str:
        return "rahasia"

    app = create_app(balai)
    app.register(lupa_izin)
    with TestClient(app, base_url="http://testserver.local") as c:
        login(c)
        response = c.get("/lupa-izin")
    assert response.status_code == 403 and "rahasia" not in response.text


def test_first_run_page_only_while_there_is_no_user(client):
    assert client.get("/setup").status_code == 404


def test_anonymous_visits_store_no_session_and_static_files_set_no_cookie(client, balai):
    folder = balai.settings.data_dir / "sesi"
    for _ in range(5):
        client.get("/")
        client.get("/health")
    assert not folder.exists() or not any(folder.iterdir())
    static = client.get("/static/core/balai.css")
    assert "set-cookie" not in static.headers


def test_logged_in_session_is_not_rewritten_on_every_page(admin_client):
    first = admin_client.get("/admin")
    assert "balai_sesi" not in first.headers.get("set-cookie", "")
