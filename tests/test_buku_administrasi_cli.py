"""`balai buku`: the books listed, a book written to a file with a progress bar, a wrong code refused."""

import io

from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from tests.test_cli import balai


def test_the_command_line_writes_the_buku_induk_as_pdf_and_xlsx(tmp_path):
    assert balai(tmp_path, "demo", "--no-serve", "--penduduk", "200", "--tanpa-surat").returncode == 0
    listing = balai(tmp_path, "buku", "daftar")
    assert listing.returncode == 0 and "B.1" in listing.stdout and "Buku Induk Penduduk" in listing.stdout
    assert "A.7" in listing.stdout  # surat's letters, as the Agenda

    target = tmp_path / "induk.pdf"
    made = balai(tmp_path, "buku", "ekspor", "B1", "--format", "pdf", "--kertas", "F4", "--keluar", str(target))
    assert made.returncode == 0, made.stderr
    assert "selesai dalam" in made.stdout and "ditulis ke" in made.stdout  # the bar itself shows on a terminal only
    reader = PdfReader(target)
    assert len(reader.pages) >= 2 and reader.pages[0].mediabox.width > reader.pages[0].mediabox.height

    sheet = tmp_path / "induk.xlsx"
    masked = balai(tmp_path, "buku", "ekspor", "B.1", "--format", "xlsx", "--samarkan", "--keluar", str(sheet))
    assert masked.returncode == 0, masked.stderr
    rows = CalamineWorkbook.from_filelike(io.BytesIO(sheet.read_bytes())).get_sheet_by_index(0).to_python()
    header = next(i for i, r in enumerate(rows) if r and r[0] == "No.")
    nik = rows[header].index("NIK")
    assert all(str(r[nik]).endswith("x" * 10) for r in rows[header + 1:])

    wrong = balai(tmp_path, "buku", "ekspor", "Z9")
    assert wrong.returncode != 0 and "tidak dikenal" in wrong.stderr
    late = balai(tmp_path, "buku", "ekspor", "B3", "--tahun", "2999", "--bulan", "1")
    assert late.returncode != 0 and "belum berjalan" in late.stderr
