"""The monthly report (B.3) from the journal: identities per jorong, sex and citizenship on a register with
births, deaths, arrivals, departures, a move between jorong, a correction of sex, cancellations (one in the
same month, one of a closed month's entry) and a late entry after a month was closed."""

from collections import defaultdict
from datetime import date

import pytest

from core.penduduk.bulan import close_month
from core.penduduk.formulir import clean_resident
from core.penduduk.jurnal import cancel, correct, move_within, record_leaving
from core.penduduk.pendaftaran import register
from core.penduduk.tables import Penduduk, Peristiwa, Wilayah
from plugin_sdk.testing import run_sync
from plugins.statistik.bulanan import CITIZENS, FIGURES, MonthlyReportError, monthly_report, shift
from core.profil.waktu import today as nagari_today

ACTOR = {"id": 1, "username": "admin"}
TODAY = nagari_today()
NOW = f"{TODAY.year:04d}-{TODAY.month:02d}"
M1, M2, M3 = shift(NOW, -3), shift(NOW, -2), shift(NOW, -1)
BASE = {"tempat_lahir": "Taram", "tanggal_lahir": "1980-02-03", "agama": "1", "hubungan": "1", "status_kawin": "2",
        "pendidikan_kk": "5", "pekerjaan": "9", "kewarganegaraan": "1", "jenis_kelamin": "1"}


def day(month: str, d: int) -> date:
    return date(int(month[:4]), int(month[5:]), d)


def person(nik: str, nama: str, jenis: str, tanggal: date, family: dict, **form) -> int:
    data, _ = clean_resident({**BASE, "nik": nik, "nama": nama, **form})
    return run_sync(register(data, jenis, tanggal, family, actor=ACTOR))


def family_of(pid: int) -> dict:
    return {"keluarga_id": run_sync(Penduduk.select(Penduduk.keluarga).where(Penduduk.id == pid).first().run())[
        "keluarga"]}


def place(nama: str, tingkat: int = 1, induk: int | None = None) -> int:
    rows = run_sync(Wilayah.insert(Wilayah(nama=nama, tingkat=tingkat, induk=induk)).returning(Wilayah.id).run())
    return rows[0]["id"]


@pytest.fixture
def register_book(balai):
    """Four months of a small nagari; returns the jorong ids, people and the closed month's report as made."""
    koto, baruah = place("Koto"), place("Baruah")
    rw = place("RW 01", 2, baruah)
    fam = lambda no, w: {"no_kk": no, "wilayah_id": w, "alamat": "Jl. Nagari"}  # noqa: E731
    rustam = person("1307050302800001", "Rustam", "pendataan_awal", day(M1, 5), fam("1307050101200001", koto))
    siti = person("1307054302820002", "Siti", "pendataan_awal", day(M1, 5), family_of(rustam), hubungan="3",
                  jenis_kelamin="2")
    amir = person("1307050302700003", "Amir", "pendataan_awal", day(M1, 5), fam("1307050101200002", rw))
    anna = person("1307054302850004", "Anna", "pendataan_awal", day(M1, 6), fam("1307050101200003", koto),
                  jenis_kelamin="2", kewarganegaraan="2")
    # M2: a birth in Koto, an arrival in Baruah, a death in Baruah; then M2 is closed.
    bayi = person("1307054510000005", "Bayi", "lahir", day(M2, 10), family_of(rustam), hubungan="4",
                  jenis_kelamin="2", status_kawin="1")
    datang = person("1307050302900006", "Datang", "pindah_masuk", day(M2, 12), fam("1307050101200004", rw))
    death = run_sync(record_leaving(amir, "mati", day(M2, 20), {"sebab": "sakit"}, actor=ACTOR))
    run_sync(close_month(M2, actor=ACTOR))
    closed_as_made = run_sync(monthly_report(M2))
    # M3: a birth of M2 reported late (counts in M3), Rustam moves to Baruah, Datang moves away.
    person("1307050511000007", "Terlambat", "lahir", day(M2, 25), family_of(rustam), hubungan="4", status_kawin="1")
    run_sync(move_within(rustam, rw, day(M3, 3), actor=ACTOR))
    run_sync(record_leaving(datang, "pindah_keluar", day(M3, 15), {"tujuan": "Padang"}, actor=ACTOR))
    # This month: the baby's sex corrected, Amir's death (closed M2) cancelled, Anna's 'pergi' entered and
    # cancelled within the month.
    run_sync(correct(bayi, {"jenis_kelamin": 1}, actor=ACTOR, alasan="salah ketik"))
    run_sync(cancel(death, "salah orang", actor=ACTOR))
    gone = run_sync(record_leaving(anna, "pergi", day(NOW, 1), {}, actor=ACTOR))
    run_sync(cancel(gone, "salah catat", actor=ACTOR))
    return {"koto": koto, "baruah": baruah, "closed": closed_as_made, "siti": siti}


def by_place(report: dict) -> dict:
    return {r["wilayah"]: r for r in report["baris"]}


def live_counts(koto: int, baruah: int, rw_parent: dict) -> dict:
    counts = defaultdict(int)
    for p in run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).run()):
        jorong = rw_parent.get(p["wilayah"], p["wilayah"])
        counts[(jorong, "WNA" if p["kewarganegaraan"] == 2 else "WNI", "P" if p["jenis_kelamin"] == 2 else "L")] += 1
    return counts


def test_identities_hold_per_jorong_and_sex(register_book):
    reports = {m: run_sync(monthly_report(m)) for m in (M1, M2, M3, NOW)}
    for month, report in reports.items():
        for row in [*report["baris"], report["total"]]:
            for c in CITIZENS:
                for s in ("L", "P"):
                    fig = row["angka"][c][s]
                    assert fig["awal"] + fig["masuk"] - fig["keluar"] == fig["akhir"], (month, row["wilayah_nama"])
                    assert all(fig[k] >= 0 for k in FIGURES), (month, row["wilayah_nama"], c, s, fig)
    for month, following in ((M1, M2), (M2, M3), (M3, NOW)):
        ends, starts = by_place(reports[month]), by_place(reports[following])
        for wid, row in ends.items():
            for c in CITIZENS:
                for s in ("L", "P"):
                    assert row["angka"][c][s]["akhir"] == starts[wid]["angka"][c][s]["awal"], (month, wid, c, s)
            assert row["keluarga_akhir"] == starts[wid]["keluarga_awal"]
    rw_parent = {w["id"]: w["induk"] for w in run_sync(Wilayah.select().run()) if w["induk"]}
    live = live_counts(register_book["koto"], register_book["baruah"], rw_parent)
    now = by_place(reports[NOW])
    for wid in (register_book["koto"], register_book["baruah"]):
        for c in CITIZENS:
            for s in ("L", "P"):
                assert now[wid]["angka"][c][s]["akhir"] == live[(wid, c, s)], (wid, c, s)
    families = run_sync(Penduduk.select(Penduduk.keluarga.wilayah.as_alias("w"), Penduduk.keluarga).where(
        Penduduk.status_dasar == 1).run())
    per_jorong = defaultdict(set)
    for f in families:
        per_jorong[rw_parent.get(f["w"], f["w"])].add(f["keluarga"])
    for wid in (register_book["koto"], register_book["baruah"]):
        assert now[wid]["keluarga_akhir"] == len(per_jorong[wid])


def test_each_kind_lands_in_its_column(register_book):
    koto, baruah = register_book["koto"], register_book["baruah"]
    first = run_sync(monthly_report(M1))
    assert first["total"]["angka"]["jumlah"]["jumlah"]["awal"] == 4  # pendataan_awal sets the start
    assert first["total"]["angka"]["jumlah"]["jumlah"]["datang"] == 0
    assert by_place(first)[koto]["angka"]["WNA"]["P"]["awal"] == 1
    m2 = by_place(run_sync(monthly_report(M2)))
    assert m2[koto]["angka"]["WNI"]["P"]["lahir"] == 1 and m2[baruah]["angka"]["WNI"]["L"]["datang"] == 1
    assert m2[baruah]["angka"]["WNI"]["L"]["mati"] == 1
    m3 = run_sync(monthly_report(M3))
    assert m3["terlambat"] == 1 and by_place(m3)[koto]["angka"]["WNI"]["L"]["lahir"] == 1
    rows = by_place(m3)
    assert rows[koto]["angka"]["WNI"]["L"]["antar_keluar"] == 1 and rows[baruah]["angka"]["WNI"]["L"]["antar_masuk"] == 1
    assert rows[baruah]["angka"]["WNI"]["L"]["pindah"] == 1
    nagari = m3["total"]["angka"]["WNI"]["L"]
    assert nagari["antar_masuk"] == nagari["antar_keluar"] == 0 and nagari["datang"] == 0  # not a nagari movement
    now = run_sync(monthly_report(NOW))
    rows = by_place(now)
    assert rows[koto]["angka"]["WNI"]["P"]["koreksi_keluar"] == 1 and rows[koto]["angka"]["WNI"]["L"]["koreksi_masuk"] == 1
    assert rows[baruah]["angka"]["WNI"]["L"]["koreksi_masuk"] == 1  # the cancelled death of a closed month
    assert now["total"]["angka"]["jumlah"]["jumlah"]["pindah"] == 0  # entered and cancelled in the same month
    assert now["berjalan"] and not now["ditutup"]


def test_closed_month_stays_as_reported(register_book):
    again = run_sync(monthly_report(M2))
    assert again["ditutup"]
    assert again["baris"] == register_book["closed"]["baris"] and again["total"] == register_book["closed"]["total"]
    assert run_sync(Peristiwa.count().where(Peristiwa.bulan_laporan == M2).run()) == 3


def test_whole_nagari_is_the_total(register_book):
    whole = run_sync(monthly_report(M3, tingkat=0))
    assert whole["baris"] == [whole["total"]] == [run_sync(monthly_report(M3))["total"]]


def test_months_it_cannot_report_are_said_in_words(register_book):
    for bad, words in (("2026-13", "bukan bulan"), ("Mei", "bukan bulan"), (shift(NOW, 1), "belum tiba"),
                       (shift(M1, -1), "baru dimulai")):
        with pytest.raises(MonthlyReportError, match=words):
            run_sync(monthly_report(bad))
    with pytest.raises(MonthlyReportError, match="Tingkat"):
        run_sync(monthly_report(M1, tingkat=3))


def test_an_empty_register_has_no_report(balai):
    with pytest.raises(MonthlyReportError, match="masih kosong") as caught:
        run_sync(monthly_report(NOW))
    assert caught.value.tidak_ada
