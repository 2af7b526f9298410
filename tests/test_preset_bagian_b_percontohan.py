"""The pilot preset's keuangan, potensi and aset sections (examples/nagari-percontohan/, issue 29) applied over the
pilot's own jorong: a balanced APB Desa of last year and this year, realised by month (this year up to today only),
Dana Desa, ADD and PAD among its incomes; the profile of three years with last year's figures on the public page;
the inventory across the KIB classes with a sale, a write-off and a transfer, linked to last year's activities
(SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from core.db.transaction import write_transaction
from core.preset import berkas, inti
from core.preset.mesin import bagian_plugin
from core.preset.permintaan import PermintaanPreset
from core.web import cache_publik
from plugin_sdk import today
from plugin_sdk.preset import KonteksPreset
from plugin_sdk.testing import run_sync
from plugins.aset.tables import Aset
from plugins.keuangan.api import ringkasan
from plugins.keuangan.tables import BarisAnggaran, Realisasi
from plugins.potensi.publik.cache import CACHE
from plugins.potensi.tables import NilaiPotensi

PILOT = Path(__file__).resolve().parents[1] / "examples" / "nagari-percontohan"

pytestmark = pytest.mark.skipif(not (PILOT / "preset.toml").is_file(), reason="the pilot preset is not there yet")


@pytest.fixture
def pilot(balai, monkeypatch):
    """The pilot's jorong (as the engine makes them before the plugins' sections), then its three sections."""
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    CACHE.clear()
    req = PermintaanPreset(balai)
    k = KonteksPreset(request=req, hari_ini=today(req), benih=1, folder=PILOT)
    sections = bagian_plugin(balai.host)

    async def go():
        async with write_transaction():
            await inti.terapkan_wilayah(berkas.baca(PILOT), "Jorong")
        for nama in ("keuangan", "potensi", "aset"):
            async with write_transaction():
                await sections[nama][1].terapkan(k, PILOT / nama)
    run_sync(go)
    yield k
    CACHE.clear()


def test_the_pilot_budget_balances_and_is_realised_month_by_month(pilot, client):
    tahun = pilot.hari_ini.year
    for th in (tahun - 1, tahun):
        r = run_sync(ringkasan(th))
        assert r is not None
        assert r.silpa[0] == 0  # a balanced APB Desa: belanja is pendapatan plus pembiayaan netto
    sumber = {b["sumber_dana"] for b in run_sync(BarisAnggaran.select(BarisAnggaran.sumber_dana).run())}
    assert {"DDS", "ADD", "PAD"} <= sumber
    lalu = run_sync(Realisasi.select(Realisasi.tanggal).where(Realisasi.tahun == tahun - 1).run())
    assert {r["tanggal"].month for r in lalu} == set(range(1, 13))  # salaries paid every month of last year
    kini = run_sync(Realisasi.select(Realisasi.tanggal).where(Realisasi.tahun == tahun).run())
    assert all(r["tanggal"] <= pilot.hari_ini for r in kini)
    assert client.get(f"/apbdes/{tahun - 1}").status_code == 200


def test_the_pilot_profile_has_three_years_and_last_year_is_public(pilot, client):
    tahun = {r["tahun"] for r in run_sync(NilaiPotensi.select(NilaiPotensi.tahun).run())}
    assert tahun == {pilot.hari_ini.year - 1, pilot.hari_ini.year - 2, pilot.hari_ini.year - 3}
    page = client.get("/potensi")
    assert page.status_code == 200 and str(pilot.hari_ini.year - 1) in page.text
    assert "Gambir" in page.text


def test_the_pilot_inventory_spans_the_classes_with_its_mutations(pilot):
    rows = run_sync(Aset.select().run())
    with (PILOT / "aset" / "aset.csv").open(encoding="utf-8") as f:
        assert len(rows) == sum(1 for _ in csv.DictReader(f))
    assert {r["golongan"] for r in rows} == set("ABCDEF")
    assert {r["status"] for r in rows} >= {"aktif", "dijual", "dihapus", "dipindahtangankan"}
    tertaut = {r["anggaran_kegiatan"] for r in rows if r["anggaran_tahun"] == pilot.hari_ini.year - 1}
    assert len(tertaut) >= 3  # bought from last year's activities
