"""Contact, documents and birth details as register fields: typed on the form, checked the same way everywhere,
read from an OpenSID file instead of being parked beside the register, written back by both exports; and OpenSID's
`suku` handed to the adat module's own field when that module is enabled."""

from datetime import date, time

import pytest

from core.penduduk.tables import Penduduk, Peristiwa
from plugin_sdk.testing import post_form, run_sync
from tests.test_register_pages import HEAD

BIRTH = {"waktu_lahir": "14:30", "tempat_dilahirkan": "Puskesmas", "jenis_kelahiran": "Kembar 2",
         "kelahiran_anak_ke": "2", "penolong_kelahiran": "Bidan", "berat_lahir": "3200", "panjang_lahir": "49,5",
         "no_akta_lahir": "1307-LT-01012020-0001"}
CONTACT = {"telepon": "0812-3456-7890", "email": "rustam@contoh.id", "bpjs_ketenagakerjaan": "12345678901"}
FOREIGNER = {"kewarganegaraan": "2", "dokumen_pasport": "C1234567", "tanggal_akhir_paspor": "2030-06-05",
             "dokumen_kitas": "2C11AB1234567"}


def resident(nik: str) -> dict:
    return run_sync(Penduduk.select().where(Penduduk.nik == nik).first().run())


def correction_form(changes: dict) -> dict:
    """The correction form as the page fills it for the foreigner registered below, then `changes`."""
    fields = {k: v for k, v in HEAD.items() if k not in ("jenis", "tanggal_peristiwa", "no_kk", "alamat_kk")}
    return {**fields, "alamat": "Jorong Koto", **BIRTH, **CONTACT, **FOREIGNER, **changes}


def test_the_form_saves_birth_details_documents_and_contact_and_the_page_shows_them(admin_client):
    created = post_form(admin_client, "/admin/penduduk/baru", {**HEAD, **BIRTH, **CONTACT, **FOREIGNER},
                        follow_redirects=False)
    assert created.status_code in (302, 303), created.text
    row = resident(HEAD["nik"])
    assert (row["waktu_lahir"], row["berat_lahir"], row["panjang_lahir"], row["kelahiran_anak_ke"]) == (
        time(14, 30), 3200, 49.5, 2)
    assert (row["tempat_dilahirkan"], row["jenis_kelahiran"], row["penolong_kelahiran"]) == (
        "Puskesmas", "Kembar 2", "Bidan")
    assert (row["telepon"], row["email"], row["bpjs_ketenagakerjaan"]) == ("081234567890", "rustam@contoh.id",
                                                                           "12345678901")
    assert (row["dokumen_pasport"], row["tanggal_akhir_paspor"], row["dokumen_kitas"]) == (
        "C1234567", date(2030, 6, 5), "2C11AB1234567")

    page = admin_client.get(created.headers["location"]).text
    for shown in ('id="waktu-lahir">14:30<', 'id="berat-lahir">3200 gram<', 'id="panjang-lahir">49,5 cm<',
                  'id="dokumen-kitas">2C11AB1234567<', 'id="telepon">081234567890<', "5 Juni 2030"):
        assert shown in page, shown
    form = admin_client.get(created.headers["location"] + "/ubah").text
    assert 'name="waktu_lahir" value="14:30"' in form and 'name="panjang_lahir" value="49,5"' in form
    assert '<details class="lipat" id="dokumen-wna" open>' in form  # a foreigner's documents shown open
    api = admin_client.get(f"/api/v1/penduduk/{row['id']}").json()  # the API's full record carries them too
    assert (api["waktu_lahir"], api["panjang_lahir"], api["tanggal_akhir_paspor"]) == ("14:30:00", 49.5, "2030-06-05")


def test_a_wni_sees_the_foreigners_documents_folded_away(admin_client):
    form = admin_client.get("/admin/penduduk/baru").text
    assert 'id="data-kelahiran"' in form and 'id="dokumen"' in form
    assert '<details class="lipat" id="dokumen-wna" >' in form and 'name="dokumen_kitas"' in form


@pytest.mark.parametrize("field, value, message", [
    ("berat_lahir", "3.200", "Berat lahir ditulis dalam gram"),
    ("berat_lahir", "250", "bilangan bulat 300-7000"),
    ("panjang_lahir", "75", "Panjang lahir ditulis dalam cm, 20-70"),
    ("waktu_lahir", "25:10", "Waktu lahir ditulis JJ:MM"),
    ("telepon", "0812-ABC", "Nomor telepon hanya angka"),
    ("email", "rustam@contoh", "Alamat email tidak valid"),
    ("kelahiran_anak_ke", "0", "Kelahiran anak ke- ditulis bilangan bulat 1-30"),
    ("dokumen_kitas", "2C11AB1234567", "KITAS/KITAP hanya untuk warga negara asing"),
])
def test_a_bad_value_is_refused_beside_its_field_and_nothing_is_saved(admin_client, field, value, message):
    answer = post_form(admin_client, "/admin/penduduk/baru", {**HEAD, **BIRTH, field: value})
    assert answer.status_code == 400 and message in answer.text
    assert f'id="galat-{field}"' in answer.text
    assert run_sync(Penduduk.count().run()) == 0


def test_a_correction_of_the_new_fields_is_journalled_and_its_cancellation_restores_them(admin_client):
    post_form(admin_client, "/admin/penduduk/baru", {**HEAD, **BIRTH, **CONTACT, **FOREIGNER})
    row = resident(HEAD["nik"])
    fixed = post_form(admin_client, f"/admin/penduduk/{row['id']}/ubah", correction_form(
        {"waktu_lahir": "06:05", "tanggal_akhir_paspor": "2031-01-02", "panjang_lahir": "50", "alasan": "salah"}))
    assert "3 data dikoreksi." in fixed.text
    after = resident(HEAD["nik"])
    assert (after["waktu_lahir"], after["tanggal_akhir_paspor"], after["panjang_lahir"]) == (
        time(6, 5), date(2031, 1, 2), 50.0)
    same = post_form(admin_client, f"/admin/penduduk/{row['id']}/ubah", correction_form(
        {"waktu_lahir": "06:05", "tanggal_akhir_paspor": "2031-01-02", "panjang_lahir": "50,0"}))
    assert "Tidak ada yang berubah." in same.text

    entry = run_sync(Peristiwa.select().where(Peristiwa.jenis == "koreksi").first().run())
    post_form(admin_client, f"/admin/peristiwa/{entry['id']}/batal", {"alasan": "koreksi keliru"})
    back = resident(HEAD["nik"])  # dates and times come back from the journal's text in their own types
    assert (back["waktu_lahir"], back["tanggal_akhir_paspor"], back["panjang_lahir"]) == (
        time(14, 30), date(2030, 6, 5), 49.5)


# -- the import and the exports ---------------------------------------------------------------------------------

DETAILS_OF_A_BIRTH = {"waktu_lahir": "08.15", "tempat_dilahirkan": "Puskesmas", "jenis_kelahiran": "Tunggal",
                      "kelahiran_anak_ke": 3, "penolong_kelahiran": "Bidan", "berat_lahir": 3100,
                      "panjang_lahir": "48,5", "telepon": "0812 1111 2222", "email": "yusnidar@contoh.id",
                      "bpjs_ketenagakerjaan": "22019876543"}


def kept_beside(nik: str) -> dict:
    import json

    from plugins.impor.tables import DataOpenSID

    row = run_sync(DataOpenSID.select(DataOpenSID.data).where(DataOpenSID.penduduk.nik == nik).first().run())
    return json.loads(row["data"]) if row else {}


def opensid_file(tmp_path, name="opensid.csv"):
    """Eight OpenSID rows with the detail columns OpenSID's database has besides its template: a foreigner with
    passport and KITAS, a birth fully described, a WNI with a KITAS and a weight in kilograms."""
    from plugins.impor.contoh import rows, write_csv
    from plugins.impor.opensid import DETAIL_OPTIONAL

    data = rows(8, seed=11)
    for row in data:
        row.update({column: "" for column in DETAIL_OPTIONAL})
    data[0].update(warganegara_id=2, dokumen_pasport="C1234567", tanggal_akhir_paspor="05-06-2030",
                   dokumen_kitas="2C11AB1234567")
    data[1].update(DETAILS_OF_A_BIRTH)
    data[2]["dokumen_kitas"] = "KITAS-9"  # warganegara_id 1: a WNI
    data[3]["berat_lahir"] = "3,1"
    return data, write_csv(tmp_path / name, data)


def test_the_import_maps_opensids_columns_to_the_register_and_keeps_aside_what_its_check_refuses(
        admin_client, balai, tmp_path):
    from tests.impor_helpers import apply, check, figures

    data, path = opensid_file(tmp_path)
    report = check(admin_client, balai, path)
    page = admin_client.get(report).text
    assert figures(page) == {"baru": 8, "diubah": 0, "sama": 0, "ditolak": 0}  # a bad detail refuses nobody
    assert "<td>4</td><td>dokumen_kitas</td><td>KITAS/KITAP hanya untuk warga negara asing" in page
    assert "<td>5</td><td>berat_lahir</td><td>Berat lahir ditulis dalam gram" in page
    assert "Nilai &#39;3,1&#39; disimpan apa adanya" in page
    apply(admin_client, balai, report)

    foreigner, born = resident(data[0]["nik"]), resident(data[1]["nik"])
    assert (foreigner["dokumen_pasport"], foreigner["tanggal_akhir_paspor"], foreigner["dokumen_kitas"]) == (
        "C1234567", date(2030, 6, 5), "2C11AB1234567")
    assert (born["waktu_lahir"], born["kelahiran_anak_ke"], born["berat_lahir"], born["panjang_lahir"]) == (
        time(8, 15), 3, 3100, 48.5)
    assert (born["tempat_dilahirkan"], born["jenis_kelahiran"], born["penolong_kelahiran"]) == (
        "Puskesmas", "Tunggal", "Bidan")
    assert (born["telepon"], born["email"], born["bpjs_ketenagakerjaan"]) == (
        "081211112222", "yusnidar@contoh.id", "22019876543")
    # The side table keeps only what has no home: no passport any more, the refused values as received.
    assert not {"dokumen_pasport", "tanggal_akhir_paspor", "dokumen_kitas"} & set(kept_beside(data[0]["nik"]))
    assert kept_beside(data[2]["nik"])["dokumen_kitas"] == "KITAS-9" and resident(data[2]["nik"])["dokumen_kitas"] == ""
    assert kept_beside(data[3]["nik"])["berat_lahir"] == "3,1" and resident(data[3]["nik"])["berat_lahir"] is None


def test_both_exports_write_the_new_fields_back_and_read_back_unchanged(admin_client, balai, tmp_path):
    import csv
    import io

    from tests.impor_helpers import apply, check, export, figures, opensid_table

    data, path = opensid_file(tmp_path)
    apply(admin_client, balai, check(admin_client, balai, path))

    opensid = export(admin_client, balai, "opensid-csv")
    out = {r["nik"]: r for r in opensid_table(opensid)}
    first, second = out[data[0]["nik"]], out[data[1]["nik"]]
    assert (first["dokumen_pasport"], first["tanggal_akhir_paspor"], first["dokumen_kitas"]) == (
        "C1234567", "05-06-2030", "2C11AB1234567")
    assert {c: second[c] for c in DETAILS_OF_A_BIRTH} == {
        "waktu_lahir": "08:15", "tempat_dilahirkan": "Puskesmas", "jenis_kelahiran": "Tunggal",
        "kelahiran_anak_ke": "3", "penolong_kelahiran": "Bidan", "berat_lahir": "3100", "panjang_lahir": "48.5",
        "telepon": "081211112222", "email": "yusnidar@contoh.id", "bpjs_ketenagakerjaan": "22019876543"}
    assert out[data[2]["nik"]]["dokumen_kitas"] == "KITAS-9" and out[data[3]["nik"]]["berat_lahir"] == "3,1"

    full = export(admin_client, balai, "balai-csv")
    balai_rows = {r["nik"]: r for r in csv.DictReader(io.StringIO(full.decode()))}
    assert (balai_rows[data[1]["nik"]]["waktu_lahir"], balai_rows[data[1]["nik"]]["panjang_lahir"],
            balai_rows[data[0]["nik"]]["tanggal_akhir_paspor"]) == ("08:15", "48.5", "2030-06-05")

    for name, content in (("opensid.csv", opensid), ("balai.csv", full)):  # export, import: the same values
        again = tmp_path / f"lagi-{name}"
        again.write_bytes(content)
        assert figures(admin_client.get(check(admin_client, balai, again)).text) == {
            "baru": 0, "diubah": 0, "sama": 8, "ditolak": 0}, name

    # A Balai file edited by hand is checked as the form checks: the row is refused, saying why.
    edited = full.decode().replace(",3100,", ",31000,")
    bad = tmp_path / "diedit.csv"
    bad.write_text(edited)
    page = admin_client.get(check(admin_client, balai, bad)).text
    assert figures(page)["ditolak"] == 1 and "<td>berat_lahir</td><td>Berat lahir ditulis dalam gram" in page


# -- OpenSID's suku: the adat module's field when it is enabled, kept aside when not --------------------------------

def suku_file(tmp_path, suku: list[str]):
    from plugins.impor.contoh import rows, write_csv

    data = rows(len(suku), seed=5)
    for row, name in zip(data, suku):
        row["suku"] = name
    return data, write_csv(tmp_path / "suku.csv", data)


def test_without_the_adat_module_the_suku_stays_beside_the_register(admin_client, balai, tmp_path):
    from tests.impor_helpers import apply, check, export, opensid_table

    data, path = suku_file(tmp_path, ["Piliang", "Chaniago"])
    apply(admin_client, balai, check(admin_client, balai, path))
    assert kept_beside(data[0]["nik"])["suku"] == "Piliang"
    out = {r["nik"]: r for r in opensid_table(export(admin_client, balai, "opensid-csv"))}
    assert (out[data[0]["nik"]]["suku"], out[data[1]["nik"]]["suku"]) == ("Piliang", "Chaniago")


class TestWithTheAdatModule:
    @pytest.fixture
    def balai_plugins(self):
        return ["adat"]

    def test_a_known_suku_goes_to_the_adat_field_an_unknown_one_is_reported_and_kept(self, admin_client, balai,
                                                                                      tmp_path):
        from tests.impor_helpers import apply, check, export, figures, opensid_table
        from tests.test_ekstensi_penduduk import suku_of

        post_form(admin_client, "/admin/adat", {"nama": "Piliang", "penghulu": "Datuak Bandaro"})
        data, path = suku_file(tmp_path, ["PILIANG", "Caniago", ""])
        report = check(admin_client, balai, path)
        page = admin_client.get(report).text
        assert figures(page)["ditolak"] == 0  # a suku the adat register lacks refuses nobody
        assert "<td>3</td><td>suku</td><td>Suku Caniago belum terdaftar di daftar adat." in page
        apply(admin_client, balai, report)
        assert suku_of(data[0]["nik"]) == "Piliang" and "suku" not in kept_beside(data[0]["nik"])
        assert suku_of(data[1]["nik"]) is None and kept_beside(data[1]["nik"])["suku"] == "Caniago"
        from balai_adat.tables import Suku

        assert [r["nama"] for r in run_sync(Suku.select(Suku.nama).run())] == ["Piliang"]  # nothing created

        out = {r["nik"]: r for r in opensid_table(export(admin_client, balai, "opensid-csv"))}
        assert (out[data[0]["nik"]]["suku"], out[data[1]["nik"]]["suku"]) == ("Piliang", "Caniago")

        # The clerk registers the suku and imports the file again: it moves to the adat field.
        post_form(admin_client, "/admin/adat", {"nama": "Caniago"})
        again = check(admin_client, balai, path)
        assert figures(admin_client.get(again).text)["diubah"] == 1
        apply(admin_client, balai, again)
        assert suku_of(data[1]["nik"]) == "Caniago" and "suku" not in kept_beside(data[1]["nik"])


# -- an installation that imported before: its kept passports move into the register ------------------------------

def test_passports_kept_beside_the_register_move_into_it(admin_client, balai):
    import importlib
    import json

    from plugins.impor.tables import DataOpenSID

    post_form(admin_client, "/admin/penduduk/baru", {**HEAD, "kewarganegaraan": "2"})
    wni = {**HEAD, "nik": "1307055208900002", "nama": "Yusnidar", "jenis_kelamin": "2", "no_kk": "1307051234560002"}
    post_form(admin_client, "/admin/penduduk/baru", wni)
    foreigner, citizen = resident(HEAD["nik"]), resident(wni["nik"])
    kept = {foreigner["id"]: {"dokumen_pasport": "C1234567", "tanggal_akhir_paspor": "2030-06-05",
                              "dokumen_kitas": "2C11AB1234567", "suku": "Piliang"},
            citizen["id"]: {"dokumen_kitas": "KITAS-9"}}
    run_sync(DataOpenSID.insert(*(DataOpenSID(penduduk=pid, data=json.dumps(v)) for pid, v in kept.items())).run())

    migration = importlib.import_module("plugins.impor.migrations.impor_2026_12_05t12_25_00_000000")
    run_sync(migration.move())
    moved = resident(HEAD["nik"])
    assert (moved["dokumen_pasport"], moved["tanggal_akhir_paspor"], moved["dokumen_kitas"]) == (
        "C1234567", date(2030, 6, 5), "2C11AB1234567")
    assert kept_beside(HEAD["nik"]) == {"suku": "Piliang"}
    assert kept_beside(wni["nik"]) == {"dokumen_kitas": "KITAS-9"} and resident(wni["nik"])["dokumen_kitas"] == ""
