"""Plugins meet through domain events; a plugin can override and wrap a hook; the smallest plugin needs no boilerplate."""

import asyncio
import logging

import pytest

from core.plugin_host.host import PluginHost
from plugin_sdk.testing import run_sync
from tests.conftest import fixture_entry_point as ep
from tests.fixtures.plugins import pendengar

EVENTS = [ep("acara", "acara.plugin"), ep("pendengar"), ep("pembungkus"), ep("pendengar_rusak"), ep("tanpa_depends")]


def discover(*eps):
    return PluginHost(eps=list(eps)).discover()


def test_a_plugin_declares_events_others_implement_whatever_their_names_sort():
    host = discover(*EVENTS)
    assert host.get("acara").events == ("acara_dicatat", "acara_salam")
    assert host.events == {"acara_dicatat": "acara", "acara_salam": "acara"}
    assert host.get("pendengar").loaded and host.get("pembungkus").loaded  # "pembungkus" sorts before "pendengar"
    host.pm.check_pending()


def test_implementing_an_event_without_depending_on_its_plugin_is_refused():
    host = discover(*EVENTS)
    record = host.get("tanpa_depends")
    assert not record.loaded
    assert "acara_dicatat (milik acara)" in record.error and "depends" in record.error


def test_implementing_the_event_of_a_plugin_that_is_not_installed_is_refused():
    host = discover(ep("pendengar"))
    assert "hook yang tidak ada: acara_dicatat, acara_salam" in host.get("pendengar").error


def test_firstresult_event_a_plugin_overrides_the_default():
    host = discover(ep("acara", "acara.plugin"), ep("pendengar"))
    assert host.call("acara_salam", only={"acara"}, nama="Upik") == "Halo, Upik"
    assert host.call("acara_salam", nama="Upik") == "Assalamualaikum, Upik"


def test_a_wrapper_changes_what_the_others_answered():
    host = discover(ep("acara", "acara.plugin"), ep("pendengar"), ep("pembungkus"))
    assert host.call("acara_salam", nama="Upik") == "ASSALAMUALAIKUM, UPIK"
    assert host.call("acara_salam", only={"acara", "pembungkus"}, nama="Upik") == "HALO, UPIK"
    answers = asyncio.run(host.acall("acara_dicatat", request=None, catatan={"nama": "Buyung"}))
    assert answers == ["pendengar mencatat Buyung", "dibungkus"]


class Logged(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage() + (str(record.exc_info[1]) if record.exc_info else ""))


def test_failing_handler_override_and_wrapper_are_logged_and_stepped_around():
    logged = Logged()
    logging.getLogger("balai.plugins").addHandler(logged)
    host = discover(ep("acara", "acara.plugin"), ep("pendengar"), ep("pendengar_rusak"))
    assert host.get("pendengar_rusak").loaded
    # The failing override is skipped: the next answer (pendengar's) is used.
    assert host.call("acara_salam", nama="Upik") == "Assalamualaikum, Upik"
    answers = asyncio.run(host.acall("acara_dicatat", request=None, catatan={"nama": "Buyung"}))
    assert answers == ["pendengar mencatat Buyung"]
    logging.getLogger("balai.plugins").removeHandler(logged)
    text = "\n".join(logged.lines)
    assert "salam rusak" in text and "pendengar rusak" in text and "pembungkus rusak" in text
    assert all("pendengar_rusak" in line for line in logged.lines), text


def test_per_plugin_calls_skip_wrappers_and_keep_isolating():
    host = discover(ep("acara", "acara.plugin"), ep("pendengar"), ep("pembungkus"), ep("pendengar_rusak"))
    answers = host.call_each("acara_salam", nama="Upik")  # the failing override is logged and left out
    assert sorted(answers) == [("acara", "Halo, Upik"), ("pendengar", "Assalamualaikum, Upik")]


@pytest.fixture
def balai_entry_points():
    return [*EVENTS, ep("kecil", "kecil.plugin")]


@pytest.fixture
def balai_plugins():
    return ["acara", "pendengar", "pendengar_rusak", "kecil"]


def test_emit_reaches_enabled_plugins_only(admin_client, balai):
    pendengar.HEARD.clear()
    answer = admin_client.get("/acara/Buyung").json()
    assert answer == {"jawaban": ["pendengar mencatat Buyung"], "salam": "Assalamualaikum, Buyung"}
    assert pendengar.HEARD == ["Buyung"]
    run_sync(balai.disable("pendengar"))
    answer = admin_client.get("/acara/Upik").json()
    assert answer == {"jawaban": [], "salam": "Halo, Upik"}
    assert pendengar.HEARD == ["Buyung"]


def test_smallest_plugin_is_its_metadata_one_route_and_a_templates_folder(admin_client, balai):
    import tests.fixtures.plugins.kecil.plugin as kecil

    hooks = {name for name in dir(kecil) if name.startswith("balai_")}
    assert hooks == {"balai_route_handlers"}
    page = admin_client.get("/admin/kecil")
    assert page.status_code == 200 and "Halo nagari dari plugin kecil" in page.text
    assert ("kecil", balai.host.get("kecil").folder / "templates") in balai.host.collect("balai_template_dirs")


def test_conventions_find_the_builtin_plugins_folders_and_apps_once():
    host = PluginHost().discover()
    apps = host.collect("balai_piccolo_apps")
    assert ("surat", "plugins.surat.piccolo_app") in apps and ("adat", "balai_adat.piccolo_app") in apps
    assert len(apps) == len(set(apps))
    templates = [name for name, _ in host.collect("balai_template_dirs")]
    assert sorted(templates) == sorted(set(templates))
    assert {"surat", "layanan_mandiri", "sistem", "impor", "adat"} <= set(templates)
    assert {name for name, _ in host.collect("balai_static_dirs")} >= {"surat", "adat"}
