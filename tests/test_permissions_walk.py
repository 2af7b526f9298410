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


SCOPED = {"penduduk_id", "keluarga_id", "household_id", "rumah_tangga_id", "peristiwa_id"}


def test_a_scoped_user_meets_404_for_a_resident_outside_the_scope_on_every_route(balai, balai_app, admin_client):
    """Every route of the core and every plugin naming a resident, family, household or journal entry in its path."""
    from core.penduduk.tables import Peristiwa
    from core.tables import Pengguna
    from tests.test_lingkup_wilayah import add, place

    koto, baruah = place("Koto"), place("Baruah")
    outsider = add(admin_client, "1307051208880003", "Bujang", baruah, "1307051234560003")
    entry = run_sync(Peristiwa.select(Peristiwa.id).where(Peristiwa.penduduk == outsider["id"]).first().run())["id"]
    ids = {"penduduk_id": outsider["id"], "keluarga_id": outsider["keluarga"], "household_id": 1,
           "rumah_tangga_id": 1, "peristiwa_id": entry}
    run_sync(create_user("admin_koto", "Admin Koto", PASSWORD, "administrator"))  # every permission, one jorong
    run_sync(Pengguna.update({Pengguna.wilayah_lingkup: koto}).where(Pengguna.username == "admin_koto").run())
    checked = 0
    with TestClient(balai_app, base_url="http://testserver.local") as client:
        login(client, "admin_koto", PASSWORD)
        for route in balai_app.routes:
            names = set(re.findall(r"\{(\w+):int\}", route.path))
            if not names & SCOPED:
                continue
            path = re.sub(r"\{(\w+):(\w+)\}", lambda m: str(ids.get(m.group(1), 1)), route.path)
            for handler in getattr(route, "route_handlers", []):
                for method in handler.http_methods - {"OPTIONS", "HEAD"}:
                    response = client.request(method, path, headers=csrf_headers(client), follow_redirects=False)
                    assert response.status_code == 404, f"{method} {path}: {response.status_code}"
                    checked += 1
        assert client.get(f"/admin/penduduk/{outsider['id']}").status_code == 404
    assert checked >= 15
