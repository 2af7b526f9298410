"""A plugin adds a book through `buku_administrasi_buku`: listed, paged, masked, exported, audited like B.1;
it cannot replace B.1, and it goes away with its plugin."""

import io
from importlib.metadata import entry_points

import pytest
from python_calamine import CalamineWorkbook

from plugin_sdk.testing import run_sync
from tests.conftest import fixture_entry_point as ep


@pytest.fixture
def balai_entry_points():
    installed = [e for e in entry_points(group="balai.plugins") if e.name in ("statistik", "sistem",
                                                                               "buku_administrasi")]
    return [*installed, ep("buku_tambahan")]


@pytest.fixture
def balai_plugins():
    return ["buku_tambahan"]


def test_a_plugin_book_is_shown_masked_exported_and_cannot_replace_b1(admin_client, balai):
    listing = admin_client.get("/admin/buku").text
    assert "D.4" in listing and "Buku Kader Pemberdayaan Masyarakat" in listing and "Palsu" not in listing
    assert "Buku Induk Penduduk" in admin_client.get("/admin/buku/b1").text
    page = admin_client.get("/admin/buku/d4", params={"samarkan": "1", "cari": "kader 1"})
    assert page.status_code == 200 and "130601xxxxxxxxxx" in page.text and "1306011234567810" not in page.text
    assert admin_client.get("/admin/buku/d4", params={"cari": "galat"}).status_code == 400
    book = admin_client.get("/admin/buku/d4/unduh.xlsx")
    rows = CalamineWorkbook.from_filelike(io.BytesIO(book.content)).get_sheet_by_index(0).to_python()
    assert ["No.", "Nama", "Bidang", "NIK", "Mulai menjadi kader"] in rows
    assert sum(1 for r in rows if str(r[1]).startswith("Kader ")) == 12
    run_sync(balai.disable("buku_tambahan"))
    assert admin_client.get("/admin/buku/d4").status_code == 404
