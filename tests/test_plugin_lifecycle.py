"""Enabling, disabling and purging plugins: the rules an operator relies on."""

import pytest

from core.plugin_host import state
from core.plugin_host.state import PluginStateError
from core.tables import PluginState
from plugin_sdk.testing import run_sync
from tests.conftest import fixture_entry_point as ep


@pytest.fixture
def balai_entry_points():
    return [ep("induk"), ep("anak"), ep("yatim"), ep("rusak_impor")]


def enabled(balai):
    return run_sync(state.stored_enabled)


def test_third_party_plugins_start_disabled(balai):
    assert enabled(balai) == set()
    rows = run_sync(PluginState.select(PluginState.nama, PluginState.aktif).run())
    assert {r["nama"]: r["aktif"] for r in rows} == {"induk": False, "anak": False, "yatim": False}


def test_enable_refuses_while_dependency_is_disabled(balai):
    with pytest.raises(PluginStateError, match="butuh plugin 'induk'.*belum aktif"):
        run_sync(balai.enable("anak"))
    assert enabled(balai) == set()


def test_enable_refuses_missing_dependency_and_broken_plugin(balai):
    with pytest.raises(PluginStateError, match="tidak terpasang"):
        run_sync(balai.enable("yatim"))
    with pytest.raises(PluginStateError, match="gagal dimuat"):
        run_sync(balai.enable("rusak_impor"))
    with pytest.raises(PluginStateError, match="tidak terpasang"):
        run_sync(balai.enable("tidak_ada_sama_sekali"))


def test_disable_refuses_while_an_enabled_plugin_depends_on_it(balai):
    run_sync(balai.enable("induk"))
    run_sync(balai.enable("anak"))
    with pytest.raises(PluginStateError, match="masih dibutuhkan.*anak"):
        run_sync(balai.disable("induk"))
    assert enabled(balai) == {"induk", "anak"}
    run_sync(balai.disable("anak"))
    run_sync(balai.disable("induk"))
    assert enabled(balai) == set()


def test_every_change_bumps_the_version_workers_watch(balai):
    before = run_sync(state.read_version)
    run_sync(balai.enable("induk"))
    middle = run_sync(state.read_version)
    run_sync(balai.disable("induk"))
    assert before < middle < run_sync(state.read_version)


def test_worker_cache_follows_changes_made_elsewhere(balai):
    worker = state.EnabledSet()
    assert run_sync(worker.refresh(balai.host)) == frozenset()
    run_sync(balai.enable("induk"))  # as if done by the CLI or another worker
    assert run_sync(worker.refresh(balai.host)) == {"induk"}
