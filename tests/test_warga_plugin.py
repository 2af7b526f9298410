"""The residents' login realm is the built-in plugin `akun_warga`, no longer a part of the kernel."""

import importlib.util
import warnings
from pathlib import Path

import pytest
from piccolo.apps.migrations.auto.schema_snapshot import SchemaSnapshot
from piccolo.apps.migrations.commands.base import BaseMigrationManager

from core.db.binding import load_app
from plugin_sdk.testing import run_sync
from plugins.akun_warga.tables import AkunWarga
from tests.mandiri_helpers import first_login, issue_pin
from tests.surat_helpers import demo_nagari, living_resident

ROOT = Path(__file__).resolve().parent.parent
ADOPTED = "2026-12-04T18:10:01:000000"  # akun_warga's first migration
RELEASED = "2026-12-04T18:10:00:000000"  # the core's record that the table left it


def test_no_kernel_module_serves_the_residents_realm():
    assert importlib.util.find_spec("core.warga") is None
    for name in ("warga_pages.py", "warga_loket.py"):
        assert not (ROOT / "core" / "web" / name).exists()
    hits = [str(p.relative_to(ROOT)) for p in (ROOT / "core").rglob("*.py")
            if "migrations" not in p.parts and ("AkunWarga" in p.read_text() or "sesi_warga" in p.read_text())]
    assert hits == []


def test_self_service_declares_the_realm_it_builds_on(balai):
    record = balai.host.get("layanan_mandiri")
    assert "akun_warga" in record.depends and balai.host.get("akun_warga").builtin
    assert balai.host.events.get("warga_menu") == "akun_warga"


async def _snapshot(app_path: str) -> set[str]:
    managers = await BaseMigrationManager().get_migration_managers(load_app(app_path))
    return {table.class_name for table in SchemaSnapshot(managers).get_snapshot()}


def test_the_tables_history_moved_with_it():
    """The next automatic core migration must not drop the residents' accounts: the history says they left."""
    assert "AkunWarga" not in run_sync(_snapshot("core.piccolo_app"))
    assert run_sync(_snapshot("plugins.akun_warga.piccolo_app")) == {"AkunWarga"}


def test_an_installation_from_before_the_move_keeps_its_accounts(client, balai):
    """Upgrading: the core made balai_akun_warga and holds its rows; the plugin adopts them as they are."""
    from piccolo.apps.migrations.tables import Migration

    demo_nagari(balai)
    person = living_resident()
    run_sync(AkunWarga.insert(AkunWarga(penduduk=person["id"], pin_hash="x", pin_dari="lama")).run())
    run_sync(Migration.delete().where(Migration.name.is_in([ADOPTED, RELEASED])).run())  # as before the upgrade

    run_sync(balai.migrate())

    rows = run_sync(AkunWarga.select(AkunWarga.penduduk, AkunWarga.pin_dari).run())
    assert rows == [{"penduduk": person["id"], "pin_dari": "lama"}]
    ran = run_sync(Migration.select(Migration.app_name).where(Migration.name.is_in([ADOPTED, RELEASED])).run())
    assert sorted(r["app_name"] for r in ran) == ["akun_warga", "core"]


def test_purging_the_plugin_drops_its_table_and_enabling_it_again_makes_it_afresh(balai):
    run_sync(balai.disable("layanan_mandiri"))
    run_sync(balai.disable("akun_warga"))
    run_sync(balai.purge("akun_warga"))
    assert not run_sync(AkunWarga.table_exists().run())
    run_sync(balai.enable("akun_warga"))
    assert run_sync(AkunWarga.table_exists().run()) and run_sync(AkunWarga.count().run()) == 0


def test_resident_pages_answer_404_without_the_plugin(client, balai):
    demo_nagari(balai)
    assert client.get("/warga/masuk").status_code == 200
    run_sync(balai.disable("layanan_mandiri"))
    assert client.get("/warga/masuk").status_code == 404  # nothing offered to residents: no login either
    run_sync(balai.disable("akun_warga"))
    assert client.get("/warga/masuk").status_code == 404


def test_the_old_sdk_names_still_work_for_a_release_and_warn(balai):
    from plugin_sdk import warga
    from plugins.akun_warga import api

    with pytest.warns(DeprecationWarning, match="plugins.akun_warga.api.resident_only"):
        opt = warga.resident_only()
    assert opt == api.resident_only()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert warga.UPLOAD_LIMIT == api.UPLOAD_LIMIT  # the file store's helpers stay in the SDK, not deprecated


def test_a_resident_logs_in_through_the_plugin_and_sees_what_others_offer(balai, admin_client):
    demo_nagari(balai)
    person = living_resident()
    pin = issue_pin(admin_client, person["id"])
    admin_client.cookies.clear()
    first_login(admin_client, person["nik"], pin)
    home = admin_client.get("/warga")
    assert home.status_code == 200 and "/warga/surat" in home.text  # layanan_mandiri's warga_menu item
    assert "/static/akun_warga/warga.css" in home.text and admin_client.get("/static/akun_warga/warga.css").status_code == 200


@pytest.fixture
def balai_entry_points():
    from importlib.metadata import entry_points

    from tests.conftest import fixture_entry_point

    return [*entry_points(group="balai.plugins"), fixture_entry_point("menu_warga_lama")]


def test_a_plugin_on_the_deprecated_balai_warga_menu_hook_still_reaches_residents(balai, admin_client):
    run_sync(balai.disable("layanan_mandiri"))
    assert admin_client.get("/warga/masuk").status_code == 404  # nobody offers residents anything
    run_sync(balai.enable("menu_warga_lama"))
    demo_nagari(balai)
    person = living_resident()
    pin = issue_pin(admin_client, person["id"])
    admin_client.cookies.clear()
    first_login(admin_client, person["nik"], pin)
    assert "/warga/pengaduan" in admin_client.get("/warga").text
