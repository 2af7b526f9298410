"""Hooks that no other test names, each exercised through the code that calls it (tests/fixtures/plugins/siklus.py).

tests/test_hooks_docs.py requires every hook to be named in some test; the others are named where their feature is
tested (balai_jadwal in test_jadwal.py, balai_resident_fields in test_ekstensi_penduduk.py, ...)."""

from importlib.metadata import entry_points

import pytest
from click.testing import CliRunner
from litestar.testing import TestClient

from core.identity.permissions import all_permissions
from core.plugin_host.settings import plugin_settings
from core.tugas.antrean import registry
from plugin_sdk.jobs import run_in_this_process
from plugin_sdk.testing import run_sync
from tests.conftest import fixture_entry_point as ep
from tests.fixtures.plugins import siklus


@pytest.fixture
def balai_entry_points():
    return [*entry_points(group="balai.plugins"), ep("siklus"), ep("tambahan")]


@pytest.fixture
def balai_plugins():
    return ["siklus", "tambahan"]


def test_balai_startup_and_balai_shutdown_are_called_as_the_app_starts_and_stops(balai_app):
    siklus.EVENTS.clear()
    with TestClient(app=balai_app):
        assert siklus.EVENTS == ["mulai"]
    assert siklus.EVENTS == ["mulai", "berhenti"]  # the shutdown hook's awaitable was awaited


def test_balai_permissions_adds_a_permission_granted_to_its_roles(balai):
    assert all_permissions(balai.host)["siklus.lihat"].roles == ("operator",)


def test_balai_settings_fields_are_on_the_plugin_page_with_their_default(balai, admin_client):
    [field] = run_sync(plugin_settings(balai.host, "siklus"))
    assert field["field"].key == "jeda" and field["value"] == 5
    assert 'name="jeda"' in admin_client.get("/admin/plugin").text


def test_balai_dashboard_widgets_appear_on_the_dashboard(admin_client):
    assert '<p class="angka" id="siklus">' in admin_client.get("/admin").text


def test_balai_cli_commands_are_commands_of_balai(balai):
    [command] = [c for name, c in balai.host.collect("balai_cli_commands") if name == "siklus"]
    assert CliRunner().invoke(command).output == "halo dari siklus\n"


def test_balai_jobs_kinds_run_in_the_job_runner(balai):
    assert "siklus.hitung" in registry(balai)
    row = run_sync(run_in_this_process(balai, "siklus.hitung", "Menghitung", {}))
    assert row["status"] == "selesai" and row["hasil"] == {"hasil": 42}


def test_balai_document_placeholders_reach_documents_per_plugin_as_plain_values(balai_app, balai):
    from types import SimpleNamespace

    from plugin_sdk.dokumen import placeholders

    request = SimpleNamespace(app=balai_app, state={})  # what `placeholders` reads of a request
    found = run_sync(placeholders(request, {"nama": "Rustam", "jenis_kelamin": "Perempuan"}))
    assert found["tambahan"]["suku"] == "Piliang" and isinstance(found["tambahan"]["obj"], str)
    run_sync(balai.disable("tambahan"))
    assert "tambahan" not in run_sync(placeholders(SimpleNamespace(app=balai_app, state={}), {"jenis_kelamin": ""}))
