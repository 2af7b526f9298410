"""Discovery and fault isolation: a bad plugin is reported with its reason and left out."""

from importlib.metadata import entry_points

from core.plugin_host.host import PluginHost
from tests.conftest import fixture_entry_point as ep


def discover(*eps):
    return PluginHost(eps=list(eps)).discover()


def test_builtin_plugins_are_registered_through_entry_points_like_third_party():
    names = {e.name: e.dist.name for e in entry_points(group="balai.plugins")}
    assert names.get("sistem") == "balai"
    host = PluginHost().discover()
    assert host.get("sistem").loaded and host.get("sistem").builtin


def test_example_plugin_package_is_discovered_as_third_party():
    host = PluginHost().discover()
    record = host.get("adat")
    assert record is not None, "examples/balai-adat is not installed in this environment"
    assert record.loaded and not record.builtin and record.distribution == "balai-adat"


def test_plugin_that_fails_to_import_is_reported_and_others_still_load():
    host = discover(ep("rusak_impor"), ep("induk"))
    assert "modul_yang_tidak_ada" in host.get("rusak_impor").error
    assert host.get("induk").loaded


def test_misspelled_hook_is_caught_like_check_pending():
    host = discover(ep("hook_salah"), ep("induk"))
    record = host.get("hook_salah")
    assert not record.loaded
    assert "balai_admin_menus" in record.error
    assert host.get("induk").loaded
    host.pm.check_pending()  # nothing unknown stays registered


def test_incompatible_core_version_is_refused_with_the_range():
    record = discover(ep("core_lama")).get("core_lama")
    assert not record.loaded
    assert "<0.1" in record.error and "0.1.0" in record.error


def test_module_without_metadata_is_refused():
    assert "PLUGIN" in discover(ep("tanpa_meta")).get("tanpa_meta").error


def test_entry_point_name_must_match_metadata():
    record = discover(ep("lain", "induk")).get("lain")
    assert not record.loaded and "berbeda" in record.error


def test_plugin_cannot_take_a_kernel_name():
    from core.plugin_host.types import PluginMeta

    assert PluginMeta(name="admin", title="x", version="1").problems()
    assert PluginMeta(name="Bad-Name", title="x", version="1").problems()
    assert PluginMeta(name="adat", title="x", version="1", core_requires="nonsense").problems()


def test_two_packages_with_one_plugin_name_are_both_left_out():
    host = discover(ep("induk"), ep("induk", "induk"))
    record = host.get("induk")
    assert not record.loaded and "dua paket" in record.error
    assert not host.pm.get_plugins()


def test_hook_implementation_may_take_fewer_arguments_than_the_spec():
    host = discover(ep("induk"))
    assert [item.label for _, item in host.collect("balai_public_menu", request=object())] == ["Induk"]
