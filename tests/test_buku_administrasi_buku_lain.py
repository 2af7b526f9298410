"""The other books of the plugin as a clerk reads them: B.2 Mutasi lists the month B.3 counts, person by person,
marking an entry cancelled later; B.4 holds the temporary residents, B.5 everyone who must hold a KTP; A.4 the
officials recorded in the profile; a page is the same slice as the export; masking cuts every NIK and No. KK."""

from collections import Counter
from datetime import date, timedelta

import pytest

from balai_demo.penduduk import build
from core.penduduk.formulir import clean_resident
from core.penduduk.jurnal import cancel, correct, record_leaving
from core.penduduk.pendaftaran import register as enrol
from core.penduduk.tables import Penduduk
from plugin_sdk import register, today
from plugin_sdk.testing import post_form, run_sync
from plugins.buku_administrasi import api as buku
from plugins.buku_administrasi.penduduk import BUKU
from plugins.buku_administrasi.saring import read_filters
from plugins.statistik import api as statistik
from core.profil.waktu import today as nagari_today

ACTOR = {"id": 1, "username": "admin"}
BOOK = {b.kode: b for b in BUKU}
B1, B2, B3, B4, B5, A4 = (BOOK[k] for k in ("B.1", "B.2", "B.3", "B.4", "B.5", "A.4"))
ARRIVING = {"nik": "3201011506900001", "nama": "Yusuf Pendatang", "tempat_lahir": "Bogor",
            "tanggal_lahir": "1990-06-15", "jenis_kelamin": "1", "agama": "1", "hubungan": "4", "status_kawin": "1",
            "pendidikan_kk": "5", "pekerjaan": "88", "kewarganegaraan": "1", "status_penduduk": "2"}


def read(book, mulai: int = 0, batas: int | None = None, **saring) -> buku.Hasil:
    return run_sync(buku.read(book, buku.Saringan(**saring), mulai=mulai, batas=batas))


def age(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def living() -> list[dict]:
    return run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).order_by(Penduduk.id).run())


def _adults(people: list[dict]) -> list[dict]:
    return [p for p in people if p["tanggal_lahir"] < date(1990, 1, 1)]


@pytest.fixture
def busy_month(balai):
    """The demo nagari with this month's births, arrival, death and leavings, last month's death cancelled now,
    and three residents corrected to "tidak tetap"."""
    run_sync(build(300, seed=21))
    day = nagari_today()
    people = _adults(living())
    run_sync(record_leaving(people[0]["id"], "mati", day, {"tempat": "Rumah", "sebab": "sakit"}, actor=ACTOR))
    run_sync(record_leaving(people[1]["id"], "pindah_keluar", day, {"tujuan": "Padang", "alasan": "kerja"},
                            actor=ACTOR))
    run_sync(record_leaving(people[2]["id"], "pergi", day, {"tujuan": "Pekanbaru"}, actor=ACTOR))
    home = {"keluarga_id": next(p for p in people[10:] if p["hubungan"] == 1)["keluarga"]}
    data, _ = clean_resident(ARRIVING)
    run_sync(enrol(data, "pindah_masuk", day, home, actor=ACTOR))
    baby, _ = clean_resident({**ARRIVING, "nik": "1307055506260001", "nama": "Bayi Baru", "tanggal_lahir":
                              day.isoformat(), "jenis_kelamin": "2", "status_penduduk": "1"})
    run_sync(enrol(baby, "lahir", day, home, actor=ACTOR))
    last_month = day.replace(day=1) - timedelta(days=20)
    wrong = run_sync(record_leaving(people[4]["id"], "mati", last_month, {"tempat": "Puskesmas"}, actor=ACTOR))
    run_sync(cancel(wrong, "salah orang", actor=ACTOR))
    for person in people[5:8]:
        run_sync(correct(person["id"], {"status_penduduk": 2}, actor=ACTOR, alasan="penduduk sementara"))
    return {"cancelled": people[4], "last_month": f"{last_month:%Y-%m}", "temporary": people[5:8]}


def test_the_books_list_a4_then_b1_to_b5():
    ordered = sorted(BUKU, key=lambda b: (b.kode[:1], b.urutan, b.kode))
    assert [b.kode for b in ordered] == ["A.4", "B.1", "B.2", "B.3", "B.4", "B.5"]


def test_b2_of_this_month_lists_what_b3_counts(busy_month):
    rows = read(B2).baris
    this_month = f"{today(run_sync(register.stored_profile())):%Y-%m}"
    kinds = Counter(r["keterangan"].split(";")[0] for r in rows)
    figures = run_sync(statistik.monthly_report(this_month, tingkat=1))["total"]["angka"]["jumlah"]["jumlah"]
    # B.3's "pindah" is every stay that ended other than by death: moved out, gone, missing
    leaving = kinds["Pindah keluar"] + kinds["Pergi"] + kinds["Hilang"]
    assert (kinds["Lahir"], kinds["Datang"], kinds["Meninggal"], leaving) == \
           (figures["lahir"], figures["datang"], figures["mati"], figures["pindah"])
    assert leaving >= 2 and min(kinds["Lahir"], kinds["Datang"], kinds["Meninggal"]) >= 1
    total_b3 = read(B3).baris[-1]
    assert (total_b3["lahir"], total_b3["datang"], total_b3["mati"], total_b3["pindah"]) == \
           (figures["lahir"], figures["datang"], figures["mati"], figures["pindah"])
    death = next(r for r in rows if r["keterangan"].startswith("Meninggal"))
    assert death["meninggal_tempat"] == "Rumah" and "sebab: sakit" in death["keterangan"]
    assert isinstance(death["tanggal_meninggal"], date) and not death["tanggal_pindah"]
    arrival = next(r for r in rows if r["nama"] == "Yusuf Pendatang")
    assert arrival["keterangan"] == "Datang" and arrival["tanggal_datang"] and arrival["kewarganegaraan"] == "WNI"
    birth = next(r for r in rows if r["nama"] == "Bayi Baru")
    assert birth["datang_dari"] == "Lahir" and birth["jenis_kelamin"] == "Perempuan"
    assert next(r for r in rows if r["keterangan"].startswith("Pindah keluar"))["pindah_ke"] == "Padang"
    year = read(B2, tahun=int(this_month[:4])).baris
    assert all(r in year for r in rows)


def test_an_entry_cancelled_in_a_later_month_stays_in_its_month_marked(busy_month):
    year, month = map(int, busy_month["last_month"].split("-"))
    rows = read(B2, tahun=year, bulan=month).baris
    marked = [r for r in rows if r["nik"] == busy_month["cancelled"]["nik"]]
    assert len(marked) == 1 and marked[0]["keterangan"] == "Meninggal; dibatalkan kemudian"
    assert marked[0]["meninggal_tempat"] == "Puskesmas"
    assert busy_month["cancelled"]["nik"] not in {r["nik"] for r in read(B2).baris}


def test_a_period_without_movements_is_an_empty_book(busy_month):
    for saring in ({"periode": "2001"}, {"periode": "2001-03"}):
        chosen = run_sync(read_filters(B2, saring, nagari_today()))
        assert run_sync(buku.read(B2, chosen)) == buku.Hasil([], 0)


def test_b4_holds_exactly_the_temporary_residents(busy_month):
    rows = read(B4).baris
    expected = {p["nik"] for p in busy_month["temporary"]} | {ARRIVING["nik"]}
    assert {r["nik"] for r in rows} == expected and read(B4).jumlah == len(expected)
    assert next(r for r in rows if r["nik"] == ARRIVING["nik"])["pekerjaan"] == "Wiraswasta"
    assert read(B4, cari="Yusuf").jumlah == 1


def test_b5_holds_every_adult_and_no_unmarried_child(busy_month):
    day = today(run_sync(register.stored_profile()))
    people = living()
    child = next(p for p in people if 14 <= age(p["tanggal_lahir"], day) < 17)
    run_sync(correct(child["id"], {"status_kawin": 2}, actor=ACTOR, alasan="sudah menikah"))
    people = living()
    must = {p["nik"] for p in people if age(p["tanggal_lahir"], day) >= 17 or p["status_kawin"] != 1}
    every = read(B5)
    assert {r["nik"] for r in every.baris} == must and every.jumlah == len(must) == len(every.baris)
    assert child["nik"] in must and any(age(p["tanggal_lahir"], day) < 17 for p in people)
    page = read(B5, mulai=40, batas=25)
    assert page.jumlah == every.jumlah and page.baris == every.baris[40:65]
    word = every.baris[3]["nama"].split()[0]
    found, paged = read(B5, cari=word), read(B5, cari=word, mulai=1, batas=2)
    assert paged.jumlah == found.jumlah and paged.baris == found.baris[1:3]
    notes = {r["nik"]: r["keterangan"] for r in every.baris}
    assert notes[child["nik"]] == "KTP-el: Belum Wajib (perlu diperbarui)"
    assert notes[people[0]["nik"]] == "KTP-el: Card Issued" and notes[ARRIVING["nik"]] == ""


def test_b1_page_is_the_same_slice_as_the_export(busy_month):
    jorong = next(w["id"] for w in run_sync(register.wilayah_rows()) if w["tingkat"] == 1)
    for saring in ({}, {"jorong": jorong}, {"cari": "a"}, {"cari": living()[0]["nik"][:8]}):
        every = read(B1, **saring)
        page = read(B1, **saring, mulai=10, batas=20)
        assert page.jumlah == every.jumlah == len(every.baris) and page.baris == every.baris[10:30], saring


def test_masking_cuts_every_nik_and_family_card_to_six_digits(busy_month):
    for book in (B1, B2, B4, B5):
        secret = [k.kunci for k in book.kolom if k.identitas]
        rows = read(book, samarkan=True).baris
        assert rows and secret, book.kode
        for row in rows:
            for key in secret:
                value = row[key]
                assert value == "" or (len(value) == 16 and value[6:] == "x" * 10), (book.kode, key, value)


def test_a4_lists_the_officials_an_inactive_one_after_those_serving(admin_client):
    for form in ({"nama": "Datuak Lamo", "jabatan": "Wali Nagari", "aktif": "0", "masa_mulai": "2015-01-05",
                  "masa_selesai": "2021-01-04"},
                 {"nama": "Datuak Rajo", "jabatan": "Wali Nagari", "nip": "198001012005011001", "aktif": "1",
                  "boleh_tanda_tangan": "1", "cara_tanda_tangan": "kepala", "masa_mulai": "2021-01-05"},
                 {"nama": "Ani", "jabatan": "Kasi Pelayanan", "nomor_staf": "NGR-07", "aktif": "1"}):
        assert post_form(admin_client, "/admin/perangkat/baru", form).status_code == 200
    rows = read(A4).baris
    assert [(r["nama"], r["status"]) for r in rows][-1] == ("Datuak Lamo", "Tidak aktif")
    assert [r["status"] for r in rows[:2]] == ["Aktif", "Aktif"]
    rajo = next(r for r in rows if r["nama"] == "Datuak Rajo")
    assert rajo["nip"] == "198001012005011001" and rajo["masa_mulai"] == date(2021, 1, 5)
    assert rajo["keterangan"] == "Menandatangani surat"
    assert [r["nama"] for r in read(A4, cari="pelayanan").baris] == ["Ani"]
    assert read(A4, cari="datuak").jumlah == 2
