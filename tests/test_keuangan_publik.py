"""The public APB Desa (plugin `keuangan`, issue 22): infographic, drill-down, year switcher, CSV, banner PDF,
home block, a year without budget, and the page cache (a realisation moves the page; no cookie)."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest

from core.web import cache_publik
from plugin_sdk import public_changed, write_transaction
from plugin_sdk.testing import run_sync
from plugins.keuangan import contoh, layanan
from plugins.keuangan.api import ringkasan
from plugins.keuangan.jumlah import persen, rupiah
from plugins.keuangan.publik import cache
from plugins.keuangan.publik.tampilan import tanggal
from plugins.keuangan.tables import BERLAKU, Apbdes, BarisAnggaran, Kegiatan, Realisasi
from tests.test_keuangan_ringkasan import permintaan
from core.profil.waktu import today as nagari_today  # the nagari's day (WIB), not the server's UTC one

TAHUN = nagari_today().year - 1  # a past year: any realisation date in it is before the nagari's today


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    """Each test has its own database: the worker's page cache must not carry pages over."""
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    cache.CACHE.clear()
    yield
    cache.CACHE.clear()


def budget(tahun: int = TAHUN, *, baris: int = 90, nomor: str = "3 Tahun 2024") -> int:
    """A version in force of `tahun` from the sample generator, realised to 30 June, written as an admin would."""
    kegiatan, lines, realisasi = contoh.anggaran_contoh(tahun, baris=baris, sampai=date(tahun, 6, 30))

    async def go():
        async with write_transaction():
            [row] = await Apbdes.insert(Apbdes(tahun=tahun, versi=1, nama=f"APB Desa {tahun}", status=BERLAKU,
                                               berlaku_sejak=date(tahun - 1, 12, 20), nomor_perdes=nomor)).run()
            await Kegiatan.insert(*[Kegiatan(apbdes=row["id"], **k) for k in kegiatan]).run()
            await BarisAnggaran.insert(*[BarisAnggaran(apbdes=row["id"], **x) for x in lines]).run()
            await Realisasi.insert(*[Realisasi(tahun=tahun, **x) for x in realisasi]).run()
            await public_changed()
            return row["id"]
    return run_sync(go)


def spend(balai, tahun: int, kegiatan: str, akun: str, sen: int, tanggal: date) -> None:
    """Record a realisation the way the Kaur Keuangan does (layanan: audited, tells the public pages)."""
    run_sync(layanan.catat_realisasi(permintaan(balai), tahun, {
        "kegiatan": kegiatan, "akun": akun, "tanggal": tanggal, "jumlah": sen, "uraian": "Pembayaran termin"}))


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_infographic_shows_each_bidang_as_ringkasan_computes_it(client, balai):
    budget()
    r = run_sync(lambda: ringkasan(TAHUN))
    page = client.get(f"/apbdes/{TAHUN}")
    assert page.status_code == 200
    assert "set-cookie" not in page.headers
    assert "<svg" in page.text and "<script" not in page.text and "style=" not in page.text
    table = page.text.split('id="tabel-bidang"')[1].split("</table>")[0]
    for bidang in r.belanja.anak:
        row = text_of(table.split(f"/apbdes/{TAHUN}/bidang/{bidang.kode}")[1].split("</tr>")[0])
        assert rupiah(bidang.anggaran) in row and rupiah(bidang.realisasi) in row, bidang.nama
        assert persen(bidang.realisasi, bidang.anggaran) in row
    plain = text_of(page.text)
    assert rupiah(r.pendapatan.anggaran) in plain and rupiah(r.belanja.anggaran) in plain
    assert f"berlaku sejak 20 Desember {TAHUN - 1}" in plain and "Nomor 3 Tahun 2024" in plain
    assert f"Realisasi sampai tanggal {tanggal(r.per_tanggal)}." in plain and r.per_tanggal <= date(TAHUN, 6, 30)
    assert "Dana Desa" in plain and "SiLPA" in plain
    # /apbdes is the latest year in force
    assert text_of(client.get("/apbdes").text).count(rupiah(r.belanja.anggaran)) >= 1


def test_drill_down_from_bidang_to_kegiatan_and_lines(client, balai):
    budget()
    r = run_sync(lambda: ringkasan(TAHUN))
    bidang = next(b for b in r.belanja.anak if b.kode == "02")
    kegiatan = bidang.anak[0].anak[0]
    line = kegiatan.anak[0]
    page = client.get(f"/apbdes/{TAHUN}/bidang/02")
    assert page.status_code == 200
    plain = text_of(page.text)
    assert bidang.nama in plain and kegiatan.nama in plain and line.nama in plain
    row = text_of(page.text.split(f"{kegiatan.kode}</span>")[1].split("</tr>")[0])
    assert rupiah(kegiatan.anggaran) in row and rupiah(kegiatan.realisasi) in row
    assert client.get(f"/apbdes/{TAHUN}/bidang/09").status_code == 404
    assert client.get(f"/apbdes/{TAHUN}/bidang/..%2F").status_code == 404


def test_year_switcher_and_a_year_without_budget(client, balai):
    budget(TAHUN)
    budget(TAHUN + 1, baris=85)
    page = client.get("/apbdes")
    assert page.status_code == 200 and f"APB Desa {TAHUN + 1}</h1>" in page.text
    assert f'href="/apbdes/{TAHUN}"' in page.text and f'href="/apbdes/{TAHUN + 1}" aria-current="page"' in page.text
    older = client.get(f"/apbdes/{TAHUN}")
    assert older.status_code == 200 and f"APB Desa {TAHUN}</h1>" in older.text
    for url in (f"/apbdes/{TAHUN - 3}", f"/apbdes/{TAHUN - 3}.csv", "/apbdes/abcd", "/apbdes/99999",
                f"/apbdes/{TAHUN - 3}/bidang/02"):
        missing = client.get(url)
        assert missing.status_code == 404, url
        assert "set-cookie" not in missing.headers
    assert "belum diterbitkan" in client.get(f"/apbdes/{TAHUN - 3}").text


def test_no_budget_at_all_is_a_friendly_page_and_no_home_block(client, balai):
    page = client.get("/apbdes")
    assert page.status_code == 404 and "APB Desa belum diterbitkan" in page.text
    assert "apbdes-blok" not in client.get("/").text


def test_csv_is_the_flat_table(client, balai):
    budget()
    r = run_sync(lambda: ringkasan(TAHUN))
    answer = client.get(f"/apbdes/{TAHUN}.csv")
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    assert f'filename="apbdes-{TAHUN}.csv"' in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert list(rows[0]) == ["bagian", "tingkat", "kode", "uraian", "anggaran", "realisasi", "sisa", "persen"]
    by = {(row["bagian"], row["kode"]): row for row in rows}
    bidang = next(b for b in r.belanja.anak if b.kode == "02")
    assert by[("Belanja", "02")]["anggaran"] == f"{bidang.anggaran // 100}.{bidang.anggaran % 100:02d}"
    assert by[("Belanja", "02")]["realisasi"] == f"{bidang.realisasi // 100}.{bidang.realisasi % 100:02d}"
    silpa = next(row for row in rows if row["uraian"] == "SiLPA")
    assert silpa["anggaran"] == f"{r.silpa[0] // 100}.{r.silpa[0] % 100:02d}"
    assert {row["bagian"] for row in rows} >= {"Pendapatan", "Belanja", "Pembiayaan - Penerimaan", "Jumlah"}


def _mediabox(pdf: bytes) -> tuple[list[float], int]:
    try:
        from pypdf import PdfReader
    except ImportError:  # the file's own text: every /MediaBox and /Type /Page
        boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.\s]+)\]", pdf)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        return [float(x) for x in boxes[0].split()], pages
    reader = PdfReader(io.BytesIO(pdf))
    return [float(x) for x in reader.pages[0].mediabox], len(reader.pages)


@pytest.mark.parametrize("ukuran, mm", [("", (594, 841)), ("A0", (841, 1189))])
def test_banner_is_one_portrait_page_a1_or_a0(client, balai, ukuran, mm):
    budget()
    answer = client.get(f"/apbdes/{TAHUN}/spanduk.pdf" + (f"?ukuran={ukuran}" if ukuran else ""))
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert answer.content.startswith(b"%PDF")
    box, pages = _mediabox(answer.content)
    assert pages == 1
    width_mm, height_mm = (box[2] - box[0]) * 25.4 / 72, (box[3] - box[1]) * 25.4 / 72
    assert (round(width_mm), round(height_mm)) == mm
    assert client.get(f"/apbdes/{TAHUN}/spanduk.pdf?ukuran=A7").status_code == 404


def test_home_block_shows_the_year_and_links_to_the_infographic(client, balai):
    budget()
    r = run_sync(lambda: ringkasan(TAHUN))
    home = client.get("/")
    block = text_of(home.text.split('class="apbdes-blok')[1].split("</section>")[0])
    assert f"APB Desa {TAHUN}" in block
    assert rupiah(r.pendapatan.anggaran) in block and rupiah(r.belanja.anggaran) in block
    assert persen(r.belanja.realisasi, r.belanja.anggaran) in block
    assert 'href="/apbdes"' in home.text


def test_a_recorded_realisation_moves_the_cached_page_and_no_cookie_is_sent(client, balai):
    budget()
    before = client.get(f"/apbdes/{TAHUN}/bidang/02")
    again = client.get(f"/apbdes/{TAHUN}/bidang/02", headers={"If-None-Match": before.headers["etag"]})
    assert again.status_code == 304  # served from the cache
    r = run_sync(lambda: ringkasan(TAHUN))
    kegiatan = next(b for b in r.belanja.anak if b.kode == "02").anak[0].anak[0]
    line = kegiatan.anak[0]
    spend(balai, TAHUN, kegiatan.kode, line.kode.split("/")[1], 123_456_700, date(TAHUN, 7, 15))
    after = client.get(f"/apbdes/{TAHUN}/bidang/02")
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    assert rupiah(kegiatan.realisasi + 123_456_700) in after.text
    assert f"Realisasi sampai tanggal 15 Juli {TAHUN}" in text_of(after.text)
    for url in ("/apbdes", f"/apbdes/{TAHUN}", f"/apbdes/{TAHUN}.csv", f"/apbdes/{TAHUN}/spanduk.pdf", "/"):
        assert "set-cookie" not in client.get(url).headers, url


def _hand_made(belanja_anak=(), pendapatan_anak=()):
    """A Ringkasan built by hand (no database): the layout must not depend on a typical budget."""
    from plugins.keuangan.ringkasan import Pos, Ringkasan

    def group(kode, nama, anak):
        return Pos(kode, nama, sum(a.anggaran for a in anak), sum(a.realisasi for a in anak), tuple(anak))
    return Ringkasan(tahun=TAHUN, apbdes={"id": 1, "versi": 2, "nama": f"APB Desa Perubahan {TAHUN}",
                                          "berlaku_sejak": date(TAHUN, 8, 1), "nomor_perdes": "", "diubah": None},
                     per_tanggal=date(TAHUN, 9, 30), pendapatan=group("4", "Pendapatan", pendapatan_anak),
                     belanja=group("5", "Belanja", belanja_anak), belanja_per_jenis=group("5", "Belanja", ()),
                     penerimaan_pembiayaan=group("6.1", "Penerimaan Pembiayaan", ()),
                     pengeluaran_pembiayaan=group("6.2", "Pengeluaran Pembiayaan", ()))


def test_over_budget_is_flagged_and_an_empty_budget_still_lays_out():
    from plugins.keuangan.ringkasan import Pos
    from plugins.keuangan.publik import spanduk, tampilan

    line = Pos("05.01.01/5.4.1", "Belanja tak terduga banjir", 10_000_000, 25_000_000)
    kegiatan = Pos("05.01.01", "Penanggulangan banjir", 10_000_000, 25_000_000, (line,))
    bidang = Pos("05", "Penanggulangan Bencana, Keadaan Darurat dan Mendesak", 10_000_000, 25_000_000,
                 (Pos("05.01", "Penanggulangan Bencana", 10_000_000, 25_000_000, (kegiatan,)),))
    page = tampilan.infografis(_hand_made((bidang,)), [TAHUN])
    [row] = page["baris_bidang"]
    assert row["lebih"] and row["persen"] == "250,0%" and row["sisa"] == "-Rp150.000"
    assert 'class="realisasi lebih"' in page["grafik_bidang"]
    assert page["versi"]["berlaku_sejak"] == f"1 Agustus {TAHUN}" and page["versi"]["perubahan"]
    drill = tampilan.rincian_bidang(_hand_made((bidang,)), bidang)
    assert [r["nama"] for r in drill["baris"]] == ["Penanggulangan Bencana", "Penanggulangan banjir",
                                                   "Belanja tak terduga banjir"]
    empty = _hand_made()
    assert "Belum ada data." in tampilan.infografis(empty, [TAHUN])["grafik_bidang"]
    for ukuran in ("A1", "A0"):
        pdf = spanduk.buat(empty, {"nama": "Taram", "sebutan_desa": "Nagari"}, ukuran)
        assert _mediabox(pdf)[1] == 1


def test_banner_prints_no_server_date_only_the_realisation_date(client, balai):
    """The banner is cached: a "printed on" date would be the day the cache was filled, not the reader's."""
    budget()
    r = run_sync(lambda: ringkasan(TAHUN))
    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(client.get(f"/apbdes/{TAHUN}/spanduk.pdf").content)).pages[0].extract_text()
    assert "dicetak" not in text
    assert f"Realisasi sampai tanggal {tanggal(r.per_tanggal)}" in text


def test_csv_cells_that_look_like_formulas_are_not_formulas_in_a_spreadsheet():
    """A line's uraian is typed by the office: "=...", "+...", "-..." or "@..." must open in Excel as text."""
    from plugins.keuangan.publik.unduhan import csv_teks
    from plugins.keuangan.ringkasan import Pos

    lines = [Pos("05.01.01/5.4.1", '=HYPERLINK("http://contoh.invalid","klik")', 10_000_000, 25_000_000),
             Pos("05.01.01/5.4.2", "@SUM(A1:A9)", 10_000_000, 0), Pos("05.01.01/5.4.3", "-2+3", 10_000_000, 0)]
    kegiatan = Pos("05.01.01", "+62 812 Penanggulangan banjir", 30_000_000, 25_000_000, tuple(lines))
    rows = list(csv.DictReader(io.StringIO(csv_teks(_hand_made((kegiatan,))))))
    uraian = [row["uraian"] for row in rows if row["bagian"] == "Belanja" and row["tingkat"] != "0"]
    assert uraian == ["'+62 812 Penanggulangan banjir", '\'=HYPERLINK("http://contoh.invalid","klik")',
                      "'@SUM(A1:A9)", "'-2+3"]
    over = next(row for row in rows if row["kode"] == "05.01.01/5.4.1")
    assert over["sisa"] == "-150000.00"  # a negative amount stays a number


def test_csv_percentage_is_the_pages_rounded_half_up_and_none_for_balances():
    from plugins.keuangan.publik import tampilan
    from plugins.keuangan.publik.unduhan import csv_teks
    from plugins.keuangan.ringkasan import Pos

    line = Pos("05.01.01/5.4.1", "Belanja tak terduga", 1_600_00, 100_00)  # 6,25%: a tie
    kegiatan = Pos("05.01.01", "Penanggulangan banjir", 1_600_00, 100_00, (line,))
    r = _hand_made((kegiatan,))
    rows = list(csv.DictReader(io.StringIO(csv_teks(r))))
    assert next(row for row in rows if row["kode"] == "05.01.01/5.4.1")["persen"] == "6.3"
    assert tampilan.baris(line)["persen"] == "6,3%"
    assert [row["persen"] for row in rows if row["bagian"] == "Jumlah"] == ["", "", ""]
