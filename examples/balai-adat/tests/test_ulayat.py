"""The tanah ulayat register: parcels and their disputes added and changed by the office; bad input is refused
beside its field and changes nothing; the public page shows the land, never a person."""

from datetime import date, timedelta

import pytest

from plugin_sdk.testing import post_form, run_sync

from test_ulayat_bantu import NIK, catat_tanah, isian_tanah, nagari_kecil, sengketa_tersimpan, tanah_tersimpan


@pytest.fixture
def ids(balai):
    return nagari_kecil()


@pytest.mark.parametrize("ganti, pesan", [
    ({"luas": "0"}, "Luas harus lebih dari 0 ha."),
    ({"luas": "-3"}, "Luas harus lebih dari 0."),
    ({"luas": "dua hektar"}, "Isi luas dalam hektare"),
    ({"luas": "1,23456"}, "Paling banyak 4 angka di belakang koma"),
    ({"nama": " "}, "Nama tanah ulayat wajib diisi."),
    ({"status": "suku", "suku": ""}, "Ulayat suku: pilih suku pemegangnya dari daftar."),
    ({"kaum": "999999"}, "Ulayat kaum: pilih kaum pemegangnya dari daftar."),
    ({"jorong": "999999"}, "Pilih jorong dari daftar."),
    ({"penggunaan": "tambang"}, "Pilih penggunaan tanah dari daftar."),
])
def test_a_bad_parcel_is_refused_beside_its_field_and_nothing_is_saved(admin_client, ids, ganti, pesan):
    answer = post_form(admin_client, "/admin/adat/ulayat/baru", isian_tanah(ids, **ganti))
    assert answer.status_code == 400 and pesan in answer.text
    assert tanah_tersimpan() == []


def test_a_parcel_is_recorded_in_hectares_with_its_holder_and_changed(admin_client, ids):
    tanah_id = catat_tanah(admin_client, ids)
    # a kaum's land also names the kaum's suku
    assert tanah_tersimpan() == [{"nama": "Rimbo Gadang", "luas_m2": 12_507_500, "status": "kaum",
                                  "suku": ids["suku"], "kaum": ids["kaum"], "jorong": ids["jorong"]}]
    page = admin_client.get(f"/admin/adat/ulayat/{tanah_id}").text
    assert "1.250,75 ha" in page and "Kaum Datuak Bandaro (Suku Piliang)" in page and "Koto Tinggi" in page

    form = admin_client.get(f"/admin/adat/ulayat/{tanah_id}/ubah").text
    assert 'value="1.250,75"' in form  # the area comes back as the clerk types it

    refused = post_form(admin_client, f"/admin/adat/ulayat/{tanah_id}/ubah",
                        isian_tanah(ids, nama="Rimbo Ketek", luas="0"))
    assert refused.status_code == 400 and "Luas harus lebih dari 0 ha." in refused.text
    assert tanah_tersimpan()[0]["nama"] == "Rimbo Gadang"

    changed = post_form(admin_client, f"/admin/adat/ulayat/{tanah_id}/ubah",
                        isian_tanah(ids, status="nagari", luas="12,5", jorong="0"), follow_redirects=False)
    assert changed.status_code in (302, 303)
    # ulayat nagari: no suku or kaum holds it, whatever the form still carried
    assert tanah_tersimpan() == [{"nama": "Rimbo Gadang", "luas_m2": 125_000, "status": "nagari", "suku": None,
                                  "kaum": None, "jorong": 0}]
    # two writes, two audit entries (a refused form writes none); the change names only what changed
    audit = admin_client.get(f"/admin/audit?objek=adat.ulayat:{tanah_id}").text
    assert "2 entri" in audit and "12507500" in audit and "125000" in audit
    listing = admin_client.get("/admin/adat/ulayat").text
    assert "Lintas jorong" in listing and "12,5 ha" in listing
    assert admin_client.get("/admin/adat/ulayat/99999").status_code == 404


def test_a_dispute_is_recorded_followed_to_its_outcome_and_bad_ones_change_nothing(admin_client, ids):
    tanah_id = catat_tanah(admin_client, ids)
    url = f"/admin/adat/ulayat/{tanah_id}/sengketa"
    good = {"tanggal": "2026-03-15", "pihak": "Kaum Datuak Bandaro dengan Kaum Datuak Rajo",
            "uraian": "Batas di sebelah timur.", "status": "terbuka", "hasil": ""}
    besok = (date.today() + timedelta(days=2)).isoformat()
    for ganti, pesan in (({"tanggal": besok}, "tidak boleh sesudah hari ini"),
                         ({"tanggal": "15/03/2026"}, "Isi tanggal sengketa diajukan"),
                         ({"pihak": ""}, "Pihak yang bersengketa wajib diisi."),
                         ({"status": "selesai"}, "wajib dicatat hasilnya"),
                         ({"status": "damai"}, "Pilih status sengketa")):
        answer = post_form(admin_client, url, {**good, **ganti})
        assert answer.status_code == 400 and pesan in answer.text, ganti
    assert sengketa_tersimpan() == []

    assert post_form(admin_client, url, good, follow_redirects=False).status_code in (302, 303)
    page = admin_client.get(f"/admin/adat/ulayat/{tanah_id}").text
    assert "Batas di sebelah timur." in page and "Terbuka" in page
    sengketa_id = int(page.split("/admin/adat/ulayat/sengketa/")[1].split('"')[0])

    edit = f"/admin/adat/ulayat/sengketa/{sengketa_id}"
    assert 'value="2026-03-15"' in admin_client.get(edit).text
    refused = post_form(admin_client, edit, {**good, "status": "selesai"})
    assert refused.status_code == 400 and sengketa_tersimpan()[0]["status"] == "terbuka"
    settled = post_form(admin_client, edit, {**good, "status": "selesai", "hasil": "Damai di sidang KAN."},
                        follow_redirects=False)
    assert settled.status_code in (302, 303)
    assert sengketa_tersimpan() == [{"pihak": good["pihak"], "status": "selesai", "hasil": "Damai di sidang KAN."}]


def test_the_public_page_shows_the_land_and_its_sums_never_a_person(admin_client, client, ids):
    catat_tanah(admin_client, ids, keterangan=f"Digarap oleh Siti Rahmah, NIK {NIK}")
    catat_tanah(admin_client, ids, nama="Sawah Lua", status="suku", suku=str(ids["suku"]), kaum="", luas="3",
                penggunaan="pertanian")
    tanah_id = catat_tanah(admin_client, ids, nama="Padang Ateh", status="nagari", kaum="", luas="20")
    post_form(admin_client, f"/admin/adat/ulayat/{tanah_id}/sengketa",
              {"tanggal": "2026-02-01", "pihak": "Siti Rahmah dengan Jorong Koto Tinggi", "uraian": "Tapal batas.",
               "status": "mediasi", "hasil": ""})
    admin_client.get("/keluar")
    client.cookies.clear()

    page = client.get("/adat/ulayat")
    assert page.status_code == 200
    text = page.text
    assert "3 bidang tanah ulayat, seluruhnya 1.273,75 ha." in text
    for parcel in ("Rimbo Gadang", "Sawah Lua", "Padang Ateh", "Kaum Datuak Bandaro (Suku Piliang)", "Suku Piliang"):
        assert parcel in text
    assert "Dalam mediasi KAN 1" in text
    # no person: neither the office's note, nor a dispute's parties, nor any NIK
    assert NIK not in text and "Siti Rahmah" not in text and "Tapal batas" not in text
    assert 'href="/adat/ulayat"' in client.get("/").text  # in the public menu of the theme
    assert client.get("/admin/adat/ulayat", follow_redirects=False).status_code in (302, 303, 401, 403)


def test_the_example_land_fills_an_empty_register_once(admin_client, ids):
    from balai_adat.ulayat.contoh import isi

    assert run_sync(isi(date.today())) == 3
    assert run_sync(isi(date.today())) == 0  # a register with land is left alone
    for url in ("/admin/adat/ulayat/1", "/admin/adat/ulayat/1/ubah", "/admin/adat/ulayat/1/surat",
                "/admin/adat/ulayat/sengketa/1"):
        assert admin_client.get(url).status_code == 200, url  # the pages' samples (plugin_sdk.page_sample)
    assert [t["nama"] for t in tanah_tersimpan()] == ["Rimbo Gadang", "Parak Gambir Bukik", "Sawah Lua"]
