"""What a clerk sees and prints of a family: the resident's address and parents, the family page, the KK as PDF."""

import io
import json
import re

import pytest
from pypdf import PdfReader

from core.audit.tables import AuditEntri
from core.identity.users import create_user
from core.tables import Peran, Pengguna
from plugin_sdk.testing import login, post_form, run_sync
from tests.test_lingkup_wilayah import add, place
from tests.test_register_pages import resident

PASSWORD = "kata-sandi-uji"
CHILD = {"hubungan": "4", "status_kawin": "1", "tanggal_lahir": "2012-03-04", "pendidikan_kk": "2",
         "pekerjaan": "3"}


@pytest.fixture
def keluarga(admin_client, balai):
    """Jorong Koto / RW 02 / RT 01 with a family of three (no parents' NIKs typed), Jorong Baruah with another."""
    run_sync(balai.save_profile({"nama": "Taram", "kecamatan": "Harau", "kabupaten": "Lima Puluh Kota",
                                 "provinsi": "Sumatera Barat", "kode_pos": "26271", "kode": "1307052001"}))
    koto = place("Koto")
    rt = place("01", place("02", koto, 2), 3)
    baruah = place("Baruah")
    ayah = add(admin_client, "1307051208800001", "Rustam", rt, "1307051234560001", alamat_kk="Jalan Raya Taram 5")
    ibu = add(admin_client, "1307055208850002", "Siti Aminah", rt, "", "2", hubungan="3",
              keluarga_id=str(ayah["keluarga"]))
    anak = add(admin_client, "1307050403120003", "Putri", rt, "", "2", keluarga_id=str(ayah["keluarga"]), **CHILD)
    other = add(admin_client, "1307051208880004", "Bujang", baruah, "1307051234560004", alamat_kk="Jorong Baruah")
    return {"ayah": ayah, "ibu": ibu, "anak": anak, "other": other, "koto": koto, "baruah": baruah}


def _user(admin_client, username, permissions, wilayah=None):
    role = run_sync(Peran.insert(Peran(kode=username, nama=username, izin=json.dumps(permissions))).returning(
        Peran.id).run())[0]["id"]
    user = run_sync(create_user(username, username, PASSWORD, role))
    if wilayah is not None:
        run_sync(Pengguna.update({Pengguna.wilayah_lingkup: wilayah}).where(Pengguna.id == user["id"]).run())
    return user


def test_resident_page_shows_address_parents_from_the_card_and_the_family_apart(admin_client, keluarga):
    anak = keluarga["anak"]
    page = admin_client.get(f"/admin/penduduk/{anak['id']}").text
    address = re.search(r'id="alamat">([^<]*)<', page).group(1)
    assert "Jalan Raya Taram 5" in address and "RT 01 RW 02" in address and "Jorong Koto" in address
    father = re.search(r'id="ayah">(.*?)</td>', page).group(1)
    mother = re.search(r'id="ibu">(.*?)</td>', page).group(1)
    assert f'href="/admin/penduduk/{keluarga["ayah"]["id"]}">Rustam' in father and "menurut KK" in father
    assert f'href="/admin/penduduk/{keluarga["ibu"]["id"]}">Siti Aminah' in mother
    card = re.search(r'id="kartu-keluarga">(.*?)</p>', page).group(1)
    assert "Kartu keluarga" in card and "1307051234560001" in card and "Rustam" in card
    buttons = page[page.index('class="tombol-baris"'):]
    assert "1307051234560001" not in buttons[:buttons.index("</div>")]  # not one more button among the actions


def test_family_page_names_the_place_once_and_folds_its_change_forms(admin_client, keluarga):
    page = admin_client.get(f"/admin/keluarga/{keluarga['other']['keluarga']}").text
    line = re.search(r'id="tempat-keluarga">(.*?)</p>', page).group(1)
    assert line.count("Baruah") == 1 and "Bujang" in line
    assert page.count('<details class="lipat"') == 4 and "<details open" not in page and " open>" not in page
    assert page.index('id="anggota-keluarga"') < page.index('<details class="lipat"')  # the family first
    assert f'href="/admin/keluarga/{keluarga["other"]["keluarga"]}/kk.pdf"' in page and "Cetak KK (PDF)" in page


def test_family_card_prints_as_pdf_with_every_member(admin_client, keluarga):
    family = keluarga["ayah"]["keluarga"]
    answer = admin_client.get(f"/admin/keluarga/{family}/kk.pdf")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    pdf = PdfReader(io.BytesIO(answer.content))
    assert pdf.pages[0].mediabox.width > pdf.pages[0].mediabox.height  # landscape
    text = " ".join((p.extract_text() or "") for p in pdf.pages)
    flat = " ".join(text.split())
    assert "KARTU KELUARGA" in flat and "1307051234560001" in flat
    for who in ("ayah", "ibu", "anak"):
        assert keluarga[who]["nama"] in flat and keluarga[who]["nik"] in flat
    assert "Bujang" not in flat and "bukan Kartu Keluarga resmi" in flat
    assert "Harau" in flat and "26271" in flat
    run_sync(admin_client.app.state.audit.flush())
    seen = run_sync(AuditEntri.select().where((AuditEntri.aksi == "lihat") & (AuditEntri.objek_jenis == "keluarga")
                                              & (AuditEntri.objek_id == str(family))).run())
    assert any("cetak_kk" in str(e["rincian"]) for e in seen)  # who printed whose family card


def test_family_card_pdf_is_kept_to_scope_and_permission(admin_client, keluarga):
    _user(admin_client, "kepala_baruah", ["penduduk.lihat"], keluarga["baruah"])
    _user(admin_client, "tamu", [])
    post_form(admin_client, "/keluar")
    login(admin_client, "kepala_baruah", PASSWORD)
    assert admin_client.get(f"/admin/keluarga/{keluarga['ayah']['keluarga']}/kk.pdf").status_code == 404
    own = admin_client.get(f"/admin/keluarga/{keluarga['other']['keluarga']}/kk.pdf")
    assert own.status_code == 200 and own.content.startswith(b"%PDF")
    post_form(admin_client, "/keluar")
    login(admin_client, "tamu", PASSWORD)
    assert admin_client.get(f"/admin/keluarga/{keluarga['other']['keluarga']}/kk.pdf").status_code == 403
    assert resident(keluarga["anak"]["nik"])["keluarga"] == keluarga["ayah"]["keluarga"]


def test_parents_nik_on_the_record_wins_over_the_card(admin_client, keluarga):
    from core.penduduk.tables import Penduduk

    anak = keluarga["anak"]
    run_sync(Penduduk.update({Penduduk.nik_ibu: keluarga["ibu"]["nik"], Penduduk.nik_ayah: "1307051111110009",
                              Penduduk.nama_ayah: "Ayah Kandung"}).where(Penduduk.id == anak["id"]).run())
    page = admin_client.get(f"/admin/penduduk/{anak['id']}").text
    mother = re.search(r'id="ibu">(.*?)</td>', page).group(1)
    father = re.search(r'id="ayah">(.*?)</td>', page).group(1)
    assert f'href="/admin/penduduk/{keluarga["ibu"]["id"]}">Siti Aminah' in mother and "menurut KK" not in mother
    assert "Ayah Kandung" in father and "tidak ada di register" in father and "Rustam" not in father
    assert "1307051111110009" not in page  # a parent's NIK stays off the page
