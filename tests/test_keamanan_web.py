"""Web-layer hardening: out-of-range ids, oversized forms, security headers, uploaded images."""

from __future__ import annotations

import re
import typing

import pytest

from plugin_sdk.testing import csrf_headers
from tests.mandiri_helpers import first_login, issue_pin
from tests.surat_helpers import demo_nagari, living_resident

BAD_IDS = (str(2 ** 63), str(2 ** 64), "-1", str(2 ** 31))  # 2^31: past PostgreSQL's SERIAL
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
                                 "/admin/mandiri?hal={n}", "/admin/audit?hal={n}", "/admin/penduduk?agama={n}",
                                 "/api/v1/penduduk?wilayah={n}", "/admin/penduduk?umur_min={n}"])
def test_huge_page_numbers_and_ids_read_by_hand_never_fail(admin_client, url):
    for bad in (*BAD_IDS, str(2 ** 62), "40000", "abc"):
        response = admin_client.get(url.format(n=bad), follow_redirects=False)
        assert response.status_code in (200, 302, 303, 400, 404), f"{url.format(n=bad)}: {response.status_code}"


# --- Oversized forms -------------------------------------------------------------------------------------------


def _many_fields(count: int, token: str) -> bytes:
    return ("username=admin&password=x&" + "&".join(f"f{i}=v" for i in range(count)) + f"&_csrf_token={token}").encode()


def test_a_form_with_a_hundred_thousand_fields_is_refused_while_health_answers(client):
    import threading
    import time

    headers = {**csrf_headers(client), "content-type": "application/x-www-form-urlencoded"}
    body = _many_fields(100_000, headers["x-csrftoken"])
    answers: dict = {}

    def attack():
        started = time.monotonic()
        answers["status"] = client.post("/masuk", content=body, headers=headers).status_code
        answers["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=attack)
    thread.start()
    health = [client.get("/health").status_code for _ in range(3)]
    thread.join(60)
    assert answers["status"] == 413, answers
    assert answers["seconds"] < 10  # loose: the refusal does not wait for a parse
    assert health == [200, 200, 200]


def test_the_refusal_is_a_page_in_indonesian_for_a_browser_and_json_for_the_api(client):
    headers = {**csrf_headers(client), "content-type": "application/x-www-form-urlencoded"}
    page = client.post("/masuk", content=_many_fields(5_000, headers["x-csrftoken"]), headers=headers)
    assert page.status_code == 413 and "Kiriman terlalu besar" in page.text and "<html" in page.text
    too_big = client.post("/masuk", content=b"username=" + b"a" * (2 * 1024 * 1024), headers=headers)
    assert too_big.status_code == 413 and "Kiriman terlalu besar" in too_big.text


def test_a_multipart_form_with_too_many_parts_is_refused_not_a_500(admin_client):
    files = [(f"f{i}", (None, "x")) for i in range(2_000)]
    response = admin_client.post("/admin/profil", files=files, headers=csrf_headers(admin_client))
    assert response.status_code == 413 and "Kiriman terlalu besar" in response.text


def test_a_body_over_the_site_limit_is_413_but_a_large_import_is_still_read(admin_client):
    headers = csrf_headers(admin_client)
    logo = admin_client.post("/admin/profil", files={"logo": ("logo.png", b"\x89PNG" + b"0" * (11 * 1024 * 1024))},
                             headers=headers)
    assert logo.status_code == 413 and "Kiriman terlalu besar" in logo.text
    workbook = admin_client.post("/admin/impor", files={"berkas": ("besar.xlsx", b"PK" + b"0" * (20 * 1024 * 1024))},
                                 headers=headers)
    assert workbook.status_code not in (413, 500) and "Kiriman terlalu besar" not in workbook.text


def test_ordinary_forms_still_work(admin_client):
    from plugin_sdk.testing import post_form

    role = post_form(admin_client, "/admin/peran/baru", {"kode": "uji_peran", "nama": "Peran Uji",
                                                          "izin": ["penduduk.lihat", "surat.buat"]},
                     follow_redirects=False)
    assert role.status_code in (302, 303), role.text[:300]


# --- Security headers and uploaded images ----------------------------------------------------------------------


def _png(size=(16, 16)) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(out, "PNG")
    return out.getvalue()


def _assert_headers(response, where: str) -> None:
    csp = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in csp and "'unsafe-inline'" not in csp and "object-src 'none'" in csp, where
    assert "frame-ancestors 'none'" in csp and response.headers.get("x-frame-options") == "DENY", where
    assert response.headers.get("x-content-type-options") == "nosniff", where
    assert response.headers.get("referrer-policy") in ("same-origin", "strict-origin-when-cross-origin"), where
    assert "strict-transport-security" not in response.headers, where  # plain http here


def test_every_kind_of_answer_has_the_security_headers(admin_client, client):
    answers = {
        "public home": client.get("/"), "login page": client.get("/masuk"), "health": client.get("/health"),
        "admin page": admin_client.get("/admin"), "admin list": admin_client.get("/admin/penduduk"),
        "plugin page": admin_client.get("/admin/surat"), "api": admin_client.get("/api/v1/wilayah"),
        "api docs": admin_client.get("/api/docs"), "api schema": admin_client.get("/api/docs/openapi.json"),
        "static": admin_client.get("/static/core/balai.css"), "theme static": client.get("/static/tema/bawaan/tema.css"),
        "404 page": admin_client.get("/tidak-ada"), "404 api": admin_client.get("/api/tidak-ada"),
        "405": client.put("/masuk"), "redirect": client.get("/admin", follow_redirects=False),
        "validation 400": admin_client.get(f"/admin/audit?hal={2 ** 64}"),
        "csrf 403": client.post("/masuk", data={"username": "x"}),
        "resident login": client.get("/warga/masuk"),
    }
    for where, response in answers.items():
        assert response.status_code < 500, where
        _assert_headers(response, where)


def test_hsts_only_when_the_request_came_over_tls(client):
    assert "strict-transport-security" not in client.get("/health").headers
    proxied = client.get("/health", headers={"x-forwarded-proto": "https"})  # uvicorn turns this into the scheme
    secure = client.get("https://testserver.local/health")
    assert "max-age=" in secure.headers["strict-transport-security"]
    assert proxied.status_code == 200


def test_the_api_docs_page_has_no_inline_script(client):
    html = client.get("/api/docs").text
    assert re.findall(r"<script\b[^>]*>\s*[^<\s]", html) == []  # every <script> has a src and no body
    assert 'src="/static/core/swagger/balai-swagger.js"' in html and "<style" not in html


def test_no_template_has_inline_script_style_or_event_handlers():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    folders = [root / "core" / "templates", root / "themes", *root.glob("plugins/*/templates"),
               *root.glob("examples/*/*/templates")]
    found = []
    for folder in folders:
        for path in folder.rglob("*.html"):
            text = path.read_text()
            for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"\son[a-z]+\s*=", r"\sstyle\s*=", r"<style\b",
                            r"javascript:"):
                if re.search(pattern, text, re.I):
                    found.append(f"{path.relative_to(root)}: {pattern}")
    assert found == []


def test_the_letter_preview_may_be_framed_by_our_own_page_only(admin_client, balai_plugins):
    from tests.surat_helpers import demo_nagari  # noqa: F401  (the plugin's own pages are enough here)

    preview = admin_client.post("/admin/surat/jenis/domisili/pratinjau", data={"nama": ""},
                                headers=csrf_headers(admin_client))
    assert preview.status_code == 200
    assert "frame-ancestors 'self'" in preview.headers["content-security-policy"]
    assert preview.headers["x-frame-options"] == "SAMEORIGIN"


def test_a_logo_with_a_script_appended_is_served_without_it(admin_client, client, balai):
    payload = b"<html><script>alert(document.cookie)</script></html>"
    form = {"kode": "13.07.05.2001", "sebutan_desa": "Nagari", "sebutan_kepala": "Wali Nagari"}
    saved = admin_client.post("/admin/profil", data=form, files={"logo": ("logo.png", _png() + payload, "image/png")},
                              headers=csrf_headers(admin_client))
    assert saved.status_code == 200, saved.text[:300]
    stored = balai.settings.data_dir / "berkas" / "logo" / balai.profile()["logo"]
    assert b"<script" not in stored.read_bytes()
    served = client.get("/berkas/logo")
    assert served.status_code == 200 and b"<script" not in served.content and b"alert" not in served.content
    assert served.headers["content-type"] == "image/png"
    assert served.headers["x-content-type-options"] == "nosniff"
    assert served.headers["content-disposition"].startswith("inline") and "logo.png" in served.headers["content-disposition"]
    from PIL import Image
    import io

    with Image.open(io.BytesIO(served.content)) as image:
        assert image.size == (16, 16)


def test_a_broken_image_pretending_to_be_a_png_is_refused(admin_client, balai):
    form = {"kode": "13.07.05.2001", "sebutan_desa": "Nagari", "sebutan_kepala": "Wali Nagari"}
    fake = b"\x89PNG\r\n\x1a\n<html><script>alert(1)</script></html>"
    saved = admin_client.post("/admin/profil", data=form, files={"logo": ("logo.png", fake, "image/png")},
                              headers=csrf_headers(admin_client))
    assert saved.status_code == 400 and "Gambar rusak" in saved.text
    assert not balai.profile().get("logo")


def test_a_residents_photo_upload_loses_what_was_appended(balai):
    from core.files import save_document, stored_path

    name = save_document(balai.settings.data_dir, "uji", _png((40, 30)) + b"<script>alert(1)</script>")
    kept = stored_path(balai.settings.data_dir, "uji", name).read_bytes()
    assert name.endswith(".png") and b"<script" not in kept and kept.startswith(b"\x89PNG")


@pytest.mark.parametrize("url, field", [("/admin/wilayah", "induk"), ("/admin/keluarga/1/kepala", "kepala_baru"),
                                        ("/admin/keluarga/1/kelas", "kelas_sosial"),
                                        ("/admin/penduduk/baru", "keluarga_id"), ("/admin/penduduk/baru", "wilayah")])
def test_huge_ids_in_forms_are_refused_politely(admin_client, balai, url, field):
    from tests.surat_helpers import demo_nagari

    demo_nagari(balai, residents=2)
    for bad in (str(2 ** 31), str(2 ** 63), str(2 ** 64)):
        response = admin_client.post(url, data={"nama": "Uji", field: bad, "jenis": "pendataan_awal"},
                                     headers=csrf_headers(admin_client), follow_redirects=False)
        assert response.status_code < 500, f"{url} {field}={bad}: {response.status_code}"
