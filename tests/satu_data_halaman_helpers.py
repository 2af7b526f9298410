"""What the tests of satu_data's pages and downloads (plugins/satu_data/halaman/) share: a fresh page cache and
catalogue for every test, the catalogue as published, what an anonymous visitor gets.

Two kinds of nagari: for the downloads (tests/test_satu_data_unduhan.py, tests/test_satu_data_paket.py) one with
only the test plugin data_unduh's datasets (`balai_entry_points`, `balai_plugins`, `terbit`); for the pages
(tests/test_satu_data_halaman_kantor.py, the office's page; tests/test_satu_data_halaman_publik.py, the public
catalogue) the small demo nagari (`kantor`, `sebagian`) and the test datasets of data_uji_terbit
(`DenganDatasetUji`). Import the fixtures a test module uses by name so pytest finds them there."""

from __future__ import annotations

import re
from datetime import date
from importlib.metadata import entry_points

import pytest

from core.profil.waktu import today as nagari_today
from core.web import cache_publik
from plugin_sdk.testing import run_sync
from plugins.satu_data import katalog
from plugins.satu_data.halaman.cache import CACHE
from plugins.satu_data.pilihan import atur
from plugins.satu_data.tables import BULANAN
from plugins.satu_data.terbit import bulan_lalu, terbitkan
from tests.fixtures.plugins import data_uji_terbit, data_unduh
from tests.satu_data_helpers import konteks
from tests.surat_helpers import demo_nagari


@pytest.fixture(autouse=True)
def segar(monkeypatch):
    """Each test has its own database: no page, file or catalogue carried over, versions looked at every time, the
    test plugins' figures as they were."""
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    monkeypatch.setattr(katalog, "CHECK_EVERY", 0.0)
    monkeypatch.setattr(data_unduh, "LUAS", dict(data_unduh.LUAS))
    monkeypatch.setattr(data_uji_terbit, "ANGKA", {"sawah": 120.5, "ladang": 80})
    CACHE.clear()
    katalog.lupakan()
    yield
    CACHE.clear()
    katalog.lupakan()


def katalog_kini(balai) -> katalog.Katalog:
    """The catalogue as published, read afresh from the database."""
    return run_sync(katalog.bangun(konteks(balai)))


def get(client, url):
    """What an anonymous visitor gets (the `client` fixture holds no session): never a cookie."""
    response = client.get(url)
    assert "set-cookie" not in response.headers, url
    return response


def anonim(client, url, **kwargs):
    """What a visitor sees: the same client without the office's session."""
    saved = list(client.cookies.jar)
    client.cookies.clear()
    try:
        return client.get(url, **kwargs)
    finally:
        for cookie in saved:
            client.cookies.jar.set_cookie(cookie)


# --- the downloads' nagari: data_unduh's datasets only -----------------------------------------------------------

#: The datasets the office publishes; data_unduh's third, "unduh-rahasia", it never chooses.
DIPILIH = ["unduh-lahan", "unduh-penduduk"]
DIKENAL = {*DIPILIH, "unduh-rahasia"}
PROFIL = {"kode": "1307052001", "nama": "Sungai Kamuyang", "email": "kantor@sungaikamuyang.example"}
BASE = "http://testserver.local"


@pytest.fixture
def balai_entry_points(fixture_plugins):
    dipasang = [e for e in entry_points(group="balai.plugins") if e.name in ("sistem", "statistik", "satu_data")]
    return [*dipasang, fixture_plugins("data_unduh")]


@pytest.fixture
def balai_plugins():
    return ["satu_data", "data_unduh"]


def terbit(balai, nama=tuple(DIPILIH)) -> None:
    """The office publishes `nama`: last year (final) and last month, then this year and this month so far."""
    profil = run_sync(balai.save_profile(PROFIL))
    ctx = konteks(balai)
    hari = nagari_today(profil)
    run_sync(atur({n: (True, BULANAN) for n in nama}, dikenal=DIKENAL, oleh="uji"))
    for dataset, lalu in (("unduh-lahan", date(hari.year - 1, 12, 31)), ("unduh-penduduk", bulan_lalu(hari))):
        if dataset in nama:
            run_sync(terbitkan(ctx, nama=[dataset], per=lalu))
    run_sync(terbitkan(ctx, nama=list(nama)))


# --- the pages' nagari: the small demo, and the test datasets ----------------------------------------------------

AGAMA, KELAMIN, PEKERJAAN = "penduduk-menurut-agama", "penduduk-menurut-jenis-kelamin", "penduduk-menurut-pekerjaan"
#: data_uji_terbit's datasets: two that publish, one with nothing yet, two that fail (their rows or their source).
UJI = ["uji-bulanan", "uji-kosong", "uji-lahan", "uji-rusak", "uji-salah"]


def pilih_dan_terbitkan(balai, nama: list[str], terbit: list[str] | None = None) -> None:
    """Choose `nama` (monthly) and publish `terbit` (default: all of them) as the demo does: the month that closed
    last, then this month so far."""
    async def go():
        ctx = konteks(balai)
        await atur({n: (True, BULANAN) for n in nama}, dikenal=set(nama))
        sekarang = terbit if terbit is not None else nama
        if sekarang:
            await terbitkan(ctx, nama=sekarang, per=bulan_lalu(nagari_today(balai.profile())))
            await terbitkan(ctx, nama=sekarang)

    run_sync(go)
    katalog.lupakan()


@pytest.fixture
def kantor(balai):
    """A small demo nagari (profile, jorong, residents) that has published nothing yet."""
    demo_nagari(balai, residents=30)
    return balai


@pytest.fixture
def sebagian(kantor):
    """The small nagari publishing three population datasets."""
    pilih_dan_terbitkan(kantor, [KELAMIN, AGAMA, PEKERJAAN])
    return kantor


class DenganDatasetUji:
    """Base of a test class that has the test datasets too: their figures a test sets (`ANGKA`), two of them fail.
    `uji`: the small nagari choosing and publishing all of them."""

    @pytest.fixture
    def balai_entry_points(self, fixture_plugins):
        return [*entry_points(group="balai.plugins"), fixture_plugins("data_uji_terbit")]

    @pytest.fixture
    def balai_plugins(self):
        return ["data_uji_terbit"]

    @pytest.fixture
    def uji(self, kantor):
        pilih_dan_terbitkan(kantor, UJI)
        return kantor


def diterbitkan(balai) -> list[str]:
    return [p.ds.nama for p in katalog_kini(balai).paket]


def kartu(html: str) -> list[str]:
    """The datasets a catalogue page shows, in order."""
    return re.findall(r'<li class="sd-kartu" id="dataset-([a-z0-9-]+)">', html)
