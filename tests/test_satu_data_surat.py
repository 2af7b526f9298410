"""Letters issued per month and type as open data (issue 26): counted per type and the subject's sex by surat's
contract (cancelled letters not counted), suppressed by statistik's one function at the nagari level; every figure
shown equals the office archive's count and the contract's, a hidden one is hidden with its protecting cells, a
new letter published again is a revision; the metadata says letters are counted, not persons, and describes the
suppression at the office's threshold."""

import calendar
import re
from collections import defaultdict

import pytest

from core.penduduk.tables import Penduduk
from core.profil.waktu import today as nagari_today
from core.web import cache_publik
from plugin_sdk.testing import post_form, run_sync
from plugins.satu_data import katalog, registri
from plugins.statistik.api import KEDUA, SEMUA, threshold
from plugins.surat.api import issued_counts
from tests.satu_data_helpers import konteks, nagari_terbit
from tests.surat_helpers import issue, letters, wali_id
from tests.test_satu_data_lainnya import as_text, downloaded, publish, published, release
from tests.test_statistik_sensor_lp import feasible_ranges

NAMA = "surat-terbit-per-jenis"


@pytest.fixture(autouse=True)
def fresh_catalogue(monkeypatch):
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    katalog.lupakan()
    yield
    katalog.lupakan()


def residents(sex: int, n: int) -> list[dict]:
    return run_sync(Penduduk.select(Penduduk.id, Penduduk.nama, Penduduk.nik).where(
        Penduduk.status_dasar == 1, Penduduk.jenis_kelamin == sex).order_by(Penduduk.id).limit(n).run())


def issued(client, kode: str, people: list[dict], **fields) -> None:
    for person in people:
        answer = issue(client, kode, person["id"], **fields)
        assert answer.status_code in (302, 303), answer.text[:2000]


def outsider(client, nama: str, sex: str) -> None:
    answer = post_form(client, "/admin/surat/buat/pengantar", {
        "luar_nama": nama, "luar_nik": "", "luar_alamat": "Payakumbuh", "luar_jenis_kelamin": sex,
        "keperluan": "Mengurus izin", "penandatangan": str(wali_id()), "isian_perihal": "Pengantar izin"},
        follow_redirects=False)
    assert answer.status_code in (302, 303), answer.text[:2000]


def archive_count(client, **filters) -> int:
    """The office archive's "N surat" for the issued letters of this month so far (and the given filters)."""
    hari_ini = nagari_today()
    page = client.get("/admin/surat", params={"status": "terbit", "dari": hari_ini.replace(day=1).isoformat(),
                                              "sampai": hari_ini.isoformat(), **filters})
    assert page.status_code == 200
    return int(re.search(r"([\d.]+) surat · halaman", page.text).group(1).replace(".", ""))


def cells(rows: list[dict]) -> dict[tuple[str, str], dict]:
    return {(r["kode"], r["jenis_kelamin"]): r for r in rows}


def test_letters_per_type_and_sex_equal_the_archive_and_the_contract_where_shown(admin_client, balai):
    nagari_terbit(balai)
    men, women = residents(1, 9), residents(2, 7)
    issued(admin_client, "penduduk", men[:5] + women[:4])
    issued(admin_client, "domisili", men[5:8] + women[4:7], isian_sejak="tahun 2015")
    issued(admin_client, "kelakuan_baik", men[8:9])
    outsider(admin_client, "Rina Oktavia", "2")
    outsider(admin_client, "Tamu Tanpa Data", "")  # no sex recorded: it cannot be placed in the table
    first = next(x for x in letters() if x["jenis_kode"] == "penduduk")
    post_form(admin_client, f"/admin/surat/{first['id']}/batal", {"alasan": "Salah ketik"})

    hari_ini = nagari_today()
    bulan = f"{hari_ini:%Y-%m}"
    versi = release(NAMA, bulan)["versi"]
    hasil = publish(balai, NAMA)
    assert (hasil.status, hasil.periode, hasil.versi) == ("revisi", bulan, versi + 1)
    rows = published(balai, NAMA, bulan)
    by = cells(rows)
    assert downloaded(admin_client, NAMA, bulan) == as_text(rows)  # the open-data door itself
    assert {r["tingkat"] for r in rows} == {"nagari"}  # a service to a person: never per jorong

    contract = {(c["jenis_kode"], c["jenis_kelamin"]): c["jumlah"]
                for c in run_sync(issued_counts(hari_ini.replace(day=1), hari_ini))}
    assert contract[("penduduk", 1)] == 4 and contract[("penduduk", 2)] == 4  # the cancelled letter is not counted
    assert contract[("pengantar", None)] == 1 and contract[("pengantar", 2)] == 1
    truth = {(k, {1: "L", 2: "P"}[s]): n for (k, s), n in contract.items() if s is not None}
    for kode in {k for k, _ in truth}:
        truth[(kode, "L+P")] = truth.get((kode, "L"), 0) + truth.get((kode, "P"), 0)
    for jk in ("L", "P", "L+P"):
        truth[("JUMLAH", jk)] = sum(n for (k, s), n in truth.items() if s == jk and k != "JUMLAH")

    # small counts are hidden with their protecting cells; what is shown is the contract's count; zeros show
    assert by[("kelakuan_baik", "L")]["disembunyikan"] and by[("kelakuan_baik", "L")]["jumlah"] is None
    assert by[("pengantar", "P")]["disembunyikan"]
    assert (by[("usaha", "L+P")]["jumlah"], by[("usaha", "L+P")]["disembunyikan"]) == (0, False)
    for key, r in by.items():
        assert r["disembunyikan"] is (r["jumlah"] is None), key
        if not r["disembunyikan"]:
            assert r["jumlah"] == truth.get(key, 0), key
    assert sum(r["disembunyikan"] for r in rows) >= 4  # two primary cells, each with its complement

    # no hidden cell can be narrowed below the threshold from what the rows show (the reader's linear programme)
    table = [{"kode": SEMUA if r["kode"] == "JUMLAH" else r["kode"], "wilayah": None,
              "jenis_kelamin": {"L": 1, "P": 2, "L+P": KEDUA}[r["jenis_kelamin"]], "jumlah": r["jumlah"],
              "disembunyikan": r["disembunyikan"]} for r in rows]
    ambang = run_sync(threshold())
    ranges = feasible_ranges({NAMA: {0: table}}, defaultdict(int))
    assert len(ranges) == sum(r["disembunyikan"] for r in rows)
    assert [cell for cell, (_, lo, hi) in ranges.items() if hi - lo < ambang - 1e-6] == []

    # the office archive: every type whose total is shown has that many issued letters this month
    compared = [kode for (kode, jk), r in by.items() if jk == "L+P" and kode != "JUMLAH" and not r["disembunyikan"]
                and r["jumlah"]]
    assert "penduduk" in compared
    for kode in compared:
        assert archive_count(admin_client, jenis=kode) == by[(kode, "L+P")]["jumlah"], kode
    # every issued letter is counted but the one whose subject's sex was not recorded
    assert archive_count(admin_client) == by[("JUMLAH", "L+P")]["jumlah"] + 1

    # aggregates only: none of the persons served is named or identified
    values = {str(v) for r in rows for v in r.values()}
    for person in men + women:
        assert person["nama"] not in values and person["nik"] not in values
    assert not values & {"Rina Oktavia", "Tamu Tanpa Data"}


def test_a_letter_issued_later_in_the_month_is_a_revision(admin_client, balai):
    nagari_terbit(balai)
    bulan = f"{nagari_today():%Y-%m}"
    before = cells(published(balai, NAMA, bulan))
    assert before[("JUMLAH", "L+P")]["jumlah"] == 0  # the demo issues no letter
    assert publish(balai, NAMA).status == "tetap"
    versi = release(NAMA, bulan)["versi"]
    issued(admin_client, "penduduk", residents(1, 3) + residents(2, 3))
    hasil = publish(balai, NAMA)
    assert (hasil.status, hasil.versi) == ("revisi", versi + 1)
    after = cells(published(balai, NAMA, bulan))
    assert [after[("penduduk", jk)]["jumlah"] for jk in ("L", "P", "L+P")] == [3, 3, 6]
    assert after[("JUMLAH", "L+P")]["jumlah"] == 6 == archive_count(admin_client, jenis="penduduk")
    hari_ini = nagari_today()
    assert release(NAMA, bulan)["sementara"] is (hari_ini.day != calendar.monthrange(hari_ini.year,
                                                                                      hari_ini.month)[1])


def test_the_metadata_counts_letters_and_describes_the_suppression_at_the_offices_threshold(admin_client, balai):
    def dataset():
        return run_sync(registri.satu(konteks(balai), NAMA))

    ds = dataset()
    assert "satu orang dapat menerima beberapa surat" in ds.deskripsi.lower()  # letters, not persons
    assert {k.nama: k.satuan for k in ds.kolom}["jumlah"] == "surat"
    assert "angka 1 sampai 2 dan sel pelindungnya disembunyikan" in ds.sensor.lower()
    assert "hanya diterbitkan untuk seluruh nagari" in ds.sensor.lower()
    post_form(admin_client, "/admin/plugin/statistik/pengaturan", {"ambang_sensor": "6"})
    assert "angka 1 sampai 5 dan sel pelindungnya disembunyikan" in dataset().sensor.lower()
    post_form(admin_client, "/admin/plugin/statistik/pengaturan", {"ambang_sensor": "1"})
    sensor = dataset().sensor.lower()
    assert "tidak ada angka yang disembunyikan" in sensor and "sel pelindungnya" not in sensor  # none promised
