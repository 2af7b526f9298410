"""A book as a PDF, read back as a clerk would see it: landscape pages numbered "halaman x dari y", the column
header on every page, long cells whole, names printed literally, signatures on the last page, an empty book says so,
a long book reports its progress. No database: write_pdf is a pure function."""

import io
import re

import pypdfium2
import pytest
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from plugin_sdk.dokumen import BlokTandaTangan
from plugins.buku_administrasi.buku import Kolom
from plugins.buku_administrasi.pdf import _wrap, column_widths, write_pdf
from plugins.buku_administrasi.penduduk import B1_KOLOM

KOP = {"baris": ["PEMERINTAH KABUPATEN LIMA PULUH KOTA", "KECAMATAN HARAU", "NAGARI TARAM"],
       "alamat": "Jl. Raya Taram No. 1, Kecamatan Harau"}
KEPALA = [["Nagari", "Taram"], ["Periode", "2026-12"], ["Jorong", "Semua"]]
LONG_ADDRESS = "Jl. Raya Payakumbuh-Lintau Km. 12 No. 45, RT 002 RW 003, Jorong Tanjuang Ateh, Taram"
SIGNERS = (BlokTandaTangan(("Wali Nagari Taram",), "Syafrizal Dt. Rajo", ""),
           BlokTandaTangan(("a.n. Wali Nagari Taram", "Sekretaris Nagari"), "Rina Marlina", "NIPD. 1306"))


def _resident(n: int, nama: str | None = None) -> list:
    return [nama or f"Warga Nomor {n} Taram", "Perempuan" if n % 2 else "Laki-laki", "Kawin", "Payakumbuh",
            "01-02-1990", "Islam", "SLTA/Sederajat", "Petani/Pekebun", "Latin", "WNI",
            "Koto Tuo No. 3, Jorong Subarang", "Anak", f"1306{n:012d}", f"1306{n // 4:012d}", ""]


def _book(rows, **options) -> tuple[int, PdfReader]:
    target = io.BytesIO()
    pages = write_pdf(target, kop=KOP, judul="B.1 BUKU INDUK PENDUDUK", kepala=KEPALA, kolom=list(B1_KOLOM),
                      baris=rows, **options)
    return pages, PdfReader(io.BytesIO(target.getvalue()))


def _text(page) -> str:
    return page.extract_text()


def _squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def long_book():
    rows = [_resident(n) for n in range(1, 301)]
    rows[0][0], rows[-1][0] = "Ahmad Pertama", "Zulkifli Terakhir"
    rows[150][10] = LONG_ADDRESS
    return _book(rows, tanda_tangan=SIGNERS, tempat_tanggal="Taram, 5 Desember 2026")


@pytest.mark.parametrize("kertas, size_mm", [("A4", (297, 210)), ("F4", (330, 215))])
def test_book_prints_on_landscape_paper_of_the_chosen_size(kertas, size_mm):
    _, reader = _book([_resident(1)], kertas=kertas)
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)
    assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == size_mm


def test_a_long_book_numbers_its_pages_and_repeats_the_column_header(long_book):
    pages, reader = long_book
    total = len(reader.pages)
    assert pages == total > 1
    first, last = _text(reader.pages[0]), _text(reader.pages[-1])
    assert f"halaman 1 dari {total}" in first and f"halaman {total} dari {total}" in last
    assert "B.1 BUKU INDUK PENDUDUK" in last  # the footer names the book on every page
    for label in ("Nama lengkap", "Tanggal lahir", "Kedudukan dalam keluarga", "No. KK"):
        assert _squashed(label) in _squashed(last)  # labels wrap in their header cells
    assert "NAGARI TARAM" in first and "NAGARI TARAM" not in last  # the letterhead only opens the book


def test_every_row_is_printed_from_the_first_to_the_last(long_book):
    _, reader = long_book
    everything = _squashed("".join(_text(page) for page in reader.pages))
    assert "AhmadPertama" in _squashed(_text(reader.pages[0]))
    assert "ZulkifliTerakhir" in _squashed(_text(reader.pages[-1]))
    assert all(f"WargaNomor{n}Taram" in everything for n in range(2, 300))


def test_a_long_address_wraps_in_its_cell_without_losing_a_character(long_book):
    _, reader = long_book
    assert _squashed(LONG_ADDRESS) in _squashed("".join(_text(page) for page in reader.pages))


def test_wrapped_lines_fit_their_column_even_for_a_word_too_long():
    for text in (LONG_ADDRESS, "warga.dengan.alamat.surel.yang.sangat.panjang@contoh.desa.id", "1306011234567890"):
        lines = _wrap(text, "Helvetica", 40.0)
        assert all(stringWidth(line, "Helvetica", 7) <= 40.0 for line in lines)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_column_widths_fill_the_page_and_keep_a_nik_on_one_line():
    kolom = list(B1_KOLOM)
    widths = column_widths(kolom, [_resident(n) for n in range(1, 50)], 770.0)
    assert len(widths) == len(kolom) + 1 and sum(widths) == pytest.approx(770.0)
    nik = 1 + next(i for i, k in enumerate(kolom) if k.kunci == "nik")
    assert len(_wrap("1306011234567890", "Helvetica", widths[nik] - 4)) == 1


def test_markup_characters_in_names_print_literally():
    odd = "Siti & <Rahma> Putri"
    kop = {**KOP, "alamat": "Jl. Datuak & <Sutan>"}
    target = io.BytesIO()
    write_pdf(target, kop=kop, judul="B.1 BUKU INDUK PENDUDUK", kepala=[["Pencarian", "<b>Siti</b> & co"]],
              kolom=list(B1_KOLOM), baris=[_resident(1, nama=odd)],
              tanda_tangan=[BlokTandaTangan(("Wali Nagari",), "Dt. <Rajo> & Co", "")])
    text = _text(PdfReader(io.BytesIO(target.getvalue())).pages[0])
    for literal in (odd, "Jl. Datuak & <Sutan>", "<b>Siti</b> & co", "Dt. <Rajo> & Co"):
        assert _squashed(literal) in _squashed(text)


def test_an_empty_book_is_one_page_with_its_header_and_a_note():
    pages, reader = _book([])
    assert pages == len(reader.pages) == 1
    text = _text(reader.pages[0])
    assert "Tidak ada data untuk periode ini." in text
    assert "Namalengkap" in _squashed(text) and "halaman 1 dari 1" in text


def test_signature_blocks_close_the_book_on_its_last_page(long_book):
    _, reader = long_book
    last = _text(reader.pages[-1])
    for line in ("Taram, 5 Desember 2026", "a.n. Wali Nagari Taram", "Sekretaris Nagari", "Rina Marlina",
                 "NIPD. 1306", "Syafrizal Dt. Rajo"):
        assert line in last
    assert "Rina Marlina" not in _text(reader.pages[0])


@pytest.mark.parametrize("jumlah", [1200, None])  # without it, the total is the rows counted
def test_a_long_book_reports_progress_up_to_the_total(jumlah):
    calls = []
    rows = (_resident(n) for n in range(1, 1201))  # a generator: the rows are read once
    _book(rows, progress=lambda done, total: calls.append((done, total)), jumlah=jumlah)
    done = [d for d, _ in calls]
    assert len(calls) >= 2 and done == sorted(set(done))
    assert calls[-1] == (1200, 1200) and all(total == 1200 for _, total in calls)


def test_number_columns_are_right_aligned(tmp_path):
    kolom = [Kolom("wilayah", "Jorong"), Kolom("jumlah", "Jumlah", "number")]
    target = tmp_path / "b3.pdf"
    assert write_pdf(target, kop=KOP, judul="B.3 REKAPITULASI", kepala=[], kolom=kolom,
                     baris=[["Subarang", "1.204"], ["Kapalo Koto", None]]) == 1
    page = pypdfium2.PdfDocument(target)[0]
    text = page.get_textpage()
    start, length = text.search("1.204").get_next()
    right_edge = text.get_charbox(start + length - 1)[2]
    assert page.get_size()[0] - 12 / 25.4 * 72 - right_edge < 4  # flush with the table's right border


def test_an_unknown_paper_size_is_refused():
    with pytest.raises(ValueError, match="Kertas"):
        write_pdf(io.BytesIO(), kop=KOP, judul="B.1", kepala=[], kolom=list(B1_KOLOM), baris=[], kertas="Letter")
