"""A plugin adds a statistics category through `statistik_kategori` (plugins/statistik/events.py): it is listed,
has its page and CSV like a built-in one, and disappears when the plugin is disabled."""

import csv
import io
from collections import Counter

import pytest

from balai_demo.penduduk import build
from core.penduduk.tables import Penduduk
from plugin_sdk.testing import run_sync
from importlib.metadata import entry_points

from tests.conftest import fixture_entry_point as ep


@pytest.fixture
def balai_entry_points():
    installed = [e for e in entry_points(group="balai.plugins") if e.name in ("statistik", "sistem")]
    return [*installed, ep("statistik_tambahan")]


@pytest.fixture
def balai_plugins():
    return ["statistik_tambahan"]


def test_a_plugin_category_is_shown_counted_and_exported(admin_client, balai):
    run_sync(build(120, seed=7))
    living = run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).run())
    assert "Dapat membaca huruf" in admin_client.get("/admin/statistik").text
    page = admin_client.get("/admin/statistik/baca_huruf?tingkat=1")
    assert page.status_code == 200 and "Dapat membaca huruf" in page.text
    csv_text = admin_client.get("/admin/statistik/baca_huruf.csv").content.decode()
    counted = Counter()
    for cells in csv.reader(io.StringIO(csv_text)):
        if cells and cells[0] == "baca_huruf":
            counted[cells[1]] += int(cells[6])
    direct = Counter("" if p["bahasa_huruf"] is None else str(p["bahasa_huruf"]) for p in living)
    assert {k: v for k, v in counted.items() if v} == dict(direct)
    run_sync(balai.disable("statistik_tambahan"))
    assert admin_client.get("/admin/statistik/baca_huruf").status_code == 404
    assert "Dapat membaca huruf" not in admin_client.get("/admin/statistik").text


def test_a_plugin_category_that_fails_is_left_out_and_the_pages_still_open(admin_client, balai, monkeypatch):
    from plugins.statistik import api

    async def rusak():
        raise RuntimeError("plugin rusak")

    asli = api.KategoriTambahan  # the fixture plugin builds its category through the contract at each call
    monkeypatch.setattr(api, "KategoriTambahan", lambda **isi: asli(**isi, versi=rusak))
    run_sync(build(40, seed=7))
    page = admin_client.get("/admin/statistik")
    assert page.status_code == 200 and "Jenis kelamin" in page.text and "Dapat membaca huruf" not in page.text
