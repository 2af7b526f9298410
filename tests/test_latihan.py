"""Every exercise of the training plan, run as written in a real Chromium against the pilot preset applied once:
when Balai changes so that a step no longer works, the test names the session, the exercise and the step. The
plan's Markdown is generated from the same files and must equal the committed one."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from tests.latihan_langkah import Pelaku, teks
from tests.latihan_rencana import RENCANA, muat_sesi, rencana
from tests.live import LiveServer, balai_cli
from tests.test_browser import browser  # noqa: F401  (the shared Chromium fixture)

ROOT = Path(__file__).resolve().parent.parent
PERCONTOHAN = ROOT / "examples" / "nagari-percontohan"
SESI = muat_sesi()
LATIHAN = [(s, latihan) for s in SESI for latihan in s["latihan"]]


def sandi_akun(folder: Path) -> dict[str, str]:
    """Every account of the preset, staff and trainees, has the training password."""
    preset = tomllib.loads((folder / "preset.toml").read_text(encoding="utf-8"))
    sandi = preset["latihan"]["sandi"]
    pengguna = tomllib.loads((folder / "pengguna.toml").read_text(encoding="utf-8")).get("pengguna", [])
    akun = {p["username"]: sandi for p in pengguna}
    akun.update({f"peserta{i:02d}": sandi for i in range(1, preset["latihan"].get("peserta", 0) + 1)})
    return akun


@pytest.fixture(scope="module")
def ruang(tmp_path_factory):
    """The training room: the preset applied once with few residents, served by `balai serve`."""
    data = tmp_path_factory.mktemp("ruang-latihan")
    balai_cli(data, "preset", "apply", str(PERCONTOHAN), "--penduduk", "300")
    balai_cli(data, "jadwal-cadangan", "--mati")  # the backup exercise makes the first one itself
    live = LiveServer(data)
    yield live, sandi_akun(PERCONTOHAN)
    live.stop()


def test_the_committed_training_plan_is_the_one_the_exercises_write():
    assert RENCANA.read_text(encoding="utf-8") == rencana(), (
        "rencana-pelatihan.md berbeda dari berkas latihan: jalankan `python -m tests.latihan_rencana`")


def test_every_screenshot_the_plan_shows_is_there_and_none_is_left_over():
    gambar = RENCANA.parent / "gambar"
    dipakai = {f"{sesi['sesi']['kode']}-{langkah['tangkap']}.png" for sesi in SESI for latihan in sesi["latihan"]
               for langkah in latihan["langkah"] if "tangkap" in langkah}
    assert {p.name for p in gambar.glob("*.png")} == dipakai, (
        "gambar rencana pelatihan tidak sesuai: jalankan `python -m tests.latihan_rencana --gambar`")


def test_an_exercise_file_with_a_step_nobody_can_run_is_refused_naming_file_exercise_and_step(tmp_path):
    sesi = '[sesi]\nkode = "x"\njudul = "X"\npeserta = "p"\nlama = "1 jam"\ntujuan = ["t"]\n'
    latihan = '[[latihan]]\nkode = "surat"\njudul = "S"\ntujuan = "t"\npengguna = "peserta01"\nlangkah = [{}]\n'
    for langkah, salah in (('{ menu = "Surat" }, { kilk = "Buat surat" }', "langkah 2: langkah harus punya"),
                           ('{ isi = "Keperluan", nilia = "Melamar" }', "langkah 1: kunci tidak dikenal nilia")):
        (tmp_path / "1-x.toml").write_text(sesi + latihan.format(langkah), encoding="utf-8")
        with pytest.raises(ValueError, match=f"^1-x.toml, latihan surat, {salah}"):
            muat_sesi(tmp_path)


@pytest.mark.browser
@pytest.mark.parametrize("sesi, latihan", LATIHAN, ids=[f"{s['sesi']['kode']}-{x['kode']}" for s, x in LATIHAN])
def test_latihan(browser, ruang, sesi, latihan, tmp_path):  # noqa: F811
    live, sandi = ruang
    tangkapan = Path(os.environ["BALAI_TANGKAPAN"]) if os.environ.get("BALAI_TANGKAPAN") else None
    pelaku = Pelaku(browser, live.url, sandi, lambda *a: balai_cli(live.data_dir, *a, check=False), tmp_path,
                    tangkapan)
    kode = sesi["sesi"]["kode"]
    try:
        pelaku.sebagai(latihan["pengguna"])
        for nomor, langkah in enumerate(latihan["langkah"], 1):
            try:
                pelaku.jalankan(langkah, kode)
            except Exception as error:  # the trainer needs the step, not only Playwright's words
                pytest.fail(f"Sesi «{sesi['sesi']['judul']}», latihan «{latihan['judul']}», langkah {nomor} "
                            f"({teks(langkah, kode)}) tidak berjalan seperti tertulis:\n{error}")
    finally:
        pelaku.tutup()
