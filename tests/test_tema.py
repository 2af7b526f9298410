"""Public-website themes: switching without a restart, overriding a plugin's page, broken themes, 404/500 pages."""

from __future__ import annotations

import logging
import re
import sys
import textwrap
from importlib.metadata import EntryPoint, entry_points

import pytest
from litestar.testing import TestClient

from core.plugin_host import state
from core.plugin_host.settings import set_values
from core.runtime import PROFILE_KEY
from core.web import themes as themes_module
from core.web.app import create_app
from core.web.publik_versi import public_changed, public_version
from plugin_sdk.testing import ENGINES, login, post_form, run_sync

SQLITE_ONLY = pytest.mark.parametrize("balai_database_url", ENGINES[:1], indirect=True)
PROFILE_FORM = {"kode": "13.07.05.2001", "nama": "", "kecamatan": "", "kabupaten": "", "provinsi": "",
                "zona_waktu": "WIB", "sebutan_desa": "Nagari", "sebutan_dusun": "Jorong",
                "sebutan_kepala": "Wali Nagari"}
BAWAAN_CSS = "/static/tema/bawaan/tema.css"
MINANG_CSS = "/static/tema/minang/tema.css"


def _main(html: str) -> str:
    """The page's own content, without the theme's frame."""
    return re.search(r"<main[^>]*>(.*)</main>", html, re.S).group(1)


def _words(html: str) -> list[str]:
    return re.sub(r"<[^>]+>", " ", _main(html)).split()


def test_switching_the_theme_in_the_profile_changes_the_site_on_the_next_request(admin_client, balai):
    post_form(admin_client, "/admin/profil", {**PROFILE_FORM, "tema": "bawaan"})
    before = admin_client.get("/")
    assert before.status_code == 200 and BAWAAN_CSS in before.text and MINANG_CSS not in before.text
    missing_before = admin_client.get("/tidak-ada")
    form = admin_client.get("/admin/profil").text
    assert re.search(r'value="bawaan"\s+checked>\s*Bawaan', form) and re.search(r'value="minang"\s*>\s*Minang', form)

    version = run_sync(public_version())
    saved = post_form(admin_client, "/admin/profil", {**PROFILE_FORM, "tema": "minang"}, follow_redirects=False)
    assert saved.status_code in (302, 303), saved.text[:300]
    assert run_sync(public_version()) > version  # cached public pages are rebuilt
    after = admin_client.get("/")
    assert MINANG_CSS in after.text and BAWAAN_CSS not in after.text and 'class="gonjong"' in after.text
    assert _words(after.text) == _words(before.text)  # the content is untouched, only the frame changed
    missing_after = admin_client.get("/tidak-ada")
    assert missing_after.status_code == 404 and MINANG_CSS in missing_after.text
    for page in (missing_before, missing_after):
        assert "<h1>Halaman tidak ditemukan</h1>" in page.text and "Alamat <code>/tidak-ada</code>" in page.text
    assert balai.profile()["tema"] == "minang"

    # another worker switches back: this one follows on its next request, with nothing but the shared version
    async def elsewhere():
        await set_values({PROFILE_KEY: {**balai.profile(), "tema": "bawaan"}})
        await state.bump_version()
        await public_changed()
    run_sync(elsewhere)
    assert BAWAAN_CSS in admin_client.get("/").text


@SQLITE_ONLY
def test_a_theme_that_is_not_installed_is_refused_and_nothing_saved(admin_client, balai):
    refused = post_form(admin_client, "/admin/profil", {**PROFILE_FORM, "tema": "tidak-ada", "telepon": "0752 1"})
    assert refused.status_code == 400 and "Pilih salah satu tema yang terpasang" in refused.text
    assert balai.profile()["tema"] == "bawaan" and "telepon" not in balai.profile()


def _write_theme(root, package: str, files: dict[str, str], init: str | None = None) -> EntryPoint:
    """A theme package on disk, registered as a third party's would be (`init`: its own __init__.py text)."""
    folder = root / package
    (folder / "templates").mkdir(parents=True)
    for name, text in files.items():
        path = folder / "templates" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    (folder / "__init__.py").write_text(init if init is not None else (
        "from pathlib import Path\nfrom plugin_sdk import ThemeMeta\n"
        f"THEME = ThemeMeta(name={package!r}, title={package.title()!r}, "
        "templates_dir=Path(__file__).resolve().parent / 'templates')\n"), encoding="utf-8")
    return EntryPoint(name=package, value=package, group="balai.themes")


@pytest.fixture
def extra_themes(tmp_path, monkeypatch):
    """Add theme packages beside the installed ones; returns a function that registers one."""
    added: list[EntryPoint] = []
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(themes_module, "entry_points", lambda group: [*entry_points(group=group), *added])

    def add(package: str, files: dict[str, str], init: str | None = None) -> None:
        added.append(_write_theme(tmp_path, package, files, init))
    yield add
    for name in [m for m in sys.modules if m.startswith("tema_uji")]:
        del sys.modules[name]


def _client(balai):
    return TestClient(create_app(balai), base_url="http://testserver.local")


@SQLITE_ONLY
def test_a_theme_overrides_a_plugins_page_and_borrows_the_rest_from_the_default(balai, extra_themes):
    extra_themes("tema_uji_timpa", {"surat/kunci_publik.html": """\
        {% extends "tema/dasar.html" %}
        {% block title %}Kunci surat{% endblock %}
        {% block content %}<h1>Kunci surat</h1><p class="dari-tema">{{ kunci | length }} kunci</p>{% endblock %}
        """})
    run_sync(balai.save_profile({"tema": "tema_uji_timpa"}))
    with _client(balai) as client:
        page = client.get("/surat/kunci-publik")
        assert page.status_code == 200 and '<p class="dari-tema">' in page.text
        assert "Kunci publik tanda tangan surat" not in page.text  # the plugin's own template lost
        assert BAWAAN_CSS in page.text  # the frame (tema/dasar.html) came from the default theme
        home = client.get("/")
        assert home.status_code == 200 and BAWAAN_CSS in home.text
        missing = client.get("/tidak-ada")  # tema/404.html from the default theme too
        assert missing.status_code == 404 and "<h1>Halaman tidak ditemukan</h1>" in missing.text
        run_sync(balai.save_profile({"tema": "minang"}))
        page = client.get("/surat/kunci-publik")  # the override belongs to its theme only
        assert "Kunci publik tanda tangan surat" in page.text and 'class="dari-tema"' not in page.text


BROKEN = {  # package -> (what the report says, its templates, its __init__.py)
    "tema_uji_impor": ("gagal dimuat: RuntimeError: paket tema rusak", {}, "raise RuntimeError('paket tema rusak')\n"),
    "tema_uji_tanpa": ("tidak punya THEME", {}, "NAMA = 'lupa'\n"),
    "tema_uji_jenis": ("THEME harus ThemeMeta, bukan str", {}, "THEME = 'bukan tema'\n"),
    "tema_uji_folder": ("tidak ada", {}, "from pathlib import Path\nfrom plugin_sdk import ThemeMeta\n"
                        "THEME = ThemeMeta(name='tema_uji_folder', title='F', templates_dir=Path('/tidak/ada'))\n"),
    "tema_uji_statis": ("folder berkas statis", {}, "from pathlib import Path\nfrom plugin_sdk import ThemeMeta\n"
                        "THEME = ThemeMeta(name='tema_uji_statis', title='S', templates_dir=Path(__file__).parent, "
                        "static_dir=Path('/tidak/ada'))\n"),
    "tema_uji_nama": ("tidak sah (huruf kecil", {}, "from pathlib import Path\nfrom plugin_sdk import ThemeMeta\n"
                      "THEME = ThemeMeta(name='Tema Saya', title='N', templates_dir=Path(__file__).parent)\n"),
    "tema_uji_kembar": ("sudah dipakai tema lain yang terpasang", {}, "from pathlib import Path\n"
                        "from plugin_sdk import ThemeMeta\n"
                        "THEME = ThemeMeta(name='minang', title='Tiruan', templates_dir=Path(__file__).parent)\n"),
    "tema_uji_sintaks": ("templat tema/dasar.html rusak di baris 3", {
        "tema/dasar.html": "<html>\n{% block content %}\n</html>\n"}, None),
}


@SQLITE_ONLY
def test_a_broken_theme_is_reported_and_the_default_theme_used(balai, extra_themes, caplog):
    for package, (_, files, init) in BROKEN.items():
        extra_themes(package, files, init)
    caplog.set_level(logging.ERROR, logger="balai.themes")
    run_sync(balai.save_profile({"tema": "tema_uji_sintaks"}))
    with _client(balai) as client:
        logged = " ".join(r.getMessage() for r in caplog.records)
        for package in BROKEN:
            assert package in logged, package
        home = client.get("/")
        assert home.status_code == 200 and BAWAAN_CSS in home.text  # the site keeps working, in the default theme
        login(client)
        form = client.get("/admin/profil").text
        assert "Tema &#39;tema_uji_sintaks&#39; rusak sehingga tidak dipakai; situs memakai tema Bawaan" in form
        for package, (message, _, _) in BROKEN.items():
            assert re.search(rf"<strong>{package}</strong>: tidak bisa dipilih\. [^<]*{re.escape(message)}", form), \
                package
            assert f'value="{package}"' not in form  # a broken theme cannot be chosen


def _disable_with_users(balai, name: str) -> None:
    """Disable a plugin, and first every enabled plugin that needs it."""
    for other in sorted(run_sync(balai.enabled_names())):
        if name in balai.host.get(other).depends:
            _disable_with_users(balai, other)
    run_sync(balai.disable(name))


@SQLITE_ONLY
def test_unknown_public_path_answers_the_themes_404(admin_client, balai):
    _disable_with_users(balai, "surat")
    for theme, css in (("bawaan", BAWAAN_CSS), ("minang", MINANG_CSS)):
        run_sync(balai.save_profile({"tema": theme}))
        for path in ("/tidak/ada", "/berita-lama.html", "/surat/kunci-publik"):  # the last: its plugin is off
            page = admin_client.get(path)
            assert page.status_code == 404, path
            assert css in page.text and "<h1>Halaman tidak ditemukan</h1>" in page.text, path
    office = admin_client.get("/admin/tidak-ada")
    assert office.status_code == 404 and MINANG_CSS not in office.text and "Halaman tidak ditemukan" in office.text
    api = admin_client.get("/api/tidak-ada")
    assert api.status_code == 404 and api.json()["status_code"] == 404
    escaped = admin_client.get("/<script>alert(1)</script>")
    assert escaped.status_code == 404 and "<script>alert(1)" not in escaped.text


@SQLITE_ONLY
def test_a_failing_public_page_answers_the_themes_500_without_a_trace(client, balai, monkeypatch):
    async def broken(*args, **kwargs):
        raise RuntimeError("rahasia-jejak-server")

    monkeypatch.setattr("plugins.surat.halaman.publik._certificates", broken)
    run_sync(balai.save_profile({"tema": "minang"}))
    page = client.get("/surat/kunci-publik")
    assert page.status_code == 500 and MINANG_CSS in page.text and "<h1>Terjadi kesalahan</h1>" in page.text
    assert "Traceback" not in page.text and "rahasia-jejak-server" not in page.text and "RuntimeError" not in page.text
    assert "balai_sesi" not in page.headers.get("set-cookie", "")


@SQLITE_ONLY
def test_an_office_page_failure_keeps_the_kernels_answer(admin_client, monkeypatch):
    async def broken(*args, **kwargs):
        raise RuntimeError("rahasia-jejak-kantor")

    monkeypatch.setattr("plugins.surat.halaman.buat.active_types", broken)
    page = admin_client.get("/admin/surat/buat")
    assert page.status_code == 500 and "rahasia-jejak-kantor" not in page.text and "Traceback" not in page.text
    assert BAWAAN_CSS not in page.text and MINANG_CSS not in page.text


@SQLITE_ONLY
def test_statistics_pages_follow_a_theme_switch(client, balai, monkeypatch):
    from plugins.statistik.halaman import publik

    monkeypatch.setattr(publik, "CHECK_EVERY", 0)  # a worker looks again after a second; the test does not wait
    assert BAWAAN_CSS in client.get("/statistik").text
    run_sync(balai.save_profile({"tema": "minang"}))
    run_sync(public_changed())  # what the profile form does
    assert MINANG_CSS in client.get("/statistik").text


@SQLITE_ONLY
def test_a_theme_that_fails_while_rendering_still_gives_plain_error_pages(balai, extra_themes):
    extra_themes("tema_uji_gagal", {
        "tema/dasar.html": "<html>{{ nagari.tidak_ada() }}{% block content %}{% endblock %}"})
    run_sync(balai.save_profile({"tema": "tema_uji_gagal"}))
    with _client(balai) as client:
        page = client.get("/surat/kunci-publik")  # a public page in that theme fails, and so does its 500 page
        assert page.status_code == 500 and "<h1>Terjadi kesalahan</h1>" in page.text
        assert "Traceback" not in page.text and "UndefinedError" not in page.text and "tidak_ada" not in page.text
        missing = client.get("/tidak-ada")  # the theme's 404 page fails: the kernel's own 404 page instead
        assert missing.status_code == 404 and "Halaman tidak ditemukan" in missing.text
