"""The write API for the journal: the forms' checks, journal entries and audit entries, as JSON, for an API token or
a staff session; refused input is a 422 with a message per field and leaves nothing behind."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import schemathesis

from core.audit.tables import AuditEntri
from core.penduduk.tables import Keluarga, Penduduk, Peristiwa
from plugin_sdk.testing import csrf_headers, login, post_form, run_sync
from tests.test_api_token import bearer, make_token
from tests.test_keamanan_fuzz_api import fuzz_operation
from tests.test_lingkup_wilayah import add, place
from core.profil.waktu import today as nagari_today

HEAD = {"jenis": "pendataan_awal", "tanggal_peristiwa": "2024-01-05", "nik": "1307051208900001", "nama": "Rustam",
        "jenis_kelamin": 1, "tempat_lahir": "Taram", "tanggal_lahir": "1990-08-12", "hubungan": 1, "agama": 1,
        "status_kawin": 2, "pendidikan_kk": 5, "pekerjaan": 9, "kewarganegaraan": 1,
        "keluarga_baru": {"no_kk": "1307051234560001", "alamat": "Jorong Koto"}}
CHILD = {**{k: v for k, v in HEAD.items() if k not in ("nik", "tanggal_lahir", "keluarga_baru")},
         "jenis": "lahir", "tanggal_peristiwa": "2025-02-03", "nik_sementara": True, "nama": "Putri",
         "jenis_kelamin": 2, "hubungan": 4, "status_kawin": 1, "pendidikan_kk": 1, "pekerjaan": 1}


def counts() -> dict:
    """What a write would leave behind: residents, families, journal entries and audit entries of changes."""
    changes = AuditEntri.count().where(AuditEntri.aksi != "lihat").where(
        AuditEntri.objek_jenis.is_in(["penduduk", "keluarga", "penduduk.tambahan", "peristiwa"]))
    return {"penduduk": run_sync(Penduduk.count().run()), "keluarga": run_sync(Keluarga.count().run()),
            "peristiwa": run_sync(Peristiwa.count().run()), "audit": run_sync(changes.run())}


def entry(entry_id: int) -> dict:
    row = run_sync(Peristiwa.select().where(Peristiwa.id == entry_id).first().run())
    return {**row, "rincian": json.loads(row["rincian"])}


@pytest.fixture
def token(admin_client, balai):
    """An operator's token, and a client that carries no session: a machine."""
    run_sync(balai.save_profile({"kode": "1307052001"}))  # temporary NIKs need the village code
    secret = make_token(admin_client, nama="Aplikasi posyandu")
    admin_client.cookies.clear()
    admin_client.headers.update(bearer(secret))
    return "token:" + secret.split("_")[1]


def test_a_birth_through_the_api_is_on_the_register_in_the_journal_and_audited_as_the_token(admin_client, token):
    head = admin_client.post("/api/v1/penduduk", json=HEAD)
    assert head.status_code == 201, head.text
    family = run_sync(Penduduk.select().where(Penduduk.id == head.json()["penduduk_id"]).first().run())["keluarga"]
    born = admin_client.post("/api/v1/penduduk", json={**CHILD, "keluarga_id": family})
    assert born.status_code == 201, born.text
    answer = born.json()
    putri = run_sync(Penduduk.select().where(Penduduk.id == answer["penduduk_id"]).first().run())
    assert putri["nama"] == "Putri" and putri["nik"] == "0130705200100001" and putri["keluarga"] == family
    assert str(putri["tanggal_lahir"]) == "2025-02-03" and putri["status_dasar"] == 1
    journal = entry(answer["peristiwa_id"])
    assert (journal["jenis"], journal["penduduk"], journal["pengguna"]) == ("lahir", putri["id"], token)
    assert str(journal["tanggal_peristiwa"]) == "2025-02-03"
    logged = run_sync(AuditEntri.select().where((AuditEntri.objek_jenis == "penduduk")
                                                & (AuditEntri.objek_id == str(putri["id"]))).run())
    assert [(e["aksi"], e["pengguna"], e["pengguna_id"]) for e in logged] == [("buat", token, None)]
    assert json.loads(logged[0]["rincian"]) == {"jenis": "lahir", "nik": putri["nik"], "peristiwa": journal["id"]}
    assert any("Kelahiran" in s["label"] for s in answer["saran"])  # plugins hear of it, as after the form
    journal_api = admin_client.get(f"/api/v1/penduduk/{putri['id']}/peristiwa").json()
    assert [e["jenis"] for e in journal_api] == ["lahir"] and journal_api[0]["pengguna"] == token


def test_death_moves_and_corrections_write_what_the_forms_write(admin_client, token, balai):
    people = {}
    for n, kind in enumerate(("mati", "pindah-keluar", "pergi", "hilang", "pindah-wilayah", "koreksi", "form")):
        nik = f"13070512089000{n + 10}"
        made = admin_client.post("/api/v1/penduduk", json={
            **HEAD, "nik": nik, "nama": f"Warga {kind}",
            "keluarga_baru": {"no_kk": f"13070512345600{n + 10}", "alamat": "Jorong Koto"}})
        assert made.status_code == 201, made.text
        people[kind] = made.json()["penduduk_id"]
    day = "2025-03-01"
    bodies = {"mati": {"tempat": "Rumah", "sebab": "Sakit"}, "pindah-keluar": {"tujuan": "Padang"},
              "pergi": {"tujuan": "Pekanbaru", "keterangan": "merantau"}, "hilang": {"keterangan": "di laut"}}
    status = {"mati": 2, "pindah-keluar": 3, "pergi": 6, "hilang": 4}
    for kind, details in bodies.items():
        answer = admin_client.post(f"/api/v1/penduduk/{people[kind]}/{kind}", json={"tanggal_peristiwa": day,
                                                                                    **details})
        assert answer.status_code == 201, answer.text
        written = entry(answer.json()["peristiwa_id"])
        assert written["jenis"] == kind.replace("-", "_") and written["pengguna"] == token
        assert written["rincian"] == {**details, "sebelum": {"status_dasar": 1},
                                      "sesudah": {"status_dasar": status[kind]}}
        assert run_sync(Penduduk.select(Penduduk.status_dasar).where(Penduduk.id == people[kind]).first().run())[
            "status_dasar"] == status[kind]
    again = admin_client.post(f"/api/v1/penduduk/{people['mati']}/mati", json={"tanggal_peristiwa": day})
    assert again.status_code == 422 and "hidup" in again.json()["galat"]["umum"]

    # The same death through the office's form gives the same entry.
    admin_client.headers.pop("Authorization")
    login(admin_client)
    post_form(admin_client, f"/admin/penduduk/{people['form']}/peristiwa", {
        "jenis": "mati", "tanggal_peristiwa": day, "mati_tempat": "Rumah", "mati_sebab": "Sakit"})
    by_form = run_sync(Peristiwa.select().where(Peristiwa.penduduk == people["form"]).order_by(
        Peristiwa.id, ascending=False).first().run())
    by_api = run_sync(Peristiwa.select().where(Peristiwa.penduduk == people["mati"]).order_by(
        Peristiwa.id, ascending=False).first().run())
    same = ("jenis", "rincian", "tanggal_peristiwa", "bulan_laporan", "wilayah_id", "jenis_kelamin")
    assert {k: by_form[k] for k in same} == {k: by_api[k] for k in same}

    headers = csrf_headers(admin_client)  # a staff session writes too, with the CSRF header
    koto = place("Koto")
    moved = admin_client.post(f"/api/v1/penduduk/{people['pindah-wilayah']}/pindah-wilayah",
                              json={"tanggal_peristiwa": day, "wilayah_id": koto}, headers=headers)
    assert moved.status_code == 201 and entry(moved.json()["peristiwa_id"])["rincian"]["sesudah"] == {"wilayah": koto}
    fixed = admin_client.post(f"/api/v1/penduduk/{people['koreksi']}/koreksi", headers=headers, json={
        "nama": "Warga Dikoreksi", "pendidikan_sedang": None, "alasan": "salah ketik"})
    assert fixed.status_code == 200 and fixed.json()["diubah"] == {"nama": ["Warga koreksi", "Warga Dikoreksi"]}
    correction = entry(fixed.json()["peristiwa_id"])
    assert correction["jenis"] == "koreksi" and correction["pengguna"] == "admin"
    assert correction["rincian"] == {"alasan": "salah ketik", "sebelum": {"nama": "Warga koreksi"},
                                     "sesudah": {"nama": "Warga Dikoreksi"}}
    unchanged = admin_client.post(f"/api/v1/penduduk/{people['koreksi']}/koreksi", json={"nama": "Warga Dikoreksi"},
                                  headers=headers)
    assert unchanged.status_code == 200 and unchanged.json()["peristiwa_id"] is None


def test_a_staff_session_needs_the_csrf_header_to_write(admin_client):
    refused = admin_client.post("/api/v1/penduduk", json=HEAD)
    assert refused.status_code == 403 and counts()["penduduk"] == 0
    made = admin_client.post("/api/v1/penduduk", json=HEAD, headers=csrf_headers(admin_client))
    assert made.status_code == 201 and entry(made.json()["peristiwa_id"])["pengguna"] == "admin"


BAD = [
    ({"nik": "123"}, {"nik": "NIK harus 16 angka."}),
    ({"agama": 99, "tempat_lahir": ""}, {"agama": "Agama wajib dipilih.", "tempat_lahir": "Tempat lahir wajib diisi."}),
    ({"tanggal_peristiwa": (nagari_today() + timedelta(days=2)).isoformat()},
     {"tanggal_peristiwa": "Tanggal peristiwa tidak boleh di masa depan."}),
    ({"tanggal_lahir": "2024-02-30"}, {"tanggal_lahir": "Tanggal harus ditulis TTTT-BB-HH."}),
    ({"agama": "Islam"}, {"agama": "Harus bilangan bulat yang sah."}),
    ({"jenis": "mati"}, {"jenis": "Pilihan tidak dikenal."}),
    ({"nama": "x" * 201}, {"nama": "Paling panjang 200 karakter."}),
    ({"nama": "x" * 121}, {"nama": "Nama paling panjang 120 huruf."}),
    ({"warna": "hijau"}, {"warna": "Isian tidak dikenal."}),
    ({"keluarga_baru": {"no_kk": "1"}}, {"keluarga_baru.no_kk": "Nomor KK harus 16 angka."}),
    ({"keluarga_baru": {"no_kk": "1307051234560001", "wilayah_id": 999}},
     {"keluarga_baru.wilayah_id": "Wilayah tidak dikenal."}),
    ({"keluarga_id": 1}, {"keluarga_id": "Isi salah satu: keluarga_id (keluarga yang ada) atau keluarga_baru (KK baru)."}),
    ({"hubungan": 4}, {"hubungan": "Orang pertama di KK baru harus kepala keluarga."}),
    ({"tambahan": {"adat.suku": "Piliang"}}, {"tambahan.adat.suku": "Isian tambahan tidak dikenal."}),
]


@pytest.mark.parametrize("change, galat", BAD, ids=[",".join(g) for _, g in BAD])
def test_bad_payloads_are_refused_with_a_message_per_field_and_write_nothing(admin_client, token, change, galat):
    before = counts()
    answer = admin_client.post("/api/v1/penduduk", json={**HEAD, **change})
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert {k: body["galat"].get(k) for k in galat} == galat and "tidak ada yang disimpan" in body["detail"]
    assert counts() == before


def test_refused_events_write_nothing(admin_client, token):
    pid = admin_client.post("/api/v1/penduduk", json=HEAD).json()["penduduk_id"]
    before = counts()
    cases = [
        (f"/api/v1/penduduk/{pid}/mati", {"tanggal_peristiwa": "1980-01-01"}, "tanggal_peristiwa",
         "Tanggal peristiwa sebelum tanggal lahir."),
        (f"/api/v1/penduduk/{pid}/pergi", {}, "tanggal_peristiwa", "Wajib diisi."),
        (f"/api/v1/penduduk/{pid}/hilang", {"tanggal_peristiwa": "2025-01-01", "keterangan": "x" * 501},
         "keterangan", "Paling panjang 500 karakter."),
        (f"/api/v1/penduduk/{pid}/pindah-wilayah", {"tanggal_peristiwa": "2025-01-01", "wilayah_id": 77},
         "wilayah_id", "Wilayah tidak dikenal."),
        (f"/api/v1/penduduk/{pid}/koreksi", {"nik": "1307"}, "nik", "NIK harus 16 angka."),
        (f"/api/v1/penduduk/{pid}/koreksi", {"hubungan": 4}, "hubungan", "Isian tidak dikenal."),
    ]
    for url, body, field, message in cases:
        answer = admin_client.post(url, json=body)
        assert answer.status_code == 422 and message in answer.json()["galat"].get(field, ""), (url, answer.text)
    malformed = admin_client.post(f"/api/v1/penduduk/{pid}/mati", content=b"{tanggal",
                                  headers={"content-type": "application/json"})
    assert malformed.status_code == 422 and "JSON" in malformed.json()["galat"]["umum"]
    assert admin_client.post("/api/v1/penduduk/999/mati", json={"tanggal_peristiwa": "2025-01-01"}).status_code == 404
    assert counts() == before


def test_a_token_without_the_permission_cannot_write(admin_client, balai):
    secret = make_token(admin_client, peran="wali_nagari")  # may read the register, not change it
    admin_client.cookies.clear()
    before = counts()
    answer = admin_client.post("/api/v1/penduduk", json=HEAD, headers=bearer(secret))
    assert answer.status_code == 403 and answer.json()["detail"]
    assert admin_client.get("/api/v1/penduduk", headers=bearer(secret)).status_code == 200
    assert counts() == before


def test_a_scoped_token_writes_only_in_its_jorong(admin_client):
    koto, baruah = place("Koto"), place("Baruah")
    inside = add(admin_client, "1307051208900001", "Rustam", koto, "1307051234560001")
    outside = add(admin_client, "1307051208880003", "Bujang", baruah, "1307051234560003")
    secret = make_token(admin_client, wilayah=koto)
    admin_client.cookies.clear()
    admin_client.headers.update(bearer(secret))
    before = counts()
    day = {"tanggal_peristiwa": "2025-01-01"}
    for url, body in ((f"/api/v1/penduduk/{outside['id']}/mati", day),
                      (f"/api/v1/penduduk/{outside['id']}/koreksi", {"nama": "Bujang Ali"}),
                      (f"/api/v1/penduduk/{outside['id']}/pindah-wilayah", {**day, "wilayah_id": koto})):
        assert admin_client.post(url, json=body).status_code == 404, url
    into_family = admin_client.post("/api/v1/penduduk", json={**CHILD, "nik_sementara": False,
                                                               "nik": "1307054302250001",
                                                               "keluarga_id": outside["keluarga"]})
    assert into_family.status_code == 422
    assert into_family.json()["galat"] == {"keluarga_id": "Keluarga itu tidak ada di wilayah Anda."}
    new_card = admin_client.post("/api/v1/penduduk", json={
        **HEAD, "nik": "1307051208900009", "keluarga_baru": {"no_kk": "1307051234560009", "wilayah_id": baruah}})
    assert new_card.json()["galat"] == {"keluarga_baru.wilayah_id": "Pilih wilayah di lingkup Anda."}
    spouse = admin_client.post(f"/api/v1/penduduk/{inside['id']}/perkawinan", json={**day,
                                                                                   "pasangan_id": outside["id"]})
    assert spouse.json()["galat"] == {"pasangan_id": "Pasangan tidak ditemukan di register."}
    by_nik = admin_client.post(f"/api/v1/penduduk/{inside['id']}/perkawinan", json={**day,
                                                                                   "pasangan_nik": outside["nik"]})
    assert by_nik.json()["galat"] == {"pasangan_nik": "Tidak ada penduduk dengan NIK itu."}
    away = admin_client.post(f"/api/v1/penduduk/{inside['id']}/pindah-wilayah", json={**day, "wilayah_id": baruah})
    assert away.status_code == 422 and away.json()["galat"] == {"wilayah_id": "Pilih wilayah di lingkup Anda."}
    assert counts() == before
    assert admin_client.post(f"/api/v1/penduduk/{inside['id']}/mati", json=day).status_code == 201


def test_marriage_and_divorce_through_the_api_are_the_forms_journal_events(admin_client, token):
    def person(nik, nama, sex, kk):
        made = admin_client.post("/api/v1/penduduk", json={**HEAD, "nik": nik, "nama": nama, "jenis_kelamin": sex,
                                                           "status_kawin": 1, "keluarga_baru": {"no_kk": kk}})
        assert made.status_code == 201, made.text
        return made.json()["penduduk_id"]

    rustam = person("1307051208900001", "Rustam", 1, "1307050000000001")
    siti = person("1307055509920002", "Siti", 2, "1307050000000002")
    before = counts()
    refused = admin_client.post(f"/api/v1/penduduk/{rustam}/perkawinan", json={
        "tanggal_peristiwa": "2025-06-14", "pasangan_nik": "1307055509920002", "keluarga": "baru",
        "no_kk": "1"})
    assert refused.status_code == 422 and refused.json()["galat"] == {"no_kk": "Nomor KK harus 16 angka."}
    same_sex = admin_client.post(f"/api/v1/penduduk/{rustam}/perkawinan", json={
        "tanggal_peristiwa": "2025-06-14", "pasangan_id": rustam})
    assert same_sex.status_code == 422 and "pasangan_id" in same_sex.json()["galat"]
    assert counts() == before

    wed = admin_client.post(f"/api/v1/penduduk/{rustam}/perkawinan", json={
        "tanggal_peristiwa": "2025-06-14", "pasangan_nik": "1307055509920002", "no_akta": "0123/045/VI/2025",
        "tanggal_akta": "2025-06-14", "keluarga": "gabung", "ikut": "pasangan"})
    assert wed.status_code == 201, wed.text
    answer = wed.json()
    assert answer["jenis"] == "perkawinan" and len(answer["semua_peristiwa"]) == 2
    married = {r["id"]: r for r in run_sync(Penduduk.select().where(Penduduk.id.is_in([rustam, siti])).run())}
    assert married[rustam]["status_kawin"] == married[siti]["status_kawin"] == 2
    assert married[siti]["keluarga"] == married[rustam]["keluarga"] and married[siti]["hubungan"] == 3
    for entry_id in answer["semua_peristiwa"]:
        assert entry(entry_id)["jenis"] == "perkawinan" and entry(entry_id)["pengguna"] == token

    split = admin_client.post(f"/api/v1/penduduk/{siti}/perceraian", json={
        "tanggal_peristiwa": "2025-09-01", "no_akta": "77/AC/2025", "tanggal_akta": "2025-09-02",
        "keluarga": "baru", "keluar": "ini", "no_kk": "1307050109250001"})
    assert split.status_code == 201, split.text
    divorced = {r["id"]: r for r in run_sync(Penduduk.select().where(Penduduk.id.is_in([rustam, siti])).run())}
    assert divorced[rustam]["status_kawin"] == divorced[siti]["status_kawin"] == 4
    assert divorced[siti]["keluarga"] != divorced[rustam]["keluarga"] and divorced[siti]["hubungan"] == 1
    assert {entry(e)["jenis"] for e in split.json()["semua_peristiwa"]} == {"perceraian"}
    again = admin_client.post(f"/api/v1/penduduk/{siti}/perceraian", json={"tanggal_peristiwa": "2025-09-02"})
    assert again.status_code == 422 and "tidak berstatus kawin" in again.json()["galat"]["umum"]


def test_the_openapi_schema_describes_the_write_endpoints(client):
    schema = client.get("/api/docs/openapi.json").json()
    paths = schema["paths"]
    assert paths["/api/v1/penduduk"]["post"]["summary"].startswith("Catat penduduk baru")
    for kind in ("mati", "pindah-keluar", "pergi", "hilang", "pindah-wilayah", "koreksi", "perkawinan",
                 "perceraian"):
        operation = paths[f"/api/v1/penduduk/{{penduduk_id}}/{kind}"]["post"]
        assert "formulir" in operation["description"] and "requestBody" in operation, kind
        assert "422" in operation["responses"], kind
    models = schema["components"]["schemas"]
    assert {"PendudukBaru", "Kematian", "Koreksi", "HasilPeristiwa", "GalatIsian"} <= set(models)
    assert "Tanggal peristiwa" in models["Kematian"]["properties"]["tanggal_peristiwa"]["description"]


def test_the_write_endpoints_survive_generated_requests_from_a_token(admin_client, token):
    """The fuzzing suite reaches the write API only through CSRF; with a token it reaches the handlers."""
    admin_client.post("/api/v1/penduduk", json=HEAD)
    schema = schemathesis.openapi.from_dict(admin_client.get("/api/docs/openapi.json").json())
    operations = [r.ok() for r in schema.get_all_operations() if r.ok().method == "post"]
    assert len(operations) == 9
    assert sum(fuzz_operation(admin_client, op) for op in operations) >= 9
    assert admin_client.get("/api/v1/wilayah").status_code == 200


class TestWithAPluginsFields:
    """The plugins' extra resident fields (the adat example's suku) go through the API as through the form."""

    @pytest.fixture
    def balai_plugins(self):
        return ["adat"]

    def test_the_suku_is_saved_with_the_resident_or_refused_with_it(self, admin_client):
        from balai_adat.tables import SukuWarga

        post_form(admin_client, "/admin/adat", {"nama": "Piliang"})
        secret = make_token(admin_client)
        admin_client.cookies.clear()
        admin_client.headers.update(bearer(secret))
        before = counts()
        refused = admin_client.post("/api/v1/penduduk", json={**HEAD, "tambahan": {"adat.suku": "Koto"}})
        assert refused.status_code == 422
        assert refused.json()["galat"] == {"tambahan.adat.suku": "Suku Koto belum terdaftar di daftar adat."}
        assert counts() == before
        made = admin_client.post("/api/v1/penduduk", json={**HEAD, "tambahan": {"adat.suku": "piliang"}})
        assert made.status_code == 201 and run_sync(SukuWarga.count().run()) == 1
        pid = made.json()["penduduk_id"]
        kept = admin_client.post(f"/api/v1/penduduk/{pid}/koreksi", json={"nama": "Rustam Ali"})
        assert kept.status_code == 200 and run_sync(SukuWarga.count().run()) == 1  # not given: it stays
        changed = admin_client.post(f"/api/v1/penduduk/{pid}/koreksi", json={"tambahan": {"adat.suku": ""}})
        assert changed.status_code == 200 and run_sync(SukuWarga.count().run()) == 0
