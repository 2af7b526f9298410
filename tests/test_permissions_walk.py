"""Deny by default, proven: every route of the core and every plugin, with every role."""

import re

import pytest
from litestar.testing import TestClient

from core.identity.users import create_user
from core.web.access import PLUGIN_OPT
from plugin_sdk.testing import csrf_headers, login, run_sync

ROLES = ("administrator", "operator", "wali_nagari", "redaksi")
PASSWORD = "kata-sandi-uji"
SKIP = {"/keluar", "/masuk", "/masuk/kode", "/setup"}  # session endpoints, public by design


@pytest.fixture
def balai_plugins():
    return ["adat"]


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+):(\w+)\}", lambda m: "1" if m.group(2) == "int" else "adat", path)


def routes(app):
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            methods = handler.http_methods - {"OPTIONS", "HEAD"}
            if not methods or route.path in SKIP or route.path.startswith("/static"):
                continue
            for method in methods:
                yield method, concrete(route.path), handler.opt


def role_permissions(balai, role):
    from core.tables import Peran
    import json

    row = run_sync(Peran.select().where(Peran.kode == role).first().run())
    return None if row["semua_izin"] else set(json.loads(row["izin"]))


def test_every_route_answers_every_role_as_declared(balai, balai_app):
    for role in ROLES:
        run_sync(create_user(f"uji_{role}", role, PASSWORD, role))
    checked = 0
    with TestClient(balai_app, base_url="http://testserver.local") as client:
        for method, path, opt in routes(balai_app):
            if opt.get("public") or opt.get("warga_publik"):
                continue
            response = client.request(method, path, headers=csrf_headers(client), follow_redirects=False)
            assert response.status_code in (302, 303, 401), f"anonim {method} {path}: {response.status_code}"
            checked += 1
        for role in ROLES:
            login(client, f"uji_{role}", PASSWORD)
            granted = role_permissions(balai, role)
            for method, path, opt in routes(balai_app):
                if opt.get("warga_publik"):
                    continue
                if opt.get("warga"):  # residents' pages: a staff session, whatever its role, is not a resident
                    response = client.request(method, path, headers=csrf_headers(client), follow_redirects=False)
                    assert response.headers.get("location", "").startswith("/warga/masuk"), f"{role} {method} {path}"
                    checked += 1
                    continue
                needed = opt.get("permission")
                allowed = opt.get("public") or opt.get("login") or granted is None or needed in granted
                if allowed and method != "GET":
                    continue  # allowed writes would change the data the walk relies on
                response = client.request(method, path, headers=csrf_headers(client), follow_redirects=False)
                if allowed:
                    assert response.status_code not in (401, 403), f"{role} {method} {path} ditolak"
                else:
                    assert response.status_code == 403, f"{role} {method} {path}: {response.status_code}"
                checked += 1
            client.post("/keluar", headers=csrf_headers(client))
    assert checked > 80


def test_operator_gets_resident_permissions_but_not_user_management(balai):
    operator = role_permissions(balai, "operator")
    assert {"penduduk.lihat", "penduduk.ubah"} <= operator
    assert "pengguna.kelola" not in operator and "plugin.kelola" not in operator
    assert role_permissions(balai, "administrator") is None  # every permission
