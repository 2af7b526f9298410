"""A resident's suku and kaum: on the resident's page (a panel with its own form) and form, and a newborn's taken
from the mother when hers are recorded (adat Minangkabau is matrilineal), through the kernel's `balai_peristiwa`."""

from plugin_sdk.testing import post_form, run_sync

from adat_bantu import IBU, adat_warga, catat_ibu, lahir, penduduk, suku_kaum


def test_the_panel_records_a_kaum_of_the_suku_and_refuses_one_of_another(admin_client):
    ids = suku_kaum(admin_client)
    ibu = catat_ibu(admin_client)
    page = admin_client.get(f"/admin/penduduk/{ibu['id']}").text
    assert "Suku belum dicatat." in page and f'action="/admin/adat/warga/{ibu["id"]}"' in page
    saved = post_form(admin_client, f"/admin/adat/warga/{ibu['id']}", {"suku": "Piliang", "kaum": "Rumah Tinggi"})
    assert "Suku dan kaum disimpan." in saved.text
    assert "Suku <strong>Piliang</strong> (penghulu Datuak Bandaro), kaum <strong>Rumah Tinggi</strong>" in saved.text
    assert adat_warga(ibu["id"]) == {"suku": "Piliang", "kaum": "Rumah Tinggi"}

    wrong = post_form(admin_client, f"/admin/adat/warga/{ibu['id']}", {"suku": "Chaniago", "kaum": "Rumah Tinggi"})
    assert "Kaum Rumah Tinggi tidak terdaftar di suku Chaniago." in wrong.text
    no_suku = post_form(admin_client, f"/admin/adat/warga/{ibu['id']}", {"suku": "", "kaum": "Koto Baru"})
    assert "Pilih suku dahulu" in no_suku.text
    assert adat_warga(ibu["id"]) == {"suku": "Piliang", "kaum": "Rumah Tinggi"}
    log = admin_client.get("/admin/audit", params={"objek": "adat.warga"}).text
    assert "<code>kaum</code>:  → Rumah Tinggi" in log
    assert ids and post_form(admin_client, "/admin/adat/warga/999999", {"suku": ""}).status_code == 404


def test_the_resident_form_saves_suku_and_kaum_together(admin_client):
    suku_kaum(admin_client)
    refused = post_form(admin_client, "/admin/penduduk/baru", {
        **IBU, "adat.suku": "Chaniago", "adat.kaum": "Rumah Tinggi"})
    assert refused.status_code == 400 and "Kaum Rumah Tinggi tidak terdaftar di suku Chaniago." in refused.text
    ibu = catat_ibu(admin_client, **{"adat.suku": "piliang", "adat.kaum": "koto baru"})
    assert adat_warga(ibu["id"]) == {"suku": "Piliang", "kaum": "Koto Baru"}


def test_a_newborn_takes_the_mothers_suku_and_kaum(admin_client):
    suku_kaum(admin_client)
    ibu = catat_ibu(admin_client, **{"adat.suku": "Piliang", "adat.kaum": "Koto Baru"})
    born = lahir(admin_client, ibu)
    assert "Bayi ini dicatat bersuku Piliang, kaum Koto Baru, mengikuti ibunya" in born.text
    anak = penduduk("1307054101250001")
    assert adat_warga(anak["id"]) == {"suku": "Piliang", "kaum": "Koto Baru"}
    log = admin_client.get("/admin/audit", params={"objek": "adat.warga"}).text
    assert "mengikuti ibu" in log


def test_a_newborn_without_nik_ibu_takes_the_suku_of_the_mother_on_the_family_card(admin_client):
    suku_kaum(admin_client)
    ibu = catat_ibu(admin_client, **{"adat.suku": "Piliang", "adat.kaum": "Koto Baru"})  # she heads the card
    born = lahir(admin_client, ibu, nik_ibu="", nama_ibu="")
    assert "Bayi ini dicatat bersuku Piliang, kaum Koto Baru, mengikuti ibunya" in born.text
    assert adat_warga(penduduk("1307054101250001")["id"]) == {"suku": "Piliang", "kaum": "Koto Baru"}


def test_a_suku_chosen_on_the_birth_form_stands(admin_client):
    suku_kaum(admin_client)
    ibu = catat_ibu(admin_client, **{"adat.suku": "Piliang", "adat.kaum": "Koto Baru"})
    lahir(admin_client, ibu, **{"adat.suku": "Chaniago"})
    assert adat_warga(penduduk("1307054101250001")["id"]) == {"suku": "Chaniago", "kaum": ""}


def test_a_newborn_of_a_mother_without_suku_gets_none_and_the_operator_is_asked(admin_client):
    from balai_adat.tables import SukuWarga

    suku_kaum(admin_client)
    ibu = catat_ibu(admin_client)
    born = lahir(admin_client, ibu)
    assert "Suku ibu belum tercatat: catat suku dan kaum bayi ini" in born.text
    assert run_sync(SukuWarga.count().run()) == 0
