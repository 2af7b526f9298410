"""The suku, kaum and penghulu registry and the Kerapatan Adat Nagari: added, changed and removed through the office's
pages; bad input is refused beside its field with nothing saved; every write is in the audit log."""

import pytest

from plugin_sdk.testing import post_form, run_sync

from adat_bantu import IBU, catat_ibu, suku_kaum


def penghulu_tersimpan() -> list[dict]:
    from balai_adat.tables import Penghulu

    return run_sync(Penghulu.select(Penghulu.gelar, Penghulu.kaum.nama.as_alias("kaum"), Penghulu.penduduk,
                                    Penghulu.jabatan_kan).order_by(Penghulu.id).run())


def test_a_suku_page_lists_its_kaum_and_penghulu(admin_client):
    ids = suku_kaum(admin_client)
    daftar = admin_client.get("/admin/adat").text
    assert f'href="/admin/adat/suku/{ids["Piliang"]}">Piliang</a>' in daftar and "Datuak Bandaro" in daftar
    page = admin_client.get(f"/admin/adat/suku/{ids['Piliang']}").text
    kaum = page.split('id="kaum"')[1].split("</table>")[0]
    assert "Koto Baru" in kaum and "Rumah Tinggi" in kaum
    assert "Datuak Bandaro" in page.split('id="penghulu"')[1] and "Penghulu suku" in page


def test_a_kaum_name_is_unique_within_its_suku_only(admin_client):
    ids = suku_kaum(admin_client)
    again = post_form(admin_client, f"/admin/adat/suku/{ids['Piliang']}/kaum", {"nama": "koto  baru"})
    assert again.status_code == 400 and "Kaum koto baru sudah ada di suku ini." in again.text
    empty = post_form(admin_client, f"/admin/adat/suku/{ids['Piliang']}/kaum", {"nama": " "})
    assert empty.status_code == 400 and "Nama kaum wajib diisi." in empty.text
    assert admin_client.get(f"/admin/adat/suku/{ids['Chaniago']}").text.count("/admin/adat/kaum/") == 1


@pytest.mark.parametrize("isian, pesan", [
    ({"gelar": ""}, "Gelar wajib diisi."),
    ({"gelar": "datuak bandaro"}, "Gelar datuak bandaro sudah ada di suku ini."),
    ({"nik": "12345"}, "NIK harus 16 angka."),
    ({"nik": "1307059999999999"}, "Tidak ada penduduk dengan NIK ini di register."),
    ({"sejak": "17-05-2020"}, "Tanggal tidak sah"),
    ({"sejak": "2999-01-01"}, "Tanggal tidak boleh sesudah hari ini."),
    ({"jabatan_kan": "raja"}, "Pilih jabatan di KAN dari daftar."),
    ({"kaum": "chaniago"}, "Pilih kaum dari suku ini."),
])
def test_a_bad_penghulu_is_refused_beside_its_field_and_nothing_is_saved(admin_client, isian, pesan):
    ids = suku_kaum(admin_client)
    if isian.get("kaum") == "chaniago":
        isian = {"kaum": str(ids["Chaniago/Koto Baru"])}  # a kaum of another suku
    before = penghulu_tersimpan()
    answer = post_form(admin_client, f"/admin/adat/suku/{ids['Piliang']}/penghulu",
                       {"gelar": "Datuak Rajo Malano", "kaum": "", "nik": "", "sejak": "", "jabatan_kan": "",
                        **isian})
    assert answer.status_code == 400 and pesan in answer.text
    assert penghulu_tersimpan() == before


def test_a_penghulu_leads_one_kaum_held_by_a_resident_and_sits_in_the_kan(admin_client):
    ids = suku_kaum(admin_client)
    ibu = catat_ibu(admin_client)
    kaum = str(ids["Piliang/Koto Baru"])
    added = post_form(admin_client, f"/admin/adat/suku/{ids['Piliang']}/penghulu", {
        "gelar": "Datuak Rajo Malano", "kaum": kaum, "nik": IBU["nik"], "sejak": "2020-05-17",
        "jabatan_kan": "ketua"})
    assert added.status_code == 200 and "Penghulu Datuak Rajo Malano ditambahkan." in added.text
    assert penghulu_tersimpan()[-1] == {"gelar": "Datuak Rajo Malano", "kaum": "Koto Baru", "penduduk": ibu["id"],
                                        "jabatan_kan": "ketua"}
    second = post_form(admin_client, f"/admin/adat/suku/{ids['Piliang']}/penghulu", {
        "gelar": "Datuak Sati", "kaum": kaum, "jabatan_kan": "ketua"})
    assert second.status_code == 400
    assert "Kaum ini sudah dipimpin Datuak Rajo Malano." in second.text
    assert "Ketua KAN sudah dijabat Datuak Rajo Malano." in second.text
    kan = admin_client.get("/admin/adat/kan").text.split('id="kan"')[1]
    assert "Ketua" in kan and "Datuak Rajo Malano" in kan and "Rosna" in kan and "Datuak Bandaro" not in kan
    book = admin_client.get("/admin/buku/l1", params={"cari": "malano"}).text
    assert "Koto Baru" in book and "Rosna" in book and "Rumah Tinggi" not in book


def test_changing_and_removing_what_nothing_uses_and_refusing_what_is_used(admin_client):
    from balai_adat.tables import Penghulu

    ids = suku_kaum(admin_client)
    renamed = post_form(admin_client, f"/admin/adat/kaum/{ids['Piliang/Rumah Tinggi']}", {"nama": "Rumah Gadang"})
    assert "Perubahan kaum disimpan." in renamed.text and "Rumah Gadang" in renamed.text
    clash = post_form(admin_client, f"/admin/adat/suku/{ids['Chaniago']}", {"nama": "PILIANG"})
    assert clash.status_code == 400 and "Suku PILIANG sudah terdaftar." in clash.text

    used = post_form(admin_client, f"/admin/adat/suku/{ids['Piliang']}/hapus")
    assert used.status_code == 400
    assert "Suku Piliang tidak dapat dihapus: masih dipakai 2 kaum, 1 penghulu." in used.text
    post_form(admin_client, f"/admin/adat/suku/{ids['Piliang']}/penghulu", {"gelar": "Datuak Sati",
                                                                           "kaum": str(ids["Piliang/Koto Baru"])})
    led = post_form(admin_client, f"/admin/adat/kaum/{ids['Piliang/Koto Baru']}/hapus")
    assert led.status_code == 400 and "masih dipakai 1 penghulu" in led.text

    gone = post_form(admin_client, f"/admin/adat/kaum/{ids['Chaniago/Koto Baru']}/hapus")
    assert "Kaum Koto Baru dihapus." in gone.text
    assert "Suku Chaniago dihapus." in post_form(admin_client, f"/admin/adat/suku/{ids['Chaniago']}/hapus").text
    sati = run_sync(Penghulu.select(Penghulu.id).where(Penghulu.gelar == "Datuak Sati").first().run())["id"]
    assert "Penghulu Datuak Sati dihapus." in post_form(admin_client, f"/admin/adat/penghulu/{sati}/hapus").text
    log = admin_client.get("/admin/audit", params={"objek": "adat.kaum"}).text
    assert "Rumah Gadang" in log and "hapus" in log
    assert admin_client.get(f"/admin/adat/suku/{ids['Chaniago']}").status_code == 404


def test_an_old_suku_form_with_a_penghulu_title_lists_it_as_the_suku_penghulu(admin_client):
    post_form(admin_client, "/admin/adat", {"nama": "Melayu", "penghulu": "Datuak Putiah"})
    assert penghulu_tersimpan() == [{"gelar": "Datuak Putiah", "kaum": None, "penduduk": None, "jabatan_kan": ""}]
    assert "Datuak Putiah" in admin_client.get("/admin/adat").text


def test_a_penghulu_and_a_kaum_are_changed_on_their_own_pages(admin_client):
    from balai_adat.tables import Penghulu

    ids = suku_kaum(admin_client)
    catat_ibu(admin_client)
    bandaro = run_sync(Penghulu.select(Penghulu.id).first().run())["id"]
    form = admin_client.get(f"/admin/adat/penghulu/{bandaro}").text
    assert 'value="Datuak Bandaro"' in form and "— penghulu suku (bukan satu kaum) —" in form
    changed = post_form(admin_client, f"/admin/adat/penghulu/{bandaro}", {
        "gelar": "Datuak Bandaro", "kaum": str(ids["Piliang/Rumah Tinggi"]), "nik": IBU["nik"],
        "sejak": "2019-03-01", "jabatan_kan": "sekretaris"})
    assert "Perubahan penghulu disimpan." in changed.text
    assert penghulu_tersimpan()[0]["kaum"] == "Rumah Tinggi"
    again = admin_client.get(f"/admin/adat/penghulu/{bandaro}").text
    assert 'value="2019-03-01"' in again and 'value="sekretaris" selected' in again
    assert "Sekretaris" in admin_client.get("/admin/adat/kan").text
    kaum = admin_client.get(f"/admin/adat/kaum/{ids['Piliang/Koto Baru']}").text
    assert "Kaum Koto Baru" in kaum and f'href="/admin/adat/suku/{ids["Piliang"]}"' in kaum
    assert admin_client.get("/admin/adat/penghulu/999999").status_code == 404


def test_the_demo_example_fills_an_empty_register_once_and_opens_every_sample_page(admin_client):
    from balai_adat.contoh import isi

    assert run_sync(isi()) == 3 and run_sync(isi()) == 0
    for url in ("/admin/adat/suku/1", "/admin/adat/kaum/1", "/admin/adat/penghulu/1"):  # the pages' samples
        assert admin_client.get(url).status_code == 200, url
    kan = admin_client.get("/admin/adat/kan").text.split('id="kan"')[1]
    assert kan.index("Ketua") < kan.index("Wakil ketua") < kan.index("Sekretaris") < kan.index("Anggota")


def test_a_kaum_holding_tanah_ulayat_is_not_removed(admin_client):
    from datetime import date

    from balai_adat.contoh import isi
    from balai_adat.ulayat.contoh import isi as isi_ulayat

    run_sync(isi())
    run_sync(isi_ulayat(date(2026, 12, 1)))  # the first kaum (Koto Baru) holds Sawah Lua
    refused = post_form(admin_client, "/admin/adat/kaum/1/hapus")
    assert refused.status_code == 400
    assert "Kaum Koto Baru tidak dapat dihapus: masih dipakai 1 penghulu, 1 tanah ulayat." in refused.text
