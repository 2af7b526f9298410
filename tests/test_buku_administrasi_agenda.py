"""One outgoing-letter book: `surat` puts the letters it issued into A.7 Buku Agenda, another plugin adds its own
rows to the same book (a contribution), and a plugin that keeps A.7 for real replaces surat's stand-in."""

from datetime import date
from importlib.metadata import entry_points

import pytest

from plugin_sdk.testing import run_sync
from plugins.buku_administrasi import api as buku
from plugins.buku_administrasi.buku import all_books
from tests.conftest import fixture_entry_point
from tests.surat_helpers import demo_nagari, issue, letters, living_resident


@pytest.fixture
def balai_entry_points():
    return [*entry_points(group="balai.plugins"), fixture_entry_point("buku_tambahan")]


@pytest.fixture
def balai_plugins():
    return ["buku_tambahan"]


def test_issued_letters_and_a_contributed_letter_share_one_agenda(admin_client, balai):
    demo_nagari(balai)
    person = living_resident()
    for _ in range(2):
        assert issue(admin_client, "domisili", person["id"]).status_code in (302, 303)
    issued = [s for s in letters() if s["status"] == "terbit"]
    assert len(issued) == 2
    listing = admin_client.get("/admin/buku").text
    assert listing.count("A.7") == 1
    page = admin_client.get("/admin/buku/a7").text
    assert "005/UND/2026" in page and "Camat Harau" in page  # the fixture plugin's incoming letter
    for letter in issued:
        assert letter["nomor"] in page
    assert page.index("005/UND/2026") < page.index(issued[0]["nomor"])  # merged by date: 2 January comes first
    january = admin_client.get("/admin/buku/a7", params={"periode": "2026-01"}).text
    assert issued[0]["nomor"] not in january or issued[0]["tanggal"].month == 1
    found = admin_client.get("/admin/buku/a7", params={"cari": issued[1]["nomor"]}).text
    assert issued[1]["nomor"] in found and issued[0]["nomor"] not in found


class _Context:
    """A stand-in for a job's context: `emit` answers as the enabled plugins would."""

    def __init__(self, answers):
        self.answers = answers

    async def emit(self, event, **kwargs):
        return self.answers


async def _own(saring, *, mulai=0, batas=None):
    return buku.slice_rows([{"tanggal": date(2026, 3, 1), "masuk_nomor": "1/IN"}], mulai, batas)


async def _surat(saring):
    return [{"tanggal": date(2026, 2, 1), "keluar_nomor": "470/1/2026"}]


def test_a_book_kept_for_real_replaces_the_stand_in_and_takes_its_rows(balai):
    stand_in = buku.Buku("A.7", "Agenda sementara", buku.A7_KOLOM, _own, sementara=True, urut="tanggal")
    real = buku.Buku("A.7", "Buku Agenda", buku.A7_KOLOM, _own, urut="tanggal")
    books = run_sync(all_books(_Context([[stand_in, buku.Sumbangan("A.7", _surat)], [real]])))
    agenda = next(b for b in books if b.kode == "A.7")
    assert agenda.judul == "Buku Agenda"
    rows = run_sync(buku.read(agenda, buku.Saringan())).baris
    assert [r.get("keluar_nomor") or r.get("masuk_nomor") for r in rows] == ["470/1/2026", "1/IN"]
    # the other order of answers gives the same book: a stand-in never wins over the real one
    books = run_sync(all_books(_Context([[real], [stand_in, buku.Sumbangan("A.7", _surat)]])))
    assert next(b for b in books if b.kode == "A.7").judul == "Buku Agenda"
