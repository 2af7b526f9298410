"""The example third-party plugin, end to end through the web app."""

import pytest

from plugin_sdk.testing import menu_labels, post_form, run_sync


@pytest.fixture
def balai_plugins():
    return ["adat"]


def table_exists(balai):
    from balai_adat.tables import Suku

    return run_sync(Suku.table_exists().run())


def test_enabled_plugin_shows_page_menu_and_widget(admin_client):
    page = admin_client.get("/admin/adat")
    assert page.status_code == 200 and "Daftar suku" in page.text
    dashboard = admin_client.get("/admin").text
    assert "Adat" in menu_labels(dashboard)
    assert 'data-plugin="adat"' in dashboard


def test_adding_a_suku_and_refusing_a_duplicate(admin_client):
    post_form(admin_client, "/admin/adat", {"nama": "Piliang", "penghulu": "Datuak Bandaro"})
    assert "Piliang" in admin_client.get("/admin/adat").text
    again = post_form(admin_client, "/admin/adat", {"nama": "piliang"})
    assert again.status_code == 400 and "sudah terdaftar" in again.text
    empty = post_form(admin_client, "/admin/adat", {"nama": "  "})
    assert empty.status_code == 400 and "wajib diisi" in empty.text
    assert '<p class="angka">1</p>' in admin_client.get("/admin").text


def test_disabling_hides_page_menu_widget_and_keeps_data(admin_client, balai):
    post_form(admin_client, "/admin/adat", {"nama": "Chaniago"})
    response = post_form(admin_client, "/admin/plugin/adat/nonaktifkan")
    assert response.status_code == 200 and "Plugin adat dinonaktifkan" in response.text
    assert admin_client.get("/admin/adat").status_code == 404
    dashboard = admin_client.get("/admin").text
    assert "Adat" not in menu_labels(dashboard) and 'data-plugin="adat"' not in dashboard
    assert table_exists(balai)

    post_form(admin_client, "/admin/plugin/adat/aktifkan")
    assert "Chaniago" in admin_client.get("/admin/adat").text


def test_purge_drops_the_table_only_after_disabling(balai):
    from core.plugin_host.state import PluginStateError

    with pytest.raises(PluginStateError, match="masih aktif"):
        run_sync(balai.purge("adat"))
    run_sync(balai.disable("adat"))
    run_sync(balai.purge("adat"))
    assert not table_exists(balai)
    run_sync(balai.enable("adat"))  # enabling again migrates from scratch
    assert table_exists(balai)


def test_anonymous_visitor_cannot_reach_plugin_page(client):
    response = client.get("/admin/adat", follow_redirects=False)
    assert response.status_code in (302, 303) and "/masuk" in response.headers["location"]


def test_plugin_static_files_follow_the_enabled_state(admin_client, balai):
    assert admin_client.get("/static/adat/adat.css").status_code == 200
    run_sync(balai.disable("adat"))
    assert admin_client.get("/static/adat/adat.css").status_code == 404


def test_plugin_writes_are_in_the_audit_log(admin_client):
    post_form(admin_client, "/admin/adat", {"nama": "Melayu"})
    log = admin_client.get("/admin/audit", params={"objek": "adat.suku"}).text
    assert "Melayu" in log and "buat" in log


def test_letters_issued_to_a_suku_member_show_on_the_adat_page(admin_client, balai):
    """The example builds on `surat`: it hears surat_terbit and reads letters back through plugins.surat.api."""
    from balai_adat.tables import Suku, SukuWarga
    from tests.surat_helpers import demo_nagari, issue, letters, living_resident

    assert balai.host.get("adat").depends == ("surat",)
    demo_nagari(balai)
    person = living_resident()
    post_form(admin_client, "/admin/adat", {"nama": "Piliang", "penghulu": "Datuak Bandaro"})
    suku = run_sync(Suku.select().first().run())
    run_sync(SukuWarga.insert(SukuWarga(penduduk=person["id"], suku=suku["id"])).run())
    assert issue(admin_client, "domisili", person["id"], isian_sejak="2010").status_code in (302, 303)
    [letter] = letters()
    page = admin_client.get("/admin/adat").text.split('id="surat-suku"')[1]
    assert "Piliang" in page and person["nama"] in page and letter["nomor"] in page and "terbit" in page
    post_form(admin_client, f"/admin/surat/{letter['id']}/batal", {"alasan": "Salah ketik"})
    assert "batal" in admin_client.get("/admin/adat").text.split('id="surat-suku"')[1]


def test_the_example_plugin_adds_its_book_to_the_administration_books(admin_client, balai):
    for nama, penghulu in (("Piliang", "Datuak Bandaro"), ("Chaniago", "Datuak Rajo Panghulu")):
        post_form(admin_client, "/admin/adat", {"nama": nama, "penghulu": penghulu})
    assert "Buku Suku dan Penghulu" in admin_client.get("/admin/buku").text
    book = admin_client.get("/admin/buku/l1", params={"cari": "rajo"}).text
    assert "Chaniago" in book and "Piliang" not in book
    sheet = admin_client.get("/admin/buku/l1/unduh.xlsx")
    assert sheet.status_code == 200 and sheet.headers["content-type"].startswith("application/vnd.openxml")
    run_sync(balai.disable("adat"))
    assert admin_client.get("/admin/buku/l1").status_code == 404
