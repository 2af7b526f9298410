"""The `potensi` and `aset` sections of a preset (issue 29): the demo's profile reaches the public page "Potensi"
(last year's published figures and the published photo only) and its inventory the office's list with a sale and
an APB Desa link; a broken file is refused naming its file and row with nothing written; potensi exports which
indicators it publishes (no figure) and that export applied again gives the same choice; aset exports nothing
(SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import shutil
import tomllib
from pathlib import Path

import pytest

from core.db.transaction import write_transaction
from core.preset import berkas, inti
from core.preset.mesin import bagian_plugin
from core.web import cache_publik
from plugin_sdk.preset import KonteksPreset
from plugin_sdk.testing import preset_konteks, run_sync, terapkan_bagian
from plugins.aset.tables import Aset, MutasiAset
from plugins.potensi.publik.cache import CACHE
from plugins.potensi.tables import FotoPotensi, NilaiPotensi, TahunTerbitPotensi, TerbitPotensi

DEMO = Path(__file__).resolve().parents[1] / "balai_demo" / "preset"


@pytest.fixture
def nagari(balai, monkeypatch):
    """The demo's jorong, as the engine makes them before any plugin section; a fresh public page cache."""
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    CACHE.clear()

    async def go():
        async with write_transaction():
            await inti.terapkan_wilayah(berkas.baca(DEMO), "Jorong")
    run_sync(go)
    yield balai
    CACHE.clear()


def konteks(balai) -> KonteksPreset:
    return preset_konteks(balai, DEMO)


def terapkan(balai, nama: str, folder: Path) -> KonteksPreset:
    """The section as the engine runs it: found through the hook, in one write transaction."""
    return terapkan_bagian(balai, nama, folder, konteks(balai))


def salin_ubah(tmp_path: Path, nama: str, berkas_: str, nomor: int, ganti: dict) -> Path:
    """A copy of the demo's section with data row `nomor` (1-based) of `berkas_` changed."""
    folder = tmp_path / nama
    shutil.copytree(DEMO / nama, folder)
    with (folder / berkas_).open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    rows[nomor - 1].update(ganti)
    with (folder / berkas_).open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return folder


# --- potensi ------------------------------------------------------------------------------------------------------

def test_the_demo_profile_shows_last_years_published_figures_and_photo(nagari, client):
    k = terapkan(nagari, "potensi", DEMO / "potensi")
    lalu = k.hari_ini.year - 1
    page = client.get("/potensi")
    assert page.status_code == 200
    assert str(lalu) in page.text and "1.245" in page.text  # sapi, published
    assert "Ladang gambir" in page.text and "Air terjun" not in page.text  # the published photo only
    assert "860" not in page.text  # kambing: entered, not published
    assert run_sync(TahunTerbitPotensi.select().first().run())["tahun"] == lalu
    tahun = {r["tahun"] for r in run_sync(NilaiPotensi.select(NilaiPotensi.tahun).run())}
    assert tahun == {lalu, lalu - 1, lalu - 2}  # nothing for this year: a trainee copies last year's
    listrik = run_sync(NilaiPotensi.select().where(NilaiPotensi.indikator == "listrik_pln").run())
    assert len(listrik) == 6  # one figure per jorong
    # `adat` is not installed here: its indicator's row is left out, not refused
    assert not run_sync(NilaiPotensi.exists().where(NilaiPotensi.indikator == "adat.tanah_ulayat").run())


@pytest.mark.parametrize("nomor,ganti,pesan", [
    (30, {"nilai": "-4"}, "potensi/profil.csv baris 31"),
    (5, {"indikator": "harimau"}, "potensi/profil.csv baris 6"),
    (5, {"tahun": "2025"}, "potensi/profil.csv baris 6"),
    (80, {"jorong": "Jorong Hilang"}, "potensi/profil.csv baris 81"),
])
def test_a_broken_profile_row_is_refused_and_nothing_is_written(nagari, tmp_path, nomor, ganti, pesan):
    folder = salin_ubah(tmp_path, "potensi", "profil.csv", nomor, ganti)
    with pytest.raises(ValueError) as refused:
        terapkan(nagari, "potensi", folder)
    assert pesan in str(refused.value)
    assert run_sync(NilaiPotensi.count().run()) == 0 and run_sync(FotoPotensi.count().run()) == 0
    assert run_sync(TerbitPotensi.count().run()) == 0


def test_a_missing_photo_is_refused_before_anything_is_written(nagari, tmp_path):
    folder = tmp_path / "potensi"
    shutil.copytree(DEMO / "potensi", folder)
    (folder / "air-terjun.png").unlink()
    with pytest.raises(ValueError, match="foto.toml.*air-terjun.png"):
        terapkan(nagari, "potensi", folder)
    assert run_sync(NilaiPotensi.count().run()) == 0 and run_sync(FotoPotensi.count().run()) == 0


def test_the_export_is_the_published_choice_without_figures_and_applies_again(nagari, tmp_path):
    terapkan(nagari, "potensi", DEMO / "potensi")
    dipilih = {r["indikator"] for r in run_sync(TerbitPotensi.select().run())}
    keluar = tmp_path / "potensi"
    keluar.mkdir()
    run_sync(bagian_plugin(nagari.host)["potensi"][1].ekspor(konteks(nagari), keluar))
    assert [p.name for p in keluar.iterdir()] == ["terbit.toml"]
    with (keluar / "terbit.toml").open("rb") as f:
        data = tomllib.load(f)
    assert set(data) == {"indikator"} and set(data["indikator"]) == dipilih

    async def kosongkan():
        async with write_transaction():
            for tabel in (NilaiPotensi, TerbitPotensi, TahunTerbitPotensi, FotoPotensi):
                await tabel.delete(force=True).run()
    run_sync(kosongkan)
    terapkan(nagari, "potensi", keluar)
    assert {r["indikator"] for r in run_sync(TerbitPotensi.select().run())} == dipilih
    assert run_sync(NilaiPotensi.count().run()) == 0


# --- aset ---------------------------------------------------------------------------------------------------------

def test_the_demo_inventory_is_on_the_office_list_with_its_sale_and_budget_link(nagari, admin_client):
    terapkan(nagari, "keuangan", DEMO / "keuangan")
    k = terapkan(nagari, "aset", DEMO / "aset")
    with (DEMO / "aset" / "aset.csv").open(encoding="utf-8") as f:
        assert run_sync(Aset.count().run()) == sum(1 for _ in csv.DictReader(f))
    page = admin_client.get("/admin/aset?batas=100")
    assert page.status_code == 200 and "Kantor Wali Nagari Taram" in page.text
    motor = run_sync(Aset.select().where(Aset.nama.like("Sepeda motor Honda%")).first().run())
    assert motor["status"] == "dijual" and motor["tahun_perolehan"] == k.hari_ini.year - 6
    jual = run_sync(MutasiAset.select().where(MutasiAset.aset == motor["id"]).first().run())
    assert jual["dokumen"] == f"Keputusan Wali Nagari No. 14 Tahun {k.hari_ini.year - 1}"
    laptop = run_sync(Aset.select().where(Aset.nama.like("Laptop%")).first().run())
    assert (laptop["anggaran_tahun"], laptop["anggaran_kegiatan"]) == (k.hari_ini.year - 1, "02.06.01")
    tanah = run_sync(Aset.select().where(Aset.nama.like("Tanah kas nagari sawah%")).first().run())
    assert tanah["tahun_perolehan"] == 1985  # a calendar year stays one
    detail = admin_client.get(f"/admin/aset/{motor['id']}")
    assert "Syafri Efendi" in detail.text  # the sale in its history


@pytest.mark.parametrize("berkas_,nomor,ganti,pesan", [
    ("aset.csv", 8, {"bujur": "151,2093"}, "aset/aset.csv baris 9"),  # outside Indonesia
    ("aset.csv", 3, {"jorong": "Jorong Hilang"}, "aset/aset.csv baris 4"),
    ("aset.csv", 5, {"anggaran": "-1|02.09.09"}, "aset/aset.csv baris 6"),  # no such activity last year
    ("mutasi.csv", 2, {"aset": "Kapal pesiar"}, "aset/mutasi.csv baris 3"),
    ("mutasi.csv", 2, {"pihak": ""}, "aset/mutasi.csv baris 3"),  # a sale names its buyer
])
def test_a_broken_asset_row_is_refused_and_nothing_is_written(nagari, tmp_path, berkas_, nomor, ganti, pesan):
    terapkan(nagari, "keuangan", DEMO / "keuangan")
    folder = salin_ubah(tmp_path, "aset", berkas_, nomor, ganti)
    with pytest.raises(ValueError) as refused:
        terapkan(nagari, "aset", folder)
    assert pesan in str(refused.value)
    assert run_sync(Aset.count().run()) == 0 and run_sync(MutasiAset.count().run()) == 0


def test_the_inventory_is_not_exported(nagari):
    """The assets belong to one nagari and a sale names its buyer: nothing to carry to the next."""
    assert bagian_plugin(nagari.host)["aset"][1].ekspor is None
