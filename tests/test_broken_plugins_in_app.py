"""A broken plugin never takes the app down: it is reported and left out."""

import pytest

from plugin_sdk.testing import menu_labels, post_form, run_sync
from tests.conftest import fixture_entry_point as ep
from tests.fixtures.plugins import induk


@pytest.fixture
def balai_entry_points():
    return [ep("rusak_impor"), ep("hook_salah"), ep("core_lama"), ep("gagal_mulai"), ep("induk")]


@pytest.fixture
def balai_plugins():
    return ["gagal_mulai", "induk"]


def test_app_runs_and_reports_every_broken_plugin(admin_client):
    page = admin_client.get("/admin/plugin")
    assert page.status_code == 200
    text = page.text
    assert "modul_yang_tidak_ada" in text
    assert "balai_admin_menus" in text
    assert "butuh Balai core &lt;0.1" in text
    assert "gagal saat mulai: RuntimeError: layanan eksternal tidak terjangkau" in text


def test_plugin_failing_at_startup_is_left_out_and_others_run(admin_client):
    assert admin_client.get("/gagal-mulai").status_code == 404
    assert "Gagal mulai" not in menu_labels(admin_client.get("/admin").text)
    assert admin_client.get("/induk").text == "induk: halo x1"
    assert induk.STARTED, "the async start-up hook of a healthy plugin was awaited"


def test_broken_plugin_cannot_be_enabled_from_admin_page(admin_client):
    response = post_form(admin_client, "/admin/plugin/core_lama/aktifkan")
    assert "tidak dapat diaktifkan" in response.text


def test_plugin_settings_are_validated_then_saved_together(admin_client, balai):
    bad = post_form(admin_client, "/admin/plugin/induk/pengaturan", {"salam": "selamat pagi", "ulang": "dua"})
    assert "Ulang harus berupa bilangan bulat" in bad.text
    assert admin_client.get("/induk").text == "induk: halo x1"  # nothing half-saved
    post_form(admin_client, "/admin/plugin/induk/pengaturan", {"salam": "selamat pagi", "ulang": "2"})
    assert admin_client.get("/induk").text == "induk: selamat pagi x2"
