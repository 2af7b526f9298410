"""Web-layer hardening: out-of-range ids, oversized forms, security headers, uploaded images."""

from __future__ import annotations

import re
import typing

import pytest

from plugin_sdk.testing import csrf_headers
from tests.mandiri_helpers import first_login, issue_pin
from tests.surat_helpers import demo_nagari, living_resident

BAD_IDS = (str(2 ** 63), str(2 ** 64), "-1")
RESERVED = {"request", "data", "state", "scope", "headers", "cookies", "body", "socket", "self"}


@pytest.fixture
def balai_plugins():
    return ["adat", "surat", "layanan_mandiri", "impor"]


def _handlers(app):
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            methods = handler.http_methods - {"OPTIONS", "HEAD"}
            if methods and not route.path.startswith("/static"):
                yield route, handler, sorted(methods)


def _is_int(annotation) -> bool:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    return annotation is int or (typing.get_origin(annotation) is typing.Union and args == [int])


def _concrete(path: str, **override: str) -> str:
    return re.sub(r"\{(\w+):(\w+)\}",
                  lambda m: override.get(m.group(1), "1" if m.group(2) == "int" else "adat"), path)


def int_path_routes(app):
    """Every (method, path, parameter) with an integer path parameter, core and plugins alike."""
    for route, handler, methods in _handlers(app):
        for name, definition in route.path_parameters.items():
            if definition.type is int:
                for method in methods:
                    yield method, route.path, name


def int_query_routes(app):
    """Every (method, path, parameter) whose handler takes an integer query parameter."""
    for route, handler, methods in _handlers(app):
        for name, field in handler.parsed_fn_signature.parameters.items():
            if name in RESERVED or name in route.path_parameters:
                continue
            if _is_int(field.annotation):
                query_name = getattr(field.kwarg_definition, "query", None) or name
                for method in methods:
                    yield method, route.path, query_name


def _walk_paths(client, routes) -> set[str]:
    walked = set()
    for method, path, name in routes:
        for bad in BAD_IDS:
            url = _concrete(path, **{name: bad})
            response = client.request(method, url, headers=csrf_headers(client), follow_redirects=False)
            assert response.status_code == 404, f"{method} {url}: {response.status_code}"
        walked.add(path)
    return walked


def test_out_of_range_ids_in_a_path_are_404_on_every_route(admin_client, balai, balai_app):
    routes = list(int_path_routes(balai_app))
    residents_only = {path for route, handler, _ in _handlers(balai_app) if handler.opt.get("warga")
                      for path in [route.path]}
    staff = [r for r in routes if r[1] not in residents_only]
    walked = _walk_paths(admin_client, staff)
    assert len(walked) >= 25, sorted(walked)  # the core's, the letters', the self-service office's
    assert any(p.startswith("/admin/surat/") for p in walked) and any(p.startswith("/admin/mandiri/") for p in walked)
    # The residents' pages, as a logged-in resident.
    demo_nagari(balai)
    person = living_resident()
    first_login(admin_client, person["nik"], issue_pin(admin_client, person["id"]))
    walked = _walk_paths(admin_client, [r for r in routes if r[1] in residents_only])
    assert any(p.startswith("/warga/surat/") for p in walked)


def test_out_of_range_ids_before_login_still_ask_for_a_login(client):
    response = client.get(f"/api/v1/penduduk/{2 ** 63}", follow_redirects=False)
    assert response.status_code == 401


def test_out_of_range_integers_in_a_query_are_400_on_every_route(admin_client, balai_app):
    walked = []
    for method, path, name in int_query_routes(balai_app):
        for bad in BAD_IDS:
            url = f"{_concrete(path)}?{name}={bad}"
            response = admin_client.request(method, url, headers=csrf_headers(admin_client), follow_redirects=False)
            assert response.status_code == 400, f"{method} {url}: {response.status_code}"
        walked.append((path, name))
    assert ("/api/v1/peristiwa", "setelah") in walked and ("/admin/audit", "hal") in walked


def test_the_api_answers_an_impossible_id_as_json_and_a_page_as_html(admin_client):
    api = admin_client.get(f"/api/v1/penduduk/{2 ** 63}")
    assert api.status_code == 404 and api.json()["status_code"] == 404
    page = admin_client.get(f"/admin/penduduk/{2 ** 63}")
    assert page.status_code == 404 and "Halaman tidak ditemukan" in page.text
    query = admin_client.get(f"/admin/audit?hal={2 ** 64}")
    assert query.status_code == 400 and "<html" in query.text.lower()


@pytest.mark.parametrize("url", ["/admin/surat?hal={n}", "/admin/penduduk?hal={n}", "/api/v1/penduduk?hal={n}",
                                 "/admin/penduduk/baru?keluarga={n}", "/admin/surat/buat/pengantar?penduduk={n}",
                                 "/admin/mandiri?hal={n}", "/admin/audit?hal={n}"])
def test_huge_page_numbers_and_ids_read_by_hand_never_fail(admin_client, url):
    for bad in (*BAD_IDS, str(2 ** 62), "abc"):
        response = admin_client.get(url.format(n=bad), follow_redirects=False)
        assert response.status_code in (200, 302, 303, 400, 404), f"{url.format(n=bad)}: {response.status_code}"
