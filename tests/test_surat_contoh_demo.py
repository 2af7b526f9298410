"""The demo nagari has letters and self-service requests, and every sample URL the letters and self-service pages
declare for the office-screen browser test opens on it (SQLite only: the demo's own database)."""

import os
import re
import subprocess
import sys
from pathlib import Path

from litestar.testing import TestClient

from plugin_sdk import NOT_A_PAGE_KEY, SAMPLE_KEY

BALAI = str(Path(sys.executable).with_name("balai"))
PLUGINS = ("surat", "layanan_mandiri")


def _post(client, url, data):
    client.get("/masuk")
    return client.post(url, data=data, headers={"x-csrftoken": client.cookies.get("balai_csrf")},
                       follow_redirects=False)


def test_demo_letters_and_requests_open_every_declared_sample(tmp_path, monkeypatch):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
    env["BALAI_DATA_DIR"] = str(tmp_path)
    made = subprocess.run([BALAI, "demo", "--no-serve", "--penduduk", "60"], capture_output=True, text=True, env=env,
                          timeout=300)
    assert made.returncode == 0, made.stderr[-2000:]
    nik, pin = re.search(r"NIK (\d{16}) dan PIN (\d{6})", made.stdout).groups()
    for key in [k for k in os.environ if k.startswith("BALAI_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("BALAI_DATA_DIR", str(tmp_path))
    from core.runtime import Balai
    from core.web.app import create_app

    app = create_app(Balai.boot())
    pages = []
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            if "GET" not in (handler.http_methods or ()) or handler.opt.get("balai_plugin") not in PLUGINS \
                    or route.path.startswith("/static/"):
                continue
            if "{" in route.path:  # a parameterised route says where an example lives, or that it is no page
                assert handler.opt.get(SAMPLE_KEY) or handler.opt.get(NOT_A_PAGE_KEY), route.path
            if handler.opt.get(SAMPLE_KEY):
                pages.append(handler.opt[SAMPLE_KEY])
    assert "/cek-surat/DemoTaramSuratTdkMampu" in pages and "/admin/surat/1" in pages
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        check = client.get("/cek-surat/DemoTaramSuratTdkMampu")
        assert check.status_code == 200 and '<strong class="lencana">SAH</strong>' in check.text
        assert _post(client, "/masuk", {"username": "admin", "password": "demo-balai"}).status_code in (302, 303)
        for url in [p for p in pages if not p.startswith("/warga")]:
            assert client.get(url).status_code == 200, url
        assert client.get("/admin/surat/1/pdf").headers["content-type"] == "application/pdf"
        client.cookies.clear()
        assert _post(client, "/warga/masuk", {"nik": nik, "pin": pin}).status_code in (302, 303)
        for url in [p for p in pages if p.startswith("/warga")]:
            assert client.get(url).status_code == 200, url
        home = client.get("/warga").text
        assert "Siap diambil" in home and 'href="/warga/surat/1/pdf"' in home
        assert client.get("/warga/surat/1/pdf").headers["content-type"] == "application/pdf"
