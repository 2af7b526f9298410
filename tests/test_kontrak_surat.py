"""`layanan_mandiri` uses `surat` through its contract and events; `surat` no longer knows self-service exists."""

from importlib.metadata import entry_points

import pytest

from piccolo.apps.migrations.commands.backwards import BackwardsMigrationManager

from core.db.migrations import migrate_forwards
from plugin_sdk.testing import post_form, run_sync
from plugins.layanan_mandiri.tables import JenisMandiri, Permohonan
from plugins.surat import api
from tests.conftest import fixture_entry_point as ep
from tests.fixtures.plugins import pengamat
from tests.mandiri_helpers import submit
from tests.surat_helpers import issue, letters, living_resident, wali_id
from tests.test_layanan_mandiri import USAHA, as_resident, documents

# What the surat_jenis.mandiri column said for the shipped types before it moved to layanan_mandiri.
SHIPPED_OPEN = {"domisili", "usaha", "tidak_mampu", "pengantar_skck", "penduduk", "pengantar", "bepergian",
                "penghasilan_ortu"}


@pytest.fixture
def balai_entry_points():
    return [*entry_points(group="balai.plugins"), ep("pengamat")]


@pytest.fixture
def balai_plugins():
    return ["pengamat"]


def open_codes() -> set[str]:
    return {r["kode"] for r in run_sync(JenisMandiri.select(JenisMandiri.kode).run())}


def surat_columns(balai) -> set[str]:
    async def columns():
        if balai.engine.engine_type == "sqlite":
            return {r["name"] for r in await balai.engine.run_ddl("PRAGMA table_info(surat_jenis)")}
        rows = await balai.engine.run_ddl("SELECT column_name AS name FROM information_schema.columns "
                                          "WHERE table_name = 'surat_jenis'")
        return {r["name"] for r in rows}

    return run_sync(columns)


def test_fresh_install_opens_the_types_surat_used_to_mark_and_surat_has_no_such_column(balai):
    assert open_codes() == SHIPPED_OPEN
    assert "mandiri" not in surat_columns(balai) and "kode" in surat_columns(balai)


def test_migrations_move_the_existing_values_both_ways(balai):
    """An installation from before the move: the office had opened `kelahiran` and closed `usaha`."""
    async def back(app: str, migration_id: str):
        result = await BackwardsMigrationManager(app_name=app, migration_id=migration_id, auto_agree=True).run()
        assert result.success, result.message

    run_sync(lambda: back("layanan_mandiri", "2026-12-05T10:00:02:000000"))
    run_sync(lambda: back("surat", "2026-12-05T10:00:00:000000"))
    assert "mandiri" in surat_columns(balai)

    async def before_the_move():
        rows = await balai.engine.run_ddl("SELECT kode FROM surat_jenis WHERE mandiri")
        assert {r["kode"] for r in rows} == SHIPPED_OPEN  # the backwards step put the values back
        await balai.engine.run_ddl("UPDATE surat_jenis SET mandiri = (kode = 'kelahiran' OR kode = 'domisili')")
        await migrate_forwards(balai.core_apps + [app for app in _apps(balai)])

    run_sync(before_the_move)
    assert open_codes() == {"kelahiran", "domisili"}
    assert "mandiri" not in surat_columns(balai)


def _apps(balai):
    from core.db.binding import load_app

    return [load_app("plugins.surat.piccolo_app"), load_app("plugins.layanan_mandiri.piccolo_app")]


def test_the_office_opens_and_closes_types_on_the_self_service_page(admin_client, balai):
    editor = admin_client.get("/admin/surat/jenis/usaha").text
    assert 'name="mandiri"' not in editor and "layanan mandiri" not in editor.lower()
    page = admin_client.get("/admin/mandiri/jenis")
    assert page.status_code == 200 and 'value="usaha" checked' in page.text
    post_form(admin_client, "/admin/mandiri/jenis", {"kode": ["kelahiran", "domisili"]})
    assert open_codes() == {"kelahiran", "domisili"}
    assert 'value="kelahiran" checked' in admin_client.get("/admin/mandiri/jenis").text
    as_resident(admin_client, balai)
    choices = admin_client.get("/warga/surat").text
    assert "Surat Keterangan Kelahiran" in choices and "Surat Keterangan Usaha" not in choices
    assert admin_client.get("/warga/surat/ajukan/usaha").status_code == 404


def test_contract_returns_plain_data(balai):
    usaha = run_sync(lambda: api.letter_type("usaha"))
    assert isinstance(usaha, dict) and usaha["kode"] == "usaha" and isinstance(usaha["isian"], list)
    assert usaha["persyaratan"] and all(isinstance(s, str) for s in usaha["persyaratan"])
    values, errors = api.check_fields(usaha, {"isian_nama_usaha": "Kedai"})
    assert values["nama_usaha"] == "Kedai" and "jenis_usaha" in errors
    assert run_sync(lambda: api.letter(999)) is None and api.API_VERSION.startswith("1.")


def test_request_follows_its_letter_through_events_and_others_hear_of_it(admin_client, balai):
    pengamat.SEEN.clear()
    person, office = as_resident(admin_client, balai)
    submit(admin_client, "/warga/surat/ajukan/usaha", USAHA, documents())
    [request] = run_sync(Permohonan.select().run())
    office.swap()
    post_form(admin_client, f"/admin/mandiri/{request['id']}/setujui", {"penandatangan": str(wali_id())})
    post_form(admin_client, f"/admin/mandiri/{request['id']}/diambil")
    [letter] = letters()
    post_form(admin_client, f"/admin/surat/{letter['id']}/batal", {"alasan": "Salah nama usaha"})
    # No page of layanan_mandiri was opened since: the event moved the request at once.
    [request] = run_sync(Permohonan.select().run())
    assert request["status"] == "dibatalkan" and request["alasan"] == "Salah nama usaha"
    assert ("surat_terbit", letter["nomor"], "terbit") in pengamat.SEEN
    assert ("surat_dibatalkan", letter["nomor"], "Salah nama usaha") in pengamat.SEEN
    changes = [s[1:] for s in pengamat.SEEN if s[0] == "permohonan_berubah"]
    assert changes == [(None, "diperiksa", "usaha"), ("diperiksa", "siap", "usaha"), ("siap", "diambil", "usaha"),
                       ("diambil", "dibatalkan", "usaha")]


def test_a_failing_event_handler_does_not_stop_the_letter(admin_client, balai):
    from tests.surat_helpers import demo_nagari

    demo_nagari(balai)
    pengamat.SEEN.clear()
    pengamat.FAIL["surat_terbit"] = True
    try:
        response = issue(admin_client, "domisili", living_resident()["id"], keperluan="Syarat sekolah",
                         isian_sejak="2010")
    finally:
        pengamat.FAIL["surat_terbit"] = False
    assert response.status_code in (302, 303), response.text[:500]
    [letter] = letters()
    assert letter["status"] == "terbit" and letter["nomor"]
    assert pengamat.SEEN == [("surat_terbit", letter["nomor"], "terbit")]  # it ran, failed, and was stepped around
