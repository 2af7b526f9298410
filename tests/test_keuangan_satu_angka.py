"""One number through every door (ENGINEERING-NOTES 11): belanja bidang 02, pendapatan 4.2.1, total belanja and
SiLPA, anggaran and realisasi, read from api.ringkasan, the public infographic, its CSV, the banner PDF, the home
page's block, the semester report's XLSX and book C.1 must agree. A line of 50.000.000,50 makes the rounding part of the test: the
exact sen where a door carries sen (CSV, XLSX), the same whole rupiah where it prints or rounds (pages, book)."""

import csv
import io
import re
from datetime import date

import pytest
from pypdf import PdfReader

from core.web import cache_publik
from plugin_sdk import public_changed, write_transaction
from plugin_sdk.testing import run_sync
from plugins.keuangan.api import ringkasan
from plugins.keuangan.buku import rupiah_utuh
from plugins.keuangan.jumlah import persen
from plugins.keuangan.publik import cache
from plugins.keuangan.tables import Realisasi
from plugins.portal.publik import cache as portal_cache
from tests.test_keuangan_laporan import TAHUN, isi_apbdes, lembar


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    """Each test has its own database: the worker's page caches must not carry pages over."""
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    for c in (cache.CACHE, portal_cache.CACHE):
        c.clear()
    yield
    for c in (cache.CACHE, portal_cache.CACHE):
        c.clear()


def _truth() -> dict[str, tuple[int, int]]:
    """The figures in sen, as the one computation gives them."""
    r = run_sync(ringkasan(TAHUN))
    bidang = next(b for b in r.belanja.anak if b.kode == "02")
    dana_desa = next(j for k in r.pendapatan.anak for j in k.anak if j.kode == "4.2.1")
    return {"02": (bidang.anggaran, bidang.realisasi), "4.2.1": (dana_desa.anggaran, dana_desa.realisasi),
            "5": (r.belanja.anggaran, r.belanja.realisasi), "SiLPA": r.silpa}


def _rp(text: str) -> int:
    """"Rp450.000.001" or "-Rp10.000.000" -> whole rupiah."""
    text = re.sub(r"<[^>]+>", "", text).strip()
    return (-1 if text.startswith("-") else 1) * int(re.sub(r"\D", "", text))


def _row_cells(html: str, kode: str) -> list[int]:
    """Anggaran and realisasi of the public table row whose code is `kode`."""
    row = re.search(r'<span class="kode">' + re.escape(kode) + r'</span>.*?</tr>', html, re.S).group(0)
    cells = re.findall(r'<td data-label="(Anggaran|Realisasi)">(.*?)</td>', row)
    return [_rp(v) for _, v in cells]


def _sen(text: str) -> int:
    """"450000000.50" (the CSV's rupiah with two decimals) -> sen."""
    whole, _, frac = text.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole)) * 100 + int((frac + "00")[:2]))


def _sel_sen(value) -> int:
    return round(value * 100)


def test_the_same_figures_through_every_door(admin_client, client, balai):
    isi_apbdes(balai)

    async def touch():  # the inserts above bypassed layanan; tell the public pages as a write would
        async with write_transaction():
            await public_changed()
    run_sync(touch)
    truth = _truth()
    assert truth["02"] == (45_000_000_050, 31_000_000_000)  # the test's own data, so a broken fixture shows
    whole = {k: tuple(rupiah_utuh(v) for v in pair) for k, pair in truth.items()}

    # the public infographic: bidang and pendapatan tables, the SiLPA line
    page = client.get(f"/apbdes/{TAHUN}")
    assert page.status_code == 200
    assert _row_cells(page.text, "02") == list(whole["02"])
    assert _row_cells(page.text, "4.2.1") == list(whole["4.2.1"])
    silpa = re.search(r"SiLPA tahun berjalan</dt><dd>Anggaran (\S+); realisasi (\S+)</dd>", page.text)
    assert (_rp(silpa.group(1)), _rp(silpa.group(2))) == whole["SiLPA"]
    total = re.search(r'id="tabel-bidang".*?<tfoot>(.*?)</tfoot>', page.text, re.S).group(1)
    assert [_rp(v) for v in re.findall(r'<td data-label="(?:Anggaran|Realisasi)">(.*?)</td>', total)] == \
        list(whole["5"])

    # its CSV: sen exact
    rows = list(csv.DictReader(io.StringIO(client.get(f"/apbdes/{TAHUN}.csv").text)))
    by_kode = {r["kode"]: r for r in rows if r["kode"]}
    by_uraian = {r["uraian"]: r for r in rows if r["bagian"] == "Jumlah"}
    for key, row in (("02", by_kode["02"]), ("4.2.1", by_kode["4.2.1"]), ("5", by_kode["5"]),
                     ("SiLPA", by_uraian["SiLPA"])):
        assert (_sen(row["anggaran"]), _sen(row["realisasi"])) == truth[key], key

    # the portal's home page block: total belanja and its realisation
    home = client.get("/")
    block = home.text.split('class="apbdes-blok"')[1].split("</section>")[0]
    belanja = _rp(re.search(r"<dt>Belanja</dt><dd>(.*?)</dd>", block).group(1))
    spent = _rp(re.search(r"Realisasi belanja (\S+) sampai", block).group(1))
    assert (belanja, spent) == whole["5"]

    # the banner PDF (A1): bidang 02, total belanja and SiLPA as printed
    banner = PdfReader(io.BytesIO(client.get(f"/apbdes/{TAHUN}/spanduk.pdf").content)).pages[0].extract_text()
    # pendapatan per sumber by jenis (Dana Desa), as the page shows it, not by kelompok (Pendapatan Transfer)
    for label, key in (("Pelaksanaan Pembangunan Desa", "02"), ("Dana Desa", "4.2.1"), ("Belanja", "5"),
                       ("SiLPA tahun berjalan", "SiLPA")):
        found = re.search(re.escape(label) + r"\n(?:Realisasi:\n)?\s*(-?Rp[\d.]+)\n(?:Realisasi:\n)?(-?Rp[\d.]+)", banner)
        assert found and (_rp(found.group(1)), _rp(found.group(2))) == whole[key], (label, banner)

    # the year-end report's XLSX (realisation to 31 December: everything recorded in the year): sen exact
    report = lembar(admin_client.get(f"/admin/keuangan/{TAHUN}/laporan/unduh",
                                     params={"semester": "2", "format": "xlsx"}).content)
    cells = {str(r[0]): r for r in report if r and r[0] not in ("", None)}
    silpa_row = next(r for r in report if r and r[1] == "SiLPA")
    for key, row in (("02", cells["02"]), ("4.2.1", cells["4.2.1"]), ("5", cells["5"]), ("SiLPA", silpa_row)):
        assert (_sel_sen(row[2]), _sel_sen(row[3])) == truth[key], key

    # one percentage, rounded once (jumlah.persen_angka): the page's "68,9%", the CSV's 68.9, the banner's
    # "(68,9%)" and the spreadsheet's 68.9 (round(float, 2) once gave 68.89); none on the summary rows
    for key, label in (("02", "Pelaksanaan Pembangunan Desa"), ("4.2.1", "Dana Desa")):
        shown = persen(*reversed(truth[key]))
        cell = re.search(r'<span class="kode">' + re.escape(key) + r'</span>.*?<td data-label="Persen">([^<]*)',
                         page.text, re.S).group(1).strip()
        assert cell == shown, key
        assert by_kode[key]["persen"] == shown.rstrip("%").replace(",", "."), key
        assert re.search(re.escape(label) + r"\n.*?\n-?Rp[\d.]+ \(" + re.escape(shown) + r"\)", banner), key
        assert cells[key][5] == float(shown.rstrip("%").replace(",", ".")), key
    assert truth["02"] == (45_000_000_050, 31_000_000_000) and persen(31_000_000_000, 45_000_000_050) == "68,9%"
    for uraian in ("Surplus/(Defisit)", "Pembiayaan Netto", "SiLPA"):
        assert by_uraian[uraian]["persen"] == "", uraian
        assert next(r for r in report if r and r[1] == uraian)[5] in (None, ""), uraian

    # book C.1: whole rupiah, rounded as every page prints them
    c1 = lembar(admin_client.get("/admin/buku/c1/unduh.xlsx", params={"periode": str(TAHUN)}).content)
    book = {str(r[1]): r for r in c1 if len(r) > 2 and r[1] not in ("", None)}
    book_silpa = next(r for r in c1 if len(r) > 2 and r[2] == "SiLPA")
    for key, row in (("02", book["02"]), ("4.2.1", book["4.2.1"]), ("5", book["5"]), ("SiLPA", book_silpa)):
        assert (row[3], row[4]) == whole[key], key

    # a realisation recorded now moves every door at once
    async def spend():
        async with write_transaction():
            await Realisasi.insert(Realisasi(tahun=TAHUN, kegiatan="02.01.01", akun="5.3.1",
                                             tanggal=date(TAHUN, 9, 1), jumlah=12_345_678_90)).run()
            await public_changed()
    run_sync(spend)
    after = _truth()
    assert after["02"][1] == truth["02"][1] + 12_345_678_90
    assert _row_cells(client.get(f"/apbdes/{TAHUN}").text, "02")[1] == rupiah_utuh(after["02"][1])
    moved = lembar(admin_client.get("/admin/buku/c1/unduh.xlsx", params={"periode": str(TAHUN)}).content)
    assert next(r for r in moved if len(r) > 2 and str(r[1]) == "02")[4] == rupiah_utuh(after["02"][1])
