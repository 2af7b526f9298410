"""A module shipped on a USB stick: the signed index, and `balai plugins install` in a throw-away venv."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import pytest

from core.paket import kunci
from core.paket.indeks import IndeksError, baca_indeks
from core.runtime import SERVED_KEY
from tests.paket_modul_bantu import Venv, buat_pustaka, buat_roda, tandatangani


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Venv:
    return Venv(tmp_path_factory.mktemp("venv-modul"))


@pytest.fixture
def keys(tmp_path):
    private, public = kunci.buat_pasangan(tmp_path / "kunci", "kabupaten")
    return private, public


def test_index_verified_against_the_trusted_key_names_its_signer(tmp_path, keys):
    wheel = buat_roda(tmp_path / "usb")
    path = tandatangani(tmp_path / "usb", keys[0], wheel)
    trusted = kunci.percayai(tmp_path / "data", keys[1], nama="dinas-pmd")

    ix = baca_indeks(path, kunci.tepercaya(tmp_path / "data"))

    assert ix.penandatangan == trusted and ix.penandatangan.nama == "dinas-pmd"
    entry = ix.periksa_berkas(wheel)
    assert (entry.nama, entry.versi, entry.plugin, entry.core) == ("balai-kecil", "0.1.0", "kecil", ">=0.1")
    with pytest.raises(IndeksError, match="jenis|berisi") as refused:
        baca_indeks(path, kunci.tepercaya(tmp_path / "data"), jenis="rilis")
    assert refused.value.kode == "jenis_lain"


def test_index_with_one_changed_byte_or_no_key_is_refused(tmp_path, keys):
    path = tandatangani(tmp_path / "usb", keys[0], buat_roda(tmp_path / "usb"))
    trusted = [kunci.percayai(tmp_path / "data", keys[1])]
    data = json.loads(path.read_text())
    data["isi"]["entri"][0]["core"] = ">=0"
    path.write_text(json.dumps(data))
    with pytest.raises(IndeksError, match="tidak cocok dengan isinya"):
        baca_indeks(path, trusted)
    with pytest.raises(IndeksError, match="belum dipercaya"):
        baca_indeks(path, [])


def test_trusting_the_same_key_twice_or_a_name_twice_is_refused(tmp_path, keys):
    kunci.percayai(tmp_path / "data", keys[1])
    with pytest.raises(kunci.KunciError, match="sudah dipercaya"):
        kunci.percayai(tmp_path / "data", keys[1], nama="lain")
    other = kunci.buat_pasangan(tmp_path / "lain", "kabupaten")[1]
    with pytest.raises(kunci.KunciError, match="sudah dipakai"):
        kunci.percayai(tmp_path / "data", other)
    # Trusted for modules is not trusted for Balai's releases: a module author cannot sign a new core.
    assert kunci.tepercaya(tmp_path / "data", "rilis") == []
    kunci.percayai(tmp_path / "data", keys[1], keperluan="rilis")
    kunci.lupakan(tmp_path / "data", "kabupaten")
    assert kunci.tepercaya(tmp_path / "data") == [] and len(kunci.tepercaya(tmp_path / "data", "rilis")) == 1
    with pytest.raises(kunci.KunciError, match="sudah ada"):
        kunci.buat_pasangan(tmp_path / "kunci", "kabupaten")


def _ok(done):
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_index_check_reads_only_files_beside_the_index(venv, tmp_path, keys):
    from core.paket.indeks import Entri, buat_isi, sha256_berkas, tulis_indeks

    outside = buat_roda(tmp_path / "luar", plugin="luar")  # a file the signer names with a path out of the folder
    usb = tmp_path / "usb"
    usb.mkdir()
    entry = Entri(berkas=f"../luar/{outside.name}", sha256=sha256_berkas(outside), nama="balai-luar", versi="0.1.0",
                  plugin="luar", core=">=0.1", bergantung=(), penulis="")
    index = tulis_indeks(usb / "indeks-modul.json", buat_isi([entry], "Kabupaten"), kunci.muat_privat(keys[0]))
    kunci.percayai(venv.data, keys[1])

    shown = _ok(venv.balai("plugins", "index", "periksa", str(index)))

    assert "NAMA BERKAS TIDAK SAH" in shown and "cocok" not in shown


def _line(listing: str, name: str) -> str:
    return next(line for line in listing.splitlines() if line.split()[:1] == [name])


def test_author_signs_and_nagari_installs_migrates_enables_offline(venv, tmp_path):
    usb = tmp_path / "usb"
    buat_roda(usb, plugin="sawah", depends=("surat",), requires=("pustaka-kecil>=1",), penulis="Rang Mudo")
    buat_pustaka(usb, "pustaka-kecil", "1.0")
    # The author's side: a key pair, and an index of the folder read from the module's own PLUGIN metadata.
    _ok(venv.balai("plugins", "kunci", "buat", "rang-mudo", "--folder", str(tmp_path / "kunci")))
    made = _ok(venv.balai("plugins", "index", "buat", str(usb), "--kunci", str(tmp_path / "kunci/rang-mudo.pem")))
    assert "plugin sawah, core >=0.1" in made and "pustaka_kecil-1.0-py3-none-any.whl  (pustaka)" in made
    # The nagari's side.
    trusted = _ok(venv.balai("plugins", "trust", str(tmp_path / "kunci/rang-mudo.pub"), "--nama", "rang-mudo"))
    assert "rang-mudo" in _ok(venv.balai("plugins", "trusted")) and "dipercaya" in trusted

    _ok(venv.balai("plugins"))
    with sqlite3.connect(venv.data / "balai.sqlite") as db:  # as if the office's server were running
        db.execute("INSERT INTO balai_pengaturan (kunci, nilai, versi) VALUES (?, ?, 0)",
                   (SERVED_KEY, json.dumps(["sistem", "surat"])))

    # The office PC's own pip settings offer an unchecked newer library; pip must not look there.
    buat_pustaka(tmp_path / "pc", "pustaka-kecil", "2.0")
    pc = {"PIP_FIND_LINKS": str(tmp_path / "pc")}
    out = _ok(venv.balai("plugins", "install", str(usb / "balai_sawah-0.1.0-py3-none-any.whl"), "--aktifkan",
                         extra=pc))

    assert "Modul sawah 0.1.0 (balai-sawah) dipasang, ditandatangani rang-mudo." in out
    assert "Modul sawah diaktifkan." in out and "Server yang sedang berjalan belum memuatnya" in out
    packages = venv.pip_list()
    assert "balai-sawah==0.1.0" in packages and "pustaka-kecil==1.0" in packages
    assert (venv.site / "balai_sawah").is_dir()  # in the throw-away venv, not the main one
    line = _line(_ok(venv.balai("plugins")), "sawah")
    assert line.split()[1:3] == ["aktif", "0.1.0"] and "Rang Mudo" in line
    assert "ditandatangani rang-mudo (" in line
    tables = sqlite3.connect(venv.data / "balai.sqlite").execute(
        "SELECT name FROM sqlite_master WHERE name = 'sawah_catatan'").fetchall()
    assert tables == [("sawah_catatan",)]
    logged = sqlite3.connect(venv.data / "balai.sqlite").execute(
        "SELECT rincian FROM balai_audit WHERE aksi = 'pasang' AND objek_id = 'sawah'").fetchall()
    assert len(logged) == 1 and "rang-mudo" in logged[0][0]

    # Kept for the next Balai upgrade (a new venv installs them again, offline): the module and its library.
    kept = sorted(p.name for p in (venv.data / "paket" / "roda").iterdir())
    assert kept == ["balai_sawah-0.1.0-py3-none-any.whl", "pustaka_kecil-1.0-py3-none-any.whl"]

    again = venv.balai("plugins", "install", str(usb / "balai_sawah-0.1.0-py3-none-any.whl"))
    assert again.returncode == 1 and "sudah terpasang" in again.stderr

    # Replaced by hand with another build of the same version: no longer shown as the signed one.
    other = buat_roda(tmp_path / "tangan", plugin="sawah", depends=("surat",), penulis="Orang Lain")
    _ok(venv.run("-m", "pip", "install", "--no-index", "--no-deps", "--force-reinstall", "--quiet", str(other)))
    line = _line(_ok(venv.balai("plugins")), "sawah")
    assert "diubah setelah dipasang" in line and "ditandatangani rang-mudo (" not in line


def test_module_installed_by_hand_is_listed_unsigned(venv, tmp_path):
    wheel = buat_roda(tmp_path / "tangan", plugin="manual")
    _ok(venv.run("-m", "pip", "install", "--no-index", "--quiet", str(wheel)))

    line = _line(_ok(venv.balai("plugins", "list")), "manual")

    assert line.split()[1] == "nonaktif" and line.endswith("tidak ditandatangani (dipasang manual)")
    assert _line(_ok(venv.balai("plugins", "list")), "surat").endswith("bawaan")


async def _tables(url: str, like: str) -> list[str]:
    import asyncpg

    connection = await asyncpg.connect(url)
    try:
        return [r["tablename"] for r in await connection.fetch(
            "SELECT tablename FROM pg_tables WHERE tablename LIKE $1", like)]
    finally:
        await connection.close()


@pytest.mark.postgres
@pytest.mark.parametrize("balai_database_url", ["postgres"], indirect=True)
def test_on_postgresql_installed_or_undone_without_a_trace(venv, tmp_path, balai_database_url):
    data, url = tmp_path / "data", balai_database_url
    private, public = kunci.buat_pasangan(tmp_path / "kunci", "kabupaten")
    kunci.percayai(data, public)
    good, bad = buat_roda(tmp_path / "baik", plugin="ladang"), buat_roda(tmp_path / "gagal", plugin="kebun",
                                                                        migrasi_gagal=True)
    tandatangani(tmp_path / "baik", private, good)
    tandatangani(tmp_path / "gagal", private, bad)

    _ok(venv.balai("plugins", "install", str(good), data=data, database=url))
    failed = venv.balai("plugins", "install", str(bad), "--aktifkan", data=data, database=url)

    assert failed.returncode == 1 and "Migrasi modul kebun gagal" in failed.stderr
    listing = _ok(venv.balai("plugins", data=data, database=url))
    assert _line(listing, "ladang").split()[1] == "nonaktif" and "ditandatangani kabupaten" in listing
    assert "kebun" not in listing and "balai-kebun" not in venv.pip_list()
    assert asyncio.run(_tables(url, "ladang%")) == ["ladang_catatan"]
    assert asyncio.run(_tables(url, "kebun%")) == []
