"""Publishing open data (issue 26): the registry keeps sound datasets and leaves faulty ones out; a release is
stored whole or not at all; the same figures again change nothing, other figures are a revision; the catalogue
shows only what the office chose; the monthly job publishes the closed month of the monthly datasets only."""

import json
from datetime import date
from importlib.metadata import entry_points

import pytest

from core.profil.waktu import today as nagari_today
from plugin_sdk.testing import run_sync
from plugins.satu_data import katalog, registri
from plugins.satu_data.pilihan import PilihanError, atur
from plugins.satu_data.tables import BULANAN, MANUAL, CatatanTerbit, TerbitanDataset
from plugins.satu_data.terbit import TerbitError, terbitkan
from plugins.satu_data.tugas import tugas_terbit
from tests.fixtures.plugins import data_uji_terbit
from tests.satu_data_helpers import konteks

SEHAT = ["uji-bulanan", "uji-kosong", "uji-lahan", "uji-orang", "uji-rusak", "uji-salah"]


@pytest.fixture
def balai_entry_points(fixture_plugins):
    dipasang = [e for e in entry_points(group="balai.plugins") if e.name in ("sistem", "statistik", "satu_data")]
    return [*dipasang, fixture_plugins("data_uji_terbit")]


@pytest.fixture
def balai_plugins():
    return ["satu_data", "data_uji_terbit"]


@pytest.fixture(autouse=True)
def angka_awal(monkeypatch):
    monkeypatch.setattr(data_uji_terbit, "ANGKA", {"sawah": 120.5, "ladang": 80})
    katalog.lupakan()
    yield
    katalog.lupakan()


def terbitan() -> dict:
    rows = run_sync(TerbitanDataset.select().order_by(TerbitanDataset.dataset).order_by(TerbitanDataset.periode).run())
    return {(r["dataset"], r["periode"]): r for r in rows}


def test_the_registry_keeps_sound_datasets_and_leaves_faulty_ones_out(balai):
    names = [d.nama for d in run_sync(registri.semua(konteks(balai))) if d.nama.startswith("uji-")]
    assert sorted(names) == SEHAT  # a bad name, a column without a definition and a taken name are left out
    assert names.count("uji-lahan") == 1
    first = run_sync(registri.satu(konteks(balai), "uji-lahan"))
    assert first.judul == "Uji uji-lahan" and first.tag == ("lahan", "uji")


def test_a_release_then_the_same_figures_then_a_revision(balai):
    run_sync(balai.save_profile({"kode": "1307052001"}))
    ctx = konteks(balai)
    per = date(2025, 12, 31)
    [baru] = run_sync(terbitkan(ctx, nama=["uji-lahan"], per=per))
    assert (baru.status, baru.periode, baru.versi) == ("baru", "2025", 1)
    row = terbitan()[("uji-lahan", "2025")]
    assert json.loads(row["baris"]) == [
        {"periode": "2025", "kode_wilayah": "13.07.05.2001", "jenis": "sawah", "luas": 120.5},
        {"periode": "2025", "kode_wilayah": "13.07.05.2001", "jenis": "ladang", "luas": 80}]
    assert row["sementara"] is False and row["jumlah_baris"] == 2

    [tetap] = run_sync(terbitkan(ctx, nama=["uji-lahan"], per=per))
    assert (tetap.status, tetap.versi) == ("tetap", 1)
    assert terbitan()[("uji-lahan", "2025")]["diubah"] == row["diubah"]

    data_uji_terbit.ANGKA["sawah"] = 125
    [revisi] = run_sync(terbitkan(ctx, nama=["uji-lahan"], per=per))
    assert (revisi.status, revisi.versi) == ("revisi", 2)
    after = terbitan()
    assert len(after) == 1 and json.loads(after[("uji-lahan", "2025")]["baris"])[0]["luas"] == 125


def test_a_faulty_dataset_stores_nothing_and_says_why_and_the_others_go_on(balai):
    ctx = konteks(balai)
    hasil = {h.dataset: h for h in run_sync(terbitkan(ctx, nama=["uji-salah", "uji-rusak", "uji-kosong",
                                                                  "uji-lahan"], per=date(2025, 6, 30)))}
    assert hasil["uji-salah"].status == "gagal" and "luas" in hasil["uji-salah"].pesan
    assert hasil["uji-rusak"].status == "gagal" and "sumber data tidak terbaca" in hasil["uji-rusak"].pesan
    assert hasil["uji-kosong"].status == "kosong"
    assert hasil["uji-lahan"].status == "baru"
    assert set(terbitan()) == {("uji-lahan", "2025")}
    assert terbitan()[("uji-lahan", "2025")]["sementara"] is True  # the year had not closed on 30 June
    catatan = {r["dataset"]: r for r in run_sync(CatatanTerbit.select().run())}
    assert catatan["uji-salah"]["berhasil"] is False and "bukan number" in catatan["uji-salah"]["pesan"]
    assert catatan["uji-lahan"]["berhasil"] is True


def test_bad_requests_change_nothing(balai):
    ctx = konteks(balai)
    with pytest.raises(TerbitError, match="tidak dikenal: uji-tidak-ada"):
        run_sync(terbitkan(ctx, nama=["uji-lahan", "uji-tidak-ada"]))
    besok = date.fromordinal(nagari_today(balai.profile()).toordinal() + 1)
    with pytest.raises(TerbitError, match="masa depan"):
        run_sync(terbitkan(ctx, nama=["uji-lahan"], per=besok))
    with pytest.raises(TerbitError, match="hari terakhir suatu bulan"):
        run_sync(terbitkan(ctx, nama=["uji-lahan"], per=date(2025, 6, 15)))
    with pytest.raises(PilihanError, match="tidak dikenal"):
        run_sync(atur({"uji-lahan": (True, BULANAN), "uji-asing": (True, BULANAN)}, dikenal=set(SEHAT)))
    with pytest.raises(PilihanError, match="Jadwal"):
        run_sync(atur({"uji-lahan": (True, "mingguan")}, dikenal=set(SEHAT)))
    assert terbitan() == {}
    assert run_sync(katalog.bangun(ctx)).paket == []


def test_the_catalogue_shows_what_the_office_chose_with_stable_ids(balai):
    ctx = konteks(balai)
    run_sync(balai.save_profile({"kode": "1307052001"}))
    run_sync(terbitkan(ctx, nama=["uji-lahan", "uji-bulanan"], per=date(2025, 12, 31)))
    assert run_sync(katalog.bangun(ctx)).paket == []  # released, but not chosen: not in the catalogue
    run_sync(atur({"uji-lahan": (True, BULANAN), "uji-bulanan": (False, BULANAN)}, dikenal=set(SEHAT)))
    kat = run_sync(katalog.bangun(ctx))
    [paket] = kat.paket
    assert paket.ds.nama == "uji-lahan" and paket.periode == ["2025"] and len(paket.baris) == 2
    assert kat.cari("uji-lahan") is paket and kat.cari(paket.id) is paket and kat.resource(paket.resource_id)
    assert kat.kode_wilayah == "13.07.05.2001"
    again = run_sync(katalog.bangun(ctx)).paket[0]
    assert (again.id, again.resource_id) == (paket.id, paket.resource_id)
    run_sync(balai.save_profile({"kode": "1307052002"}))  # another nagari: other ids, so a hub never mixes them
    assert run_sync(katalog.bangun(ctx)).paket[0].id != paket.id


def test_the_monthly_job_publishes_the_closed_month_of_monthly_datasets_only(balai):
    ctx = konteks(balai)
    run_sync(atur({"uji-bulanan": (True, BULANAN), "uji-lahan": (True, MANUAL)}, dikenal=set(SEHAT)))

    class Job:
        async def progress(self, *a, **k):
            pass

        async def emit(self, event, **kwargs):
            return await ctx.emit(event, **kwargs)

    hasil = run_sync(tugas_terbit(Job(), bulanan=True))
    hari_ini = nagari_today(balai.profile())
    bulan_lalu = date(hari_ini.year - (hari_ini.month == 1), (hari_ini.month - 2) % 12 + 1, 1)
    assert set(terbitan()) == {("uji-bulanan", f"{bulan_lalu:%Y-%m}")}
    assert "1 periode baru" in hasil["pesan"]


def test_a_count_of_people_below_the_threshold_is_refused_whole(balai):
    ctx = konteks(balai)
    per = date(2025, 12, 31)
    data_uji_terbit.ANGKA.update(sawah=2, ladang=40)
    [gagal] = run_sync(terbitkan(ctx, nama=["uji-orang"], per=per))
    assert gagal.status == "gagal" and "di bawah ambang sensor 3" in gagal.pesan
    data_uji_terbit.ANGKA.update(sawah=None, ladang=40)  # hidden, as suppress would leave it
    [baru] = run_sync(terbitkan(ctx, nama=["uji-orang"], per=per))
    assert baru.status == "baru"
    assert json.loads(terbitan()[("uji-orang", "2025-12")]["baris"])[0]["jumlah"] is None


def test_the_change_log_lists_each_new_period_and_revision_in_order_with_the_rows_before_suppression(balai):
    from plugins.satu_data.api import perubahan, posisi_terakhir

    ctx = konteks(balai)
    assert run_sync(posisi_terakhir()) == 0
    run_sync(terbitkan(ctx, nama=["uji-lahan", "uji-bulanan"], per=date(2025, 11, 30)))
    run_sync(terbitkan(ctx, nama=["uji-lahan"], per=date(2025, 11, 30)))  # the same figures: no change logged
    data_uji_terbit.ANGKA["sawah"] = 99
    run_sync(terbitkan(ctx, nama=["uji-lahan"], per=date(2025, 11, 30)))  # a revision
    log = run_sync(perubahan(0))
    assert [(c["dataset"], c["periode"]) for c in log] == [("uji-lahan", "2025"), ("uji-bulanan", "2025-11"),
                                                           ("uji-lahan", "2025")]
    assert [c["posisi"] for c in log] == sorted(c["posisi"] for c in log)
    assert log[-1]["versi"] == 2 and log[-1]["baris"][0]["luas"] == 99
    assert run_sync(perubahan(log[1]["posisi"])) == log[2:]
    assert run_sync(posisi_terakhir()) == log[-1]["posisi"]


def test_a_count_of_people_reaches_the_change_log_before_suppression_and_the_catalogue_after(balai):
    from plugins.satu_data.api import perubahan
    from tests.satu_data_helpers import nagari_terbit

    nagari_terbit(balai, residents=120)
    log = {c["dataset"]: c for c in run_sync(perubahan(0, batas=1000))}  # the newest release of each
    kat = {p.ds.nama: p for p in run_sync(katalog.bangun(konteks(balai))).paket}
    for nama in ("penduduk-menurut-pekerjaan", "peristiwa-kependudukan"):
        periode = log[nama]["periode"]
        published = [r for r in kat[nama].baris if r["periode"] == periode]
        exact = log[nama]["baris"]
        assert [r["kode"] for r in exact] == [r["kode"] for r in published]
        assert not any(r["disembunyikan"] for r in exact) and all(r["jumlah"] is not None for r in exact)
        shown = [(e["jumlah"], p["jumlah"]) for e, p in zip(exact, published) if not p["disembunyikan"]]
        assert all(a == b for a, b in shown)
    pekerjaan = [r for r in kat["penduduk-menurut-pekerjaan"].baris
                 if r["periode"] == log["penduduk-menurut-pekerjaan"]["periode"]]
    assert any(p["disembunyikan"] for p in pekerjaan)  # a small nagari hides some: the two really differ
