"""The pilot preset examples/nagari-percontohan (issue 29): found by name through its package, it turns a new empty
installation into Nagari Situjuah Gadang with its profile, five jorong, officials, staff and trainees who log in,
and every enabled plugin's section applied (one fact each, seen on the office or public pages); applying it again
resets the training room to the same state (SQLite and PostgreSQL). Fewer residents than the preset's 5,000, to
stay fast."""

from __future__ import annotations

import csv
import tomllib
from pathlib import Path

import pytest
from litestar.testing import TestClient

from core.penduduk.tables import Penduduk, Wilayah
from core.preset import berkas, cari, mesin
from core.profil import waktu
from core.tables import Pengguna, Perangkat
from core.web import cache_publik
from core.web.app import create_app
from plugin_sdk.testing import login, run_sync
from plugins.akun_warga.tables import AkunWarga
from plugins.surat.tables import Surat, UrutanSurat
from tests.mandiri_helpers import resident_login

PILOT = Path(__file__).resolve().parents[1] / "examples" / "nagari-percontohan"
SANDI = "latihan-situjuah"
JORONG = ["Koto Gadang", "Sawah Laweh", "Padang Panjang", "Tanjuang Bungo", "Kubu Nan Ampek"]
PENDUDUK = 300


def boot(url: str, data_dir: Path):
    from core.plugin_host.host import PluginHost
    from core.runtime import Balai
    from core.settings import Settings

    data_dir.mkdir(parents=True, exist_ok=True)
    settings = Settings(data_dir=data_dir, database_url=url, secret_key="uji-" + "x" * 40,
                        public_url="http://testserver.local")
    return Balai.boot(settings=settings, host=PluginHost().discover())


def terapkan(balai) -> mesin.Hasil:
    preset = berkas.baca(cari.cari("nagari-percontohan"))
    preset.jumlah = PENDUDUK
    return run_sync(mesin.terapkan(balai, preset))


@pytest.fixture
def kosong(balai_database_url, tmp_path, monkeypatch):
    """A new installation: an empty database, with every installed plugin (adat among them)."""
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    instance = boot(balai_database_url, tmp_path / "data")
    yield instance
    run_sync(instance.close)


def _toml(nama: str) -> dict:
    with (PILOT / nama).open("rb") as handle:
        return tomllib.load(handle)


def potret() -> dict:
    """What a trainer finds again after a reset: residents, regions, accounts, officials, letters and counters."""
    async def go():
        return {
            "penduduk": await Penduduk.count().run(),
            "nik": [r["nik"] for r in await Penduduk.select(Penduduk.nik).order_by(Penduduk.id).limit(10).run()],
            "wilayah": await Wilayah.select(Wilayah.id, Wilayah.nama).order_by(Wilayah.id).run(),
            "pengguna": await Pengguna.select(Pengguna.username, Pengguna.peran.kode).order_by(Pengguna.id).run(),
            "perangkat": await Perangkat.select(Perangkat.nama, Perangkat.jabatan).order_by(Perangkat.urutan).run(),
            "urutan_surat": await UrutanSurat.select().order_by(UrutanSurat.id).run(),
            "surat": await Surat.count().run(),
        }
    return run_sync(go())


def test_the_package_registers_the_pilot_preset():
    assert cari.cari("nagari-percontohan").resolve() == PILOT.resolve()
    preset = berkas.baca(PILOT)
    assert preset.jumlah == 5000 and preset.nama_peserta[0] == "peserta01" and preset.nama_peserta[-1] == "peserta20"
    assert "adat" in preset.plugins
    assert set(preset.bagian()) <= set(preset.plugins)  # no section folder is skipped as a disabled plugin's
    assert [w[0] for w in preset.wilayah] == JORONG


def _fakta_bagian(client: TestClient, tahun: int) -> None:
    """One fact of each plugin section, as a visitor or the trainee logged in sees it."""
    artikel = next(a for a in _toml("portal/artikel.toml")["artikel"] if "status" not in a and "hari" in a)
    assert artikel["judul"] in client.get("/").text  # portal: the news on the home page
    produk = _toml("informasi_publik/hukum.toml")["produk"][0]["judul"]
    assert produk in client.get("/produk-hukum").text  # informasi_publik: the regulations
    program = _toml("bantuan/program.toml")["program"][0]["nama"].format(tahun=tahun)
    assert program in client.get("/bantuan").text  # bantuan: the aid programmes
    assert client.get(f"/apbdes/{tahun - 1}").status_code == 200  # keuangan: last year's budget infographic
    assert "Gambir" in client.get("/potensi").text  # potensi: the nagari's crops
    dataset = next(d["nama"] for d in _toml("satu_data/dataset.toml")["dataset"] if d.get("terbit", True))
    assert f'href="/data/{dataset}"' in client.get("/data").text  # satu_data: a published dataset
    tanah = _toml("adat/ulayat.toml")["tanah"][0]["nama"]
    assert tanah in client.get("/adat/ulayat").text  # adat: the nagari's tanah ulayat
    akun = _toml("akun_warga/akun.toml")["akun"][0]
    pertama = run_sync(AkunWarga.select(AkunWarga.penduduk.nik).order_by(AkunWarga.id).first().run())
    masuk = resident_login(client, pertama["penduduk.nik"], akun["pin"])
    assert masuk.status_code in (302, 303)  # akun_warga: a resident logs in with the training PIN
    client.cookies.clear()
    login(client, "peserta01", SANDI)
    with (PILOT / "aset" / "aset.csv").open(encoding="utf-8") as handle:
        aset = next(csv.DictReader(handle))["nama"]
    assert aset in client.get("/admin/aset").text  # aset: the inventory
    assert "SJG" in client.get("/admin/surat/penomoran").text  # surat: the nagari's numbering


def test_the_pilot_builds_situjuah_gadang_and_resets_to_the_same_room(kosong):
    hasil = terapkan(kosong)
    assert hasil.dilewati == [] and hasil.penduduk >= PENDUDUK
    assert run_sync(kosong.enabled_names()) >= {"surat", "portal", "keuangan", "bantuan", "satu_data", "adat"}
    profil = kosong.profile()
    assert (profil["nama"], profil["kode"], profil["kecamatan"]) == ("Situjuah Gadang", "1307102005",
                                                                      "Situjuah Limo Nagari")
    assert profil["logo"]
    first = potret()
    assert [w["nama"] for w in first["wilayah"]] == JORONG  # five jorong, no RW or RT
    tempat = run_sync(Penduduk.select(Penduduk.wilayah).distinct().run())
    assert len(tempat) == len(JORONG)  # residents in every jorong
    assert all(nik.startswith("130710") for nik in first["nik"])  # NIKs of Kecamatan Situjuah Limo Nagari
    tanda = run_sync(Perangkat.select(Perangkat.jabatan, Perangkat.cara_tanda_tangan).where(
        Perangkat.boleh_tanda_tangan == True).order_by(Perangkat.urutan).run())  # noqa: E712
    assert [(t["jabatan"], t["cara_tanda_tangan"]) for t in tanda] == [("Wali Nagari", "kepala"),
                                                                        ("Sekretaris Nagari", "an")]
    users = {u["username"]: u["peran.kode"] for u in first["pengguna"]}
    assert users["operator"] == "operator" and users["walinagari"] == "wali_nagari"
    assert [u for u, peran in users.items() if peran == "peserta"] == [f"peserta{i:02d}" for i in range(1, 21)]

    tahun = waktu.today(kosong.profile()).year
    with TestClient(create_app(kosong), base_url="http://testserver.local") as client:
        home = client.get("/").text
        assert "Situjuah Gadang" in home
        struktur = client.get("/struktur").text
        assert "Afrizal Dt. Rajo Indo" in struktur and "Yulia Marni" in struktur
        login(client, "peserta20", SANDI)  # the last trainee logs in with the room's password
        assert client.get("/admin/pengguna").status_code == 403  # trainees do not manage accounts
        client.cookies.clear()
        _fakta_bagian(client, tahun)

    terapkan(kosong)  # the trainer resets the room
    assert potret() == first

