"""Buku Administrasi Desa: B.1 holds exactly the living residents, B.3 is the monthly report (one computation),
masking keeps only the first 6 digits of a NIK or No. KK, bad input is answered in Indonesian, reads are audited."""

from datetime import date

import pytest

from balai_demo.penduduk import build
from core.penduduk.tables import Penduduk
from plugin_sdk import register, today
from plugin_sdk.testing import run_sync
from plugins.buku_administrasi import api as buku
from plugins.buku_administrasi.buku import parse_period
from plugins.buku_administrasi.penduduk import BUKU
from plugins.statistik import api as statistik

B1, B3 = (next(b for b in BUKU if b.kode == kode) for kode in ("B.1", "B.3"))


@pytest.fixture
def demo(balai):
    run_sync(build(300, seed=7))
    return run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).run())


def _this_month() -> str:
    return f"{today(run_sync(register.stored_profile())):%Y-%m}"


def test_b1_holds_every_living_resident_once(demo):
    every = run_sync(buku.read(B1, buku.Saringan()))
    assert every.jumlah == len(demo) == len(every.baris)
    assert sorted(r["nik"] for r in every.baris) == sorted(p["nik"] for p in demo)
    page = run_sync(buku.read(B1, buku.Saringan(), mulai=20, batas=10))
    assert page.jumlah == len(demo) and [r["nik"] for r in page.baris] == [r["nik"] for r in every.baris[20:30]]
    someone = demo[5]
    found = run_sync(buku.read(B1, buku.Saringan(cari=someone["nik"])))
    assert found.jumlah == 1 and found.baris[0]["nama"] == someone["nama"]


def test_b1_by_jorong_adds_up_to_the_nagari(demo):
    jorong = [w["id"] for w in run_sync(register.wilayah_rows()) if w["tingkat"] == 1]
    per_jorong = sum(run_sync(buku.read(B1, buku.Saringan(jorong=j))).jumlah for j in jorong)
    without = sum(1 for p in demo if p["wilayah"] is None)
    assert per_jorong + without == len(demo)


def test_masked_rows_keep_only_the_region_digits(demo):
    rows = run_sync(buku.read(B1, buku.Saringan(samarkan=True))).baris
    full = {p["nik"] for p in demo}
    assert rows and not any(r["nik"] in full for r in rows)
    assert all(r["nik"][6:] == "x" * 10 for r in rows)
    assert buku.mask("1306011234567890") == "130601xxxxxxxxxx" and buku.mask(None) == ""


def test_b3_is_the_monthly_report(demo):
    bulan = _this_month()
    report = run_sync(statistik.monthly_report(bulan, tingkat=1))
    year, month = map(int, bulan.split("-"))
    rows = run_sync(buku.read(B3, buku.Saringan(tahun=year, bulan=month))).baris
    places = [*report["baris"], report["total"]]
    assert len(rows) == 5 * len(places)
    for place, chunk in zip(places, (rows[i:i + 5] for i in range(0, len(rows), 5))):
        for row, (c, s) in zip(chunk, (("WNI", "L"), ("WNI", "P"), ("WNA", "L"), ("WNA", "P"),
                                       ("jumlah", "jumlah"))):
            f = place["angka"][c][s]
            assert row["wilayah"] == place["wilayah_nama"]
            assert (row["awal"], row["lahir"], row["datang"], row["mati"], row["pindah"], row["akhir"]) == \
                   (f["awal"], f["lahir"], f["datang"], f["mati"], f["pindah"], f["akhir"])
            assert row["awal"] + row["lahir"] + row["datang"] + row["lain_masuk"] \
                - row["mati"] - row["pindah"] - row["lain_keluar"] == row["akhir"]
    assert rows[-1]["akhir"] == len(demo)


def test_a_bad_period_is_refused_in_indonesian():
    for text in ("2026-13", "Mei", "26-05"):
        with pytest.raises(buku.BukuError, match="Periode"):
            parse_period(text, date(2026, 6, 1))
    with pytest.raises(buku.BukuError, match="belum berjalan"):
        parse_period("2026-07", date(2026, 6, 1))
    assert parse_period("2026-05", date(2026, 6, 1)) == (2026, 5) and parse_period("", date(2026, 6, 1)) == (None, None)
