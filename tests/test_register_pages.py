"""The register through its pages: add a family, record a birth, correct a field, search, privacy."""

import pytest

from core.audit.tables import AuditEntri
from core.penduduk.tables import Penduduk, Wilayah
from plugin_sdk.testing import post_form, run_sync

HEAD = {"jenis": "pendataan_awal", "tanggal_peristiwa": "2024-01-05", "no_kk": "1307051234560001",
        "alamat_kk": "Jorong Koto", "nik": "1307051208900001", "nama": "Rustam", "jenis_kelamin": "1",
        "tempat_lahir": "Taram", "tanggal_lahir": "1990-08-12", "hubungan": "1", "agama": "1", "status_kawin": "2",
        "pendidikan_kk": "5", "pekerjaan": "9", "kewarganegaraan": "1", "status_penduduk": "1"}


def resident(nik):
    return run_sync(Penduduk.select().where(Penduduk.nik == nik).first().run())


def test_add_family_then_birth_then_correction(admin_client, balai):
    post_form(admin_client, "/admin/wilayah", {"nama": "Koto Tinggi"})
    wilayah = run_sync(Wilayah.select().first().run())["id"]
    bad = post_form(admin_client, "/admin/penduduk/baru", {**HEAD, "wilayah": str(wilayah), "nik": "123"})
    assert bad.status_code == 400 and "NIK harus 16 angka." in bad.text
    assert run_sync(Penduduk.count().run()) == 0  # nothing half-saved
    ok = post_form(admin_client, "/admin/penduduk/baru", {**HEAD, "wilayah": str(wilayah)})
    assert ok.status_code == 200 and "Rustam dicatat" in ok.text
    head = resident("1307051208900001")
    assert head["wilayah"] == wilayah

    child = {**HEAD, "jenis": "lahir", "tanggal_peristiwa": "2025-02-03", "keluarga_id": str(head["keluarga"]),
             "nik": "", "nik_sementara": "1", "nama": "Putri", "jenis_kelamin": "2", "tanggal_lahir": "",
             "hubungan": "4", "status_kawin": "1", "pendidikan_kk": "1", "pekerjaan": "1"}
    no_code = post_form(admin_client, "/admin/penduduk/baru", child)
    assert no_code.status_code == 400 and "kode wilayah nagari" in no_code.text
    run_sync(balai.save_profile({"kode": "1307052001"}))
    born = post_form(admin_client, "/admin/penduduk/baru", child)
    assert born.status_code == 200 and "Putri dicatat (lahir)" in born.text
    putri = run_sync(Penduduk.select().where(Penduduk.nama == "Putri").first().run())
    assert putri["nik"] == "0130705200100001" and str(putri["tanggal_lahir"]) == "2025-02-03"
    family = admin_client.get(f"/admin/keluarga/{head['keluarga']}").text
    assert "Rustam" in family and "Putri" in family and "Anak" in family

    fixed = post_form(admin_client, f"/admin/penduduk/{head['id']}/ubah",
                      {**HEAD, "alamat": "Jorong Koto", "nama": "Rustam Dt. Bandaro",
                       "alasan": "salah ketik"})
    assert "1 data dikoreksi" in fixed.text
    page = admin_client.get(f"/admin/penduduk/{head['id']}").text
    assert "Rustam Dt. Bandaro" in page and "Koreksi data" in page and "→" in page


def test_search_filters_and_a_recorded_death(admin_client):
    post_form(admin_client, "/admin/penduduk/baru", HEAD)
    pid = resident("1307051208900001")["id"]
    assert "Rustam" in admin_client.get("/admin/penduduk", params={"q": "rust"}).text
    assert "Rustam" in admin_client.get("/admin/penduduk", params={"q": "130705120"}).text
    assert "Tidak ada penduduk" in admin_client.get("/admin/penduduk", params={"jenis_kelamin": "2"}).text
    assert "Tidak ada penduduk" in admin_client.get("/admin/penduduk", params={"umur_max": "10"}).text
    future = post_form(admin_client, f"/admin/penduduk/{pid}/peristiwa", {"jenis": "mati",
                                                                          "tanggal_peristiwa": "2999-01-01"})
    assert future.status_code == 400 and "masa depan" in future.text
    post_form(admin_client, f"/admin/penduduk/{pid}/peristiwa", {"jenis": "mati", "tanggal_peristiwa": "2025-05-01",
                                                                 "mati_sebab": "sakit"})
    assert resident("1307051208900001")["status_dasar"] == 2
    assert "Tidak ada penduduk" in admin_client.get("/admin/penduduk").text  # default: the living
    assert "Rustam" in admin_client.get("/admin/penduduk", params={"status_dasar": "2"}).text


def test_every_view_of_a_resident_is_logged_and_the_public_site_shows_no_nik(admin_client, client):
    post_form(admin_client, "/admin/penduduk/baru", HEAD)
    pid = resident("1307051208900001")["id"]
    admin_client.get(f"/admin/penduduk/{pid}")
    run_sync(admin_client.app.state.audit.flush())
    views = run_sync(AuditEntri.select().where((AuditEntri.aksi == "lihat") & (AuditEntri.objek_id == str(pid))).run())
    assert views and views[0]["pengguna"] == "admin"
    for path in ("/", "/health"):
        assert "1307051208900001" not in client.get(path).text


def test_control_characters_typed_into_the_form_never_reach_the_register(admin_client):
    post_form(admin_client, "/admin/wilayah", {"nama": "Koto Tinggi"})
    wilayah = run_sync(Wilayah.select().first().run())["id"]
    ok = post_form(admin_client, "/admin/penduduk/baru", {**HEAD, "wilayah": str(wilayah), "nama": "Siti\x0bAminah\x07",
                                                          "tempat_lahir": "Ta\x00ram", "nama_ibu": "Rahmah\x1b"})
    assert ok.status_code == 200, ok.text[:300]
    stored = resident("1307051208900001")
    assert (stored["nama"], stored["tempat_lahir"], stored["nama_ibu"]) == ("Siti Aminah", "Taram", "Rahmah")
