"""The population, the month's civil events and the aid recipients as open data (issue 26): one number through every
door. Each population dataset is the public statistics' CSV cell for cell (the same suppression, the same order);
the events are the monthly report's, for the nagari and both sexes as one, all four hidden when one is; the
recipients are bantuan's own count; a period is the month of the day published, provisional until it has ended."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from core.profil.waktu import today as nagari_today
from plugin_sdk import register
from plugin_sdk.testing import post_form, run_sync
from plugins.bantuan import api as bantuan
from plugins.bantuan.data_terbuka import NAMA as BANTUAN
from plugins.satu_data import katalog, registri
from plugins.satu_data.terbit import bulan_lalu, terbitkan
from plugins.statistik import publikasi
from plugins.statistik.bulanan import monthly_report
from plugins.statistik.data_terbuka import DATASET, PERISTIWA, PERISTIWA_NAMA, baris_peristiwa
from plugins.statistik.halaman import publik
from plugins.statistik.kategori import BUILTIN
from tests.satu_data_helpers import konteks, nagari_terbit
from tests.test_potensi_publik import anonymous
from tests.test_satu_data_lainnya import release

PENDUDUK = [DATASET[k.kode][0] for k in BUILTIN]


@pytest.fixture(autouse=True)
def fresh(monkeypatch):
    """Every worker keeps the publication and the catalogue: start each test from the database."""
    monkeypatch.setattr(publikasi, "CHECK_EVERY", 0.0)
    monkeypatch.setattr(publik, "CHECK_EVERY", 0.0)
    monkeypatch.setattr(publik, "_cache", {"checked": 0.0, "data": None, "pages": {}, "tampilan": None})
    publikasi.forget()
    katalog.lupakan()
    yield
    katalog.lupakan()


def hari_ini() -> date:
    return nagari_today(run_sync(register.stored_profile()))


def rilis(balai, nama: str, periode: str) -> list[dict]:
    """A dataset's rows of one period, as the catalogue publishes them."""
    paket = run_sync(katalog.bangun(konteks(balai))).cari(nama)
    assert paket is not None, nama
    return [r for r in paket.baris if r["periode"] == periode]


def as_csv(row: dict) -> list[str]:
    """A dataset row written as /statistik/<kategori>.csv writes it."""
    return [row["wilayah"], "" if row["kode"] in ("JUMLAH", "BELUM") else row["kode"], row["label"],
            row["jenis_kelamin"], "" if row["jumlah"] is None else str(row["jumlah"]),
            "ya" if row["disembunyikan"] else "tidak"]


def assert_equals_public_csv(client, balai, periode: str) -> int:
    """Every population dataset of `periode` is the public CSV of today, both levels; returns the hidden cells."""
    hidden = 0
    for kat in BUILTIN:
        rows = rilis(balai, DATASET[kat.kode][0], periode)
        for tingkat, nama in ((0, "nagari"), (1, "jorong")):
            page = anonymous(client, f"/statistik/{kat.kode}.csv?tingkat={tingkat}")
            mine = [as_csv(r) for r in rows if r["tingkat"] == nama]
            if kat.sensitif and tingkat == 1:
                assert page.status_code == 400 and mine == [], kat.kode  # nagari only, on both doors
                continue
            assert page.status_code == 200, kat.kode
            assert mine == list(csv.reader(io.StringIO(page.text)))[2:], (kat.kode, tingkat)
        keys = [(r["tingkat"], r["wilayah"], r["kode"], r["jenis_kelamin"]) for r in rows]
        assert len(keys) == len(set(keys)), kat.kode  # the key columns identify a row (the data package's key)
        hidden += sum(r["disembunyikan"] for r in rows)
    return hidden


def test_each_population_dataset_is_the_public_csv_cell_for_cell(balai, admin_client):
    nagari_terbit(balai)
    hari = hari_ini()
    ulang = run_sync(terbitkan(konteks(balai), nama=PENDUDUK))  # today again: the same figures, no revision
    assert {h.status for h in ulang} == {"tetap"}
    assert assert_equals_public_csv(admin_client, balai, f"{hari:%Y-%m}") > 50

    paket = run_sync(katalog.bangun(konteks(balai))).cari("penduduk-menurut-pekerjaan")
    assert paket.periode == [f"{bulan_lalu(hari):%Y-%m}", f"{hari:%Y-%m}"]
    assert paket.sementara  # this month so far: provisional even on its last day, until the month has ended
    ds = paket.ds
    assert ds.grup == "kependudukan" and ds.frekuensi == "bulanan" and ds.hitungan_orang
    assert "angka 1 sampai 2" in ds.sensor.lower() and "Register penduduk Nagari Taram" == ds.sumber
    kode = next(k for k in ds.kolom if k.nama == "kode")
    assert kode.kunci and "Dukcapil" in kode.daftar_kode and (("88", "Wiraswasta") in kode.kode)


def test_the_code_lists_name_every_published_code(balai):
    nagari_terbit(balai, residents=120)
    periode = f"{hari_ini():%Y-%m}"
    datasets = {d.nama: d for d in run_sync(registri.semua(konteks(balai)))}
    for nama in [*PENDUDUK, PERISTIWA_NAMA]:
        daftar = dict(next(k for k in datasets[nama].kolom if k.nama == "kode").kode)
        for r in rilis(balai, nama, periode):
            assert daftar.get(r["kode"]) == ("Jumlah" if r["kode"] == "JUMLAH" else r["label"]) or (
                r["kode"] == "JUMLAH" and daftar.get("JUMLAH")), (nama, r["kode"], r["label"])
    # sensitive categories: nagari level only, and the metadata says so
    assert "hanya diterbitkan untuk seluruh nagari" in datasets["penyandang-disabilitas"].sensor.lower()
    assert {r["tingkat"] for r in rilis(balai, "penyandang-disabilitas", periode)} == {"nagari"}


def test_a_new_threshold_is_one_suppression_for_the_page_and_the_dataset(balai, admin_client):
    nagari_terbit(balai, residents=150)
    periode = f"{hari_ini():%Y-%m}"
    before = sum(r["disembunyikan"] for r in rilis(balai, "penduduk-menurut-pekerjaan", periode))
    post_form(admin_client, "/admin/plugin/statistik/pengaturan", {"ambang_sensor": "5"})
    hasil = {h.dataset: h for h in run_sync(terbitkan(konteks(balai), nama=PENDUDUK))}
    assert hasil["penduduk-menurut-pekerjaan"].status == "revisi" and hasil["penduduk-menurut-pekerjaan"].versi == 2
    assert sum(r["disembunyikan"] for r in rilis(balai, "penduduk-menurut-pekerjaan", periode)) > before
    assert "angka 1 sampai 4" in run_sync(registri.satu(konteks(balai), "penduduk-menurut-umur")).sensor.lower()
    assert_equals_public_csv(admin_client, balai, periode)


def events_truth(bulan: str) -> dict[str, int]:
    """The monthly report's counts of the month for the whole nagari, WNI and WNA, both sexes."""
    return run_sync(monthly_report(bulan, tingkat=0))["total"]["angka"]["jumlah"]["jumlah"]


def test_the_months_events_are_the_monthly_reports_for_the_nagari_all_four_hidden_when_one_is(balai, admin_client):
    nagari_terbit(balai)
    hari = hari_ini()
    months = [f"{per:%Y-%m}" for per in (bulan_lalu(hari), hari)]
    for bulan in months:
        truth = events_truth(bulan)
        rows = rilis(balai, PERISTIWA_NAMA, bulan)
        # the nagari only, both sexes as one, no total row: one row per event
        assert [(r["tingkat"], r["kode"], r["jenis_kelamin"]) for r in rows] == [
            ("nagari", k, "L+P") for k in PERISTIWA]
        small = any(0 < truth[k] < 3 for k in PERISTIWA)
        assert small  # the demo's months have a birth or a death or two
        assert all(r["disembunyikan"] and r["jumlah"] is None for r in rows), (bulan, rows)  # zeros too
    paket = run_sync(katalog.bangun(konteks(balai))).cari(PERISTIWA_NAMA)
    assert paket.periode == months and paket.ds.hitungan_orang
    assert "keempatnya disembunyikan" in paket.ds.sensor and "selisih" in paket.ds.sensor
    assert {k.nama: dict(k.kode) for k in paket.ds.kolom if k.kode}["jenis_kelamin"] == {
        "L+P": "Laki-laki dan perempuan"}

    # At threshold 1 nothing is small: all four are shown, and they are the monthly report's
    post_form(admin_client, "/admin/plugin/statistik/pengaturan", {"ambang_sensor": "1"})
    [hasil] = run_sync(terbitkan(konteks(balai), nama=[PERISTIWA_NAMA]))
    assert hasil.status == "revisi"
    truth = events_truth(months[-1])
    assert {r["kode"]: r["jumlah"] for r in rilis(balai, PERISTIWA_NAMA, months[-1])} == {
        k: truth[k] for k in PERISTIWA}
    assert sum(truth[k] for k in PERISTIWA)  # the demo's journal has events this month


@pytest.mark.parametrize("angka, shown", [
    ({"lahir": 1, "mati": 0, "datang": 9, "pindah": 12}, False),   # one birth: all four hidden, the zero too
    ({"lahir": 4, "mati": 2, "datang": 0, "pindah": 0}, False),    # two deaths: the births hidden with them
    ({"lahir": 3, "mati": 0, "datang": 5, "pindah": 8}, True),     # none below the threshold: all shown
    ({"lahir": 0, "mati": 0, "datang": 0, "pindah": 0}, True),     # a month without events: zeros are shown
])
def test_a_months_events_are_all_shown_or_all_hidden(angka, shown):
    rows = baris_peristiwa(angka, ambang=3, nama="Taram")
    assert [(r["kode"], r["jenis_kelamin"], r["wilayah"]) for r in rows] == [(k, "L+P", "Taram") for k in PERISTIWA]
    if shown:
        assert [(r["jumlah"], r["disembunyikan"]) for r in rows] == [(angka[k], False) for k in PERISTIWA]
    else:
        assert [(r["jumlah"], r["disembunyikan"]) for r in rows] == [(None, True)] * 4
    # no suppression at threshold 1: every count as it is
    assert [r["jumlah"] for r in baris_peristiwa(angka, ambang=1, nama="Taram")] == [angka[k] for k in PERISTIWA]


def aid_rows(balai) -> tuple[list[dict], dict]:
    """This month's recipients per program: (the jorong rows, {program code: the nagari's L+P row})."""
    rows = rilis(balai, BANTUAN, f"{hari_ini():%Y-%m}")
    nagari = {r["kode"]: r for r in rows if r["tingkat"] == "nagari" and r["jenis_kelamin"] == "L+P"}
    return [r for r in rows if r["tingkat"] == "jorong"], nagari


def test_aid_recipients_per_program_and_jorong_are_bantuans_count(balai, admin_client):
    nagari_terbit(balai)
    program = {str(p["id"]): p for p in run_sync(bantuan.program())}
    jorong, nagari = aid_rows(balai)
    assert any(r["disembunyikan"] for r in jorong)  # few recipients: suppressed like the public statistics
    for kode, r in nagari.items():
        if kode != "JUMLAH" and not r["disembunyikan"] and program[kode]["sasaran"] != "kelompok":
            assert r["jumlah"] == program[kode]["penerima"], kode

    # Without suppression (the office's threshold 1) every cell can be compared: bantuan's own count.
    post_form(admin_client, "/admin/plugin/statistik/pengaturan", {"ambang_sensor": "1"})
    [hasil] = run_sync(terbitkan(konteks(balai), nama=[BANTUAN]))
    assert hasil.status == "revisi"
    jorong, nagari = aid_rows(balai)
    assert not any(r["disembunyikan"] for r in jorong) and set(nagari) == {*program, "JUMLAH"}
    for kode, p in program.items():
        assert nagari[kode]["label"] == p["nama"]
        # a group has no receiving person, so it is not counted; a family's receiving member is
        assert nagari[kode]["jumlah"] == (0 if p["sasaran"] == "kelompok" else p["penerima"]), p["nama"]
        per_jorong = {r["wilayah"]: r["jumlah"] for r in jorong if r["kode"] == kode and r["jenis_kelamin"] == "L+P"}
        assert sum(per_jorong.values()) == nagari[kode]["jumlah"]
        if p["sasaran"] != "kelompok":
            counted = {x["jorong"]: x["jumlah"] for x in run_sync(bantuan.penerima_per_jorong(p["id"]))}
            assert {w: n for w, n in per_jorong.items() if n} == counted, p["nama"]
    assert any(nagari[kode]["jumlah"] for kode in program)
    names = {w["nama"] for w in run_sync(register.wilayah_rows()) if w["tingkat"] == 1}
    assert {r["wilayah"] for r in jorong} == names  # by jorong, every jorong (zeros included)
    ds = run_sync(registri.satu(konteks(balai), BANTUAN))
    assert ds.grup == "sosial" and ds.hitungan_orang and "tidak ada angka yang disembunyikan" in ds.sensor


def test_periods_a_closed_month_and_before_the_register(balai):
    nagari_terbit(balai, residents=120)
    hari = hari_ini()
    ctx = konteks(balai)
    names = ["penduduk-menurut-agama", PERISTIWA_NAMA, BANTUAN]
    ditutup = bulan_lalu(bulan_lalu(hari))  # the last day of the month before last: final figures
    hasil = {h.dataset: h for h in run_sync(terbitkan(ctx, nama=names, per=ditutup))}
    assert {h.status for h in hasil.values()} == {"baru"} and {h.periode for h in hasil.values()} == {
        f"{ditutup:%Y-%m}"}
    paket = run_sync(katalog.bangun(ctx)).cari("penduduk-menurut-agama")
    assert paket.periode[0] == f"{ditutup:%Y-%m}"
    assert run_sync(publikasi.publication(ditutup)) is run_sync(publikasi.publication(ditutup))  # kept
    assert run_sync(publikasi.publication(hari)) is run_sync(publikasi.publication())  # today is today
    # a month that has ended: final figures, for every dataset
    assert [release(n, f"{ditutup:%Y-%m}")["sementara"] for n in names] == [False, False, False]
    assert [release(n, f"{bulan_lalu(hari):%Y-%m}")["sementara"] for n in names] == [False, False, False]
    assert [release(n, f"{hari:%Y-%m}")["sementara"] for n in names] == [True, True, True]  # so far: provisional

    start = run_sync(register.journal_start())
    sebelum = start.replace(day=1) - timedelta(days=1)
    hasil = {h.dataset: h.status for h in run_sync(terbitkan(ctx, nama=names, per=sebelum))}
    assert hasil["penduduk-menurut-agama"] == "kosong" and hasil[PERISTIWA_NAMA] == "kosong"
