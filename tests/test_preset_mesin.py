"""The preset engine: a tiny preset made here (with this module as a plugin taking part through the hook
`balai_preset_bagian`) builds a whole nagari on a new empty installation, the same one again when re-applied,
and refuses a real installation or a broken preset with nothing changed (more in test_preset_mesin_*.py).
"""

from __future__ import annotations

import io
import tomllib
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

import pytest

from core.plugin_host.settings import get_value, set_values
from core.preset.toml import tulis_toml
from plugin_sdk import PluginMeta, SettingField, hookimpl
from plugin_sdk.preset import BagianPreset
from plugin_sdk.testing import run_sync

PLUGIN = PluginMeta(name="uji_preset", title="Uji preset", version="1.0", core_requires=">=0.1")
SANDI = "latihan-ruang-1"


@hookimpl
def balai_settings():
    return [SettingField("salam", "Salam pembuka", default=""), SettingField("kontak_nama", "Nama petugas", default="")]


async def _terapkan(konteks, folder: Path) -> None:
    with (folder / "catatan.toml").open("rb") as handle:
        catatan = tomllib.load(handle)["catatan"]
    if not all(c["judul"] for c in catatan):
        raise ValueError("uji_preset/catatan.toml: judul catatan kosong")
    wali = await konteks.request.sebagai("wali")  # acting as an account the preset made
    await set_values({"uji_preset.catatan": {"oleh": (wali.state["user"] or {}).get("username"),
        "judul": [c["judul"] for c in catatan], "undian": konteks.rng("uji_preset").randint(1, 10**9),
        "hari": konteks.hari_ini.isoformat(), "pengguna": sorted(konteks.pengguna), "peserta": konteks.peserta,
        "sandi": konteks.sandi_latihan, "preset": konteks.folder.name}})
    konteks.catat(f"uji_preset: {len(catatan)} catatan")


async def _ekspor(konteks, folder: Path) -> None:
    stored = await get_value("uji_preset.catatan")
    (folder / "catatan.toml").write_text(tulis_toml({"catatan": [{"judul": j} for j in stored["judul"]]}))


@hookimpl
def balai_preset_bagian():
    return [BagianPreset("uji_preset", _terapkan, _ekspor, urutan=100, judul="Catatan uji")]


@pytest.fixture
def balai_entry_points():
    return [*entry_points(group="balai.plugins"),
            EntryPoint(name="uji_preset", value="tests.test_preset_mesin", group="balai.plugins")]


def _logo() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (40, 40), (20, 100, 50)).save(out, "PNG")
    return out.getvalue()


def buat_preset(folder: Path, **ubah) -> Path:
    """A small but complete preset: every kernel file and this module's section."""
    folder.mkdir(parents=True, exist_ok=True)
    preset = {"preset": {"nama": "ruang-uji", "judul": "Ruang uji", "versi": "1", "balai": ">=0.1",
                         "plugins": ["uji_preset"]},
              "pengaturan": {"uji_preset": {"salam": "Horas"}},
              "latihan": {"peserta": 3, "sandi": SANDI},
              "penduduk": {"jumlah": 80, "benih": 3, "sejak": "2022-01-01"}}
    for kunci, nilai in ubah.items():
        bagian, _, nama = kunci.partition("__")
        preset[bagian][nama] = nilai
    (folder / "preset.toml").write_text(tulis_toml(preset))
    (folder / "logo.png").write_bytes(_logo())
    (folder / "profil.toml").write_text(tulis_toml({
        "profil": {"nama": "Kurai", "kode": "1307012001", "kecamatan": "Suliki", "kabupaten": "Lima Puluh Kota",
                   "provinsi": "Sumatera Barat", "sebutan_dusun": "Jorong", "logo": "logo.png"},
        "perangkat": [{"nama": "Datuak Bandaro", "jabatan": "Wali Nagari", "boleh_tanda_tangan": True,
                       "cara_tanda_tangan": "kepala", "urutan": 1},
                      {"nama": "Yuliani", "jabatan": "Kasi Pemerintahan", "boleh_tanda_tangan": True,
                       "cara_tanda_tangan": "ub", "atasan": "Wali Nagari", "urutan": 2}]}))
    (folder / "wilayah.csv").write_text("jorong,rw,rt\nKoto,,\nPadang,001,001\nPadang,001,002\nPadang,002,\n")
    (folder / "pengguna.toml").write_text(tulis_toml({
        "peran": [{"kode": "pendata", "nama": "Pendata", "izin": ["penduduk.lihat"]}],
        "pengguna": [{"username": "wali", "nama": "Wali Latihan", "peran": "administrator"},
                     {"username": "pendata", "nama": "Pendata Latihan", "peran": "pendata"}]}))
    (folder / "uji_preset").mkdir(exist_ok=True)
    (folder / "uji_preset" / "catatan.toml").write_text('[[catatan]]\njudul = "Gotong royong"\n\n'
                                                        '[[catatan]]\njudul = "Musyawarah"\n')
    return folder


def boot(url: str, data_dir: Path, eps):
    from core.plugin_host.host import PluginHost
    from core.runtime import Balai
    from core.settings import Settings

    data_dir.mkdir(parents=True, exist_ok=True)
    settings = Settings(data_dir=data_dir, database_url=url, secret_key="uji-" + "x" * 40,
                        public_url="http://testserver.local")
    return Balai.boot(settings=settings, host=PluginHost(eps=eps).discover())


@pytest.fixture
def kosong(balai_database_url, tmp_path, balai_entry_points):
    """A new installation: an empty database, not even migrated."""
    instance = boot(balai_database_url, tmp_path / "data", balai_entry_points)
    yield instance
    run_sync(instance.close)


def terapkan(balai, folder: Path):
    from core.preset import berkas, mesin

    return run_sync(mesin.terapkan(balai, berkas.baca(folder)))


def potret() -> dict:
    """What a trainer would see of the nagari: residents, families, journal, regions, accounts, the section."""
    from core.penduduk.tables import Keluarga, Penduduk, Peristiwa, Wilayah
    from core.tables import Peran, Pengguna, Perangkat

    async def go():
        return {
            "penduduk": await Penduduk.select(Penduduk.id, Penduduk.nik, Penduduk.nama, Penduduk.tanggal_lahir,
                                              Penduduk.keluarga, Penduduk.wilayah, Penduduk.status_dasar).order_by(
                Penduduk.id).run(),
            "keluarga": await Keluarga.select(Keluarga.id, Keluarga.no_kk, Keluarga.wilayah).order_by(
                Keluarga.id).run(),
            "jurnal": await Peristiwa.count().run(),
            "wilayah": await Wilayah.select(Wilayah.id, Wilayah.nama, Wilayah.tingkat, Wilayah.induk).order_by(
                Wilayah.id).run(),
            "pengguna": await Pengguna.select(Pengguna.id, Pengguna.username, Pengguna.peran.kode).order_by(
                Pengguna.id).run(),
            "perangkat": await Perangkat.select(Perangkat.nama, Perangkat.cara_tanda_tangan,
                                                Perangkat.atasan.jabatan).order_by(Perangkat.urutan).run(),
            "peran": await Peran.select(Peran.kode, Peran.izin).order_by(Peran.id).run(),
            "bagian": await get_value("uji_preset.catatan"),
            "salam": await get_value("uji_preset.salam"),
        }

    return run_sync(go())


def test_a_preset_builds_the_nagari_through_the_hook_and_again_the_same(kosong, tmp_path):
    folder = buat_preset(tmp_path / "preset")
    hasil = terapkan(kosong, folder)
    assert hasil.penduduk >= 80 and "uji_preset: 2 catatan" in hasil.catatan
    assert run_sync(kosong.enabled_names()) == {"uji_preset"}  # exactly the preset's plugins
    profil = kosong.profile()
    assert profil["nama"] == "Kurai" and profil["logo"]
    first = potret()
    assert first["salam"] == "Horas"
    assert [(p["nama"], p["cara_tanda_tangan"], p["atasan.jabatan"]) for p in first["perangkat"]] == [
        ("Datuak Bandaro", "kepala", None), ("Yuliani", "ub", "Wali Nagari")]
    tingkat = [(w["nama"], w["tingkat"]) for w in first["wilayah"]]
    assert tingkat == [("Koto", 1), ("Padang", 1), ("001", 2), ("001", 3), ("002", 3), ("002", 2)]
    leaves = {w["id"] for w in first["wilayah"] if w["nama"] == "Koto" or w["tingkat"] == 3 or
              (w["tingkat"] == 2 and w["nama"] == "002")}
    assert {p["wilayah"] for p in first["penduduk"]} <= leaves  # residents live in the lowest regions
    assert all(p["nik"].startswith("130701") for p in first["penduduk"])  # NIKs of the nagari's kecamatan
    assert len(first["keluarga"]) < len(first["penduduk"]) and first["jurnal"] >= len(first["penduduk"])
    users = [(u["username"], u["peran.kode"]) for u in first["pengguna"]]
    assert users == [("wali", "administrator"), ("pendata", "pendata"), ("peserta01", "operator"),
                     ("peserta02", "operator"), ("peserta03", "operator")]
    section = first["bagian"]
    assert section["judul"] == ["Gotong royong", "Musyawarah"] and section["sandi"] == SANDI
    assert section["peserta"] == ["peserta01", "peserta02", "peserta03"] and "wali" in section["pengguna"]
    assert section["oleh"] == "wali"

    terapkan(kosong, folder)  # re-applying resets the room to the same state
    assert potret() == first


def test_trainees_and_staff_log_in_with_the_preset_password(kosong, tmp_path):
    from litestar.testing import TestClient

    from core.web.app import create_app
    from plugin_sdk.testing import login, post_form

    terapkan(kosong, buat_preset(tmp_path / "preset", penduduk__jumlah=0))
    with TestClient(create_app(kosong), base_url="http://testserver.local") as client:
        login(client, "peserta03", SANDI)
        client.cookies.clear()
        refused = post_form(client, "/masuk", {"username": "peserta03", "password": "salah-sandi-1"},
                            follow_redirects=False)
        assert refused.status_code not in (302, 303)
        login(client, "wali", SANDI)


def _jumlah() -> tuple:
    from core.penduduk.tables import Penduduk
    from core.tables import Pengaturan, Pengguna

    async def go():
        return (await Pengguna.count().run(), await Penduduk.count().run(), await Pengaturan.count().run())

    return run_sync(go())


def test_a_real_installation_is_refused_and_left_as_it_was(balai, tmp_path):
    from core.preset.berkas import PresetError

    before = (_jumlah(), dict(balai.profile()), run_sync(balai.enabled_names()))
    with pytest.raises(PresetError, match="bukan instalasi latihan.*Tidak ada yang diubah"):
        terapkan(balai, buat_preset(tmp_path / "preset"))
    assert (_jumlah(), dict(run_sync(balai.load_profile())), run_sync(balai.enabled_names())) == before


def test_a_section_of_a_plugin_not_installed_is_refused_before_anything(kosong, tmp_path):
    from core.preset import ruang
    from core.preset.berkas import PresetError

    folder = buat_preset(tmp_path / "preset")
    (folder / "tidak_ada").mkdir()
    (folder / "tidak_ada" / "data.toml").write_text("x = 1\n")
    with pytest.raises(PresetError, match="'tidak_ada' milik plugin yang tidak terpasang"):
        terapkan(kosong, folder)
    assert not run_sync(ruang.isi_kantor(kosong)) and not run_sync(ruang.instalasi_latihan())


def test_a_section_refusing_its_files_names_them_and_the_room_can_be_applied_again(kosong, tmp_path):
    from core.preset import ruang
    from core.preset.berkas import PresetError

    folder = buat_preset(tmp_path / "preset", penduduk__jumlah=0)
    catatan = folder / "uji_preset" / "catatan.toml"
    good = catatan.read_text()
    catatan.write_text('[[catatan]]\njudul = ""\n')
    with pytest.raises(PresetError, match="'uji_preset' ditolak: uji_preset/catatan.toml: judul catatan kosong"):
        terapkan(kosong, folder)
    assert run_sync(ruang.instalasi_latihan())  # marked: the trainer fixes the file and applies again
    catatan.write_text(good)
    terapkan(kosong, folder)
    assert potret()["bagian"]["judul"] == ["Gotong royong", "Musyawarah"]


@pytest.mark.parametrize(("ubah", "pesan"), [
    ({"preset__plugins": ["uji_preset", "tidak_terpasang"]}, "plugin 'tidak_terpasang', yang tidak terpasang"),
    ({"preset__balai": ">=99"}, "butuh Balai >=99"),
    ({"preset__warna": "hijau"}, "kunci 'preset.warna' tidak dikenal"),
    ({"penduduk__jumlah": "banyak"}, "'penduduk.jumlah' harus bilangan bulat"),
    ({"latihan__sandi": "pendek"}, "latihan.sandi"),
])
def test_a_broken_preset_is_refused_naming_the_key(tmp_path, ubah, pesan):
    from core.plugin_host.host import PluginHost
    from core.preset import berkas, mesin

    host = PluginHost(eps=[EntryPoint(name="uji_preset", value="tests.test_preset_mesin",
                                      group="balai.plugins")]).discover()
    with pytest.raises(berkas.PresetError, match=pesan):
        mesin.periksa(host, berkas.baca(buat_preset(tmp_path / "preset", **ubah)))


def test_a_logo_that_is_no_picture_is_refused(tmp_path):
    from core.plugin_host.host import PluginHost
    from core.preset import berkas, mesin

    folder = buat_preset(tmp_path / "preset")
    (folder / "logo.png").write_bytes(b"bukan gambar")
    host = PluginHost(eps=[EntryPoint(name="uji_preset", value="tests.test_preset_mesin",
                                      group="balai.plugins")]).discover()
    with pytest.raises(berkas.PresetError, match=r"'profil.logo' \(logo.png\) bukan gambar"):
        mesin.periksa(host, berkas.baca(folder))


def test_the_demo_preset_enables_every_built_in_plugin():
    root = Path(__file__).resolve().parent.parent
    with (root / "pyproject.toml").open("rb") as handle:
        built_in = set(tomllib.load(handle)["project"]["entry-points"]["balai.plugins"])
    with (root / "balai_demo" / "preset" / "preset.toml").open("rb") as handle:
        assert set(tomllib.load(handle)["preset"]["plugins"]) == built_in
