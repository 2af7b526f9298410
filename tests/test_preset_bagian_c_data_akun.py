"""The `satu_data` and `akun_warga` sections of a preset (issue 29). satu_data: the demo's choice (every dataset,
monthly) is on the office's page and its releases on the public catalogue; an unknown dataset is refused with
nothing chosen; the export holds the choices and no figure, and applied again gives the same choices. akun_warga:
the demo resident logs in with the preset's PIN; a guessable PIN or a resident the register lacks is refused with
no account made; no export (SQLite and PostgreSQL)."""

from __future__ import annotations

import shutil
import tomllib
from datetime import timedelta
from pathlib import Path

import pytest

from core.db.transaction import write_transaction
from core.penduduk.tables import Penduduk
from core.preset.mesin import bagian_plugin
from plugin_sdk.preset import KonteksPreset
from plugin_sdk.testing import preset_konteks, run_sync, terapkan_bagian
from plugins.akun_warga.tables import AkunWarga
from plugins.satu_data import katalog, registri
from plugins.satu_data.tables import PilihanDataset, TerbitanDataset
from tests.mandiri_helpers import resident_login
from tests.surat_helpers import demo_nagari

DEMO = Path(__file__).resolve().parents[1] / "balai_demo" / "preset"


def konteks(balai) -> KonteksPreset:
    return preset_konteks(balai, DEMO)


def terapkan(balai, nama: str, folder: Path) -> KonteksPreset:
    """The section as the engine runs it: found through the hook, in one write transaction."""
    k = terapkan_bagian(balai, nama, folder, konteks(balai))
    katalog.lupakan()  # the catalogue is rebuilt from the releases, as after a real apply
    return k


@pytest.fixture
def nagari(balai):
    demo_nagari(balai, residents=120)
    return balai


def salin(tmp_path: Path, bagian: str, berkas: str, lama: str, baru: str) -> Path:
    folder = tmp_path / bagian
    shutil.copytree(DEMO / bagian, folder)
    teks = (folder / berkas).read_text(encoding="utf-8")
    assert lama in teks
    (folder / berkas).write_text(teks.replace(lama, baru, 1), encoding="utf-8")
    return folder


def pilihan() -> list[tuple]:
    return sorted((r["dataset"], r["terbit"], r["jadwal"]) for r in run_sync(PilihanDataset.select().run()))


# --- satu_data ----------------------------------------------------------------------------------------------------

def test_every_dataset_is_chosen_and_published_for_last_month_and_this_month(nagari, client, admin_client):
    k = terapkan(nagari, "satu_data", DEMO / "satu_data")
    datasets = run_sync(registri.semua(k.request))
    assert pilihan() == sorted((d.nama, True, "bulanan") for d in datasets)
    periode = {r["periode"] for r in run_sync(TerbitanDataset.select(TerbitanDataset.periode).run())}
    bulan_lalu = k.hari_ini.replace(day=1) - timedelta(days=1)
    assert {f"{k.hari_ini:%Y-%m}", f"{bulan_lalu:%Y-%m}"} <= periode

    office = admin_client.get("/admin/satu-data").text
    judul = next(d.judul for d in datasets if d.nama == "penduduk-menurut-agama")
    assert judul in office
    client.cookies.clear()
    public = client.get("/data")
    assert public.status_code == 200 and judul in public.text


def tulis(tmp_path: Path, teks: str) -> Path:
    folder = tmp_path / "satu_data"
    folder.mkdir()
    (folder / "dataset.toml").write_text(teks, encoding="utf-8")
    return folder


def test_a_bad_dataset_name_is_refused_and_nothing_is_chosen(nagari, tmp_path):
    folder = tulis(tmp_path, 'semua = true\nterbitkan = ["bulan_lalu"]\n\n[[dataset]]\nnama = "penduduk-menurut-agama"'
                             '\n\n[[dataset]]\nnama = "Jumlah Sapi"\n')
    with pytest.raises(ValueError, match=r"satu_data/dataset.toml, \[\[dataset\]\] ke-2: nama dataset 'Jumlah Sapi'"):
        terapkan(nagari, "satu_data", folder)
    assert pilihan() == [] and run_sync(TerbitanDataset.count().run()) == 0


def test_a_dataset_not_offered_yet_is_chosen_for_later_and_said(nagari, tmp_path):
    # aid recipients are offered once a list is approved: the choice waits for it
    k = terapkan(nagari, "satu_data", tulis(tmp_path, '[[dataset]]\nnama = "penerima-bantuan-per-jorong"\n'))
    assert pilihan() == [("penerima-bantuan-per-jorong", True, "bulanan")]
    assert any("penerima-bantuan-per-jorong" in c for c in k.catatan)


def test_a_bad_schedule_is_refused(nagari, tmp_path):
    folder = tulis(tmp_path, 'semua = true\njadwal = "mingguan"\n')
    with pytest.raises(ValueError, match=r"satu_data/dataset.toml: jadwal 'mingguan' tidak dikenal"):
        terapkan(nagari, "satu_data", folder)
    assert pilihan() == []


def test_the_export_holds_the_choices_and_applies_again_to_the_same(nagari, tmp_path):
    terapkan(nagari, "satu_data", DEMO / "satu_data")
    run_sync(PilihanDataset.update({PilihanDataset.terbit: False}).where(
        PilihanDataset.dataset == "penduduk-menurut-agama").run())  # the office took one back
    sebelum = pilihan()
    keluar = tmp_path / "satu_data"
    keluar.mkdir()
    run_sync(bagian_plugin(nagari.host)["satu_data"][1].ekspor(konteks(nagari), keluar))
    assert [p.name for p in keluar.iterdir()] == ["dataset.toml"]
    with (keluar / "dataset.toml").open("rb") as f:
        data = tomllib.load(f)
    assert set(data) == {"dataset"}  # choices only: no release is carried
    assert {"nama": "penduduk-menurut-agama", "terbit": False, "jadwal": "bulanan"} in data["dataset"]

    async def kosongkan():
        async with write_transaction():
            await PilihanDataset.delete(force=True).run()
    run_sync(kosongkan)
    terapkan(nagari, "satu_data", keluar)
    assert pilihan() == sebelum


# --- akun_warga ---------------------------------------------------------------------------------------------------

def pertama_hidup() -> dict:
    return run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).order_by(Penduduk.id).first().run())


def test_the_demo_resident_logs_in_with_the_presets_pin(nagari, client):
    terapkan(nagari, "akun_warga", DEMO / "akun_warga")
    warga = pertama_hidup()
    akun = run_sync(AkunWarga.select().run())
    assert [(a["penduduk"], a["pin_dari"], a["wajib_ganti_pin"]) for a in akun] == [(warga["id"], "demo", False)]
    masuk = resident_login(client, warga["nik"], "258036")
    assert masuk.status_code in (302, 303) and masuk.headers["location"] == "/warga"  # no PIN change asked
    assert resident_login(client, warga["nik"], "258037").status_code not in (302, 303)


@pytest.mark.parametrize("lama,baru,pesan", [
    ('pin = "258036"', 'pin = "123456"', r"\[\[akun\]\] ke-1: PIN terlalu mudah ditebak"),
    ("warga = 1 ", "warga = 100000 ", r"\[\[akun\]\] ke-1: register hanya punya \d+ penduduk hidup"),
    ("warga = 1 ", 'warga = "1300000000000001" ', r"\[\[akun\]\] ke-1: 'warga' harus bilangan bulat"),
])
def test_a_broken_account_is_refused_and_no_account_is_made(nagari, tmp_path, lama, baru, pesan):
    folder = salin(tmp_path, "akun_warga", "akun.toml", lama, baru)
    with pytest.raises(ValueError, match=pesan) as refused:
        terapkan(nagari, "akun_warga", folder)
    assert "akun_warga/akun.toml" in str(refused.value)
    assert run_sync(AkunWarga.count().run()) == 0


def test_accounts_are_not_exported():
    from plugins.akun_warga.plugin import balai_preset_bagian

    assert [b.ekspor for b in balai_preset_bagian()] == [None]  # a PIN hash is a secret, an account a person's


PILOT = Path(__file__).resolve().parents[1] / "examples" / "nagari-percontohan"


def test_the_pilot_publishes_last_month_leaves_this_month_to_the_trainees_and_gives_three_residents_a_pin(
        nagari, client):
    k = terapkan(nagari, "satu_data", PILOT / "satu_data")
    chosen = {d: (terbit, jadwal) for d, terbit, jadwal in pilihan()}
    assert chosen["apbdes-per-bidang"] == (True, "manual") and chosen["surat-terbit-per-jenis"][0] is False
    periode = {r["periode"] for r in run_sync(TerbitanDataset.select(TerbitanDataset.periode).run())}
    assert f"{k.hari_ini.replace(day=1) - timedelta(days=1):%Y-%m}" in periode
    assert f"{k.hari_ini:%Y-%m}" not in periode  # "Terbitkan sekarang" is an exercise

    terapkan(nagari, "akun_warga", PILOT / "akun_warga")
    akun = run_sync(AkunWarga.select(AkunWarga.penduduk.nik.as_alias("nik"), AkunWarga.penduduk.jenis_kelamin.as_alias(
        "jk"), AkunWarga.wajib_ganti_pin).order_by(AkunWarga.id).run())
    assert [(a["jk"], a["wajib_ganti_pin"]) for a in akun][:2] == [(2, False), (1, True)] and len(akun) == 3
    assert resident_login(client, akun[1]["nik"], "730518").headers["location"] == "/warga/pin"  # change it first
