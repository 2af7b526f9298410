"""The one xlsx writer's layout for books and reports: dates stay dates, the header stays in view, columns are wide
enough, the header row is bold; a spreadsheet reader sees the typed values."""

import io
import re
import zipfile
from datetime import date

from python_calamine import CalamineWorkbook

from plugin_sdk.dokumen import Lembar, xlsx_bytes


def test_a_laid_out_sheet_keeps_types_and_freezes_its_header():
    rows = [["B.1 Buku Induk Penduduk"], [], ["No.", "Nama", "Tanggal lahir", "Umur"],
            [1, "=SUM(A1)", date(1990, 2, 28), 36], [2, "Siti", None, 7]]
    content = xlsx_bytes({"Buku": Lembar(rows, beku=3, lebar=(5, 30, 14), tebal=(2,)), "Polos": [["a", 1]]})
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_name("Buku").to_python()
    assert sheet[3][1] == "=SUM(A1)" and sheet[3][2] == date(1990, 2, 28) and sheet[3][3] == 36
    assert sheet[4][2] == ""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
        plain = book.read("xl/worksheets/sheet2.xml").decode()
        styles = book.read("xl/styles.xml").decode()
    assert 'ySplit="3"' in xml and 'topLeftCell="A4"' in xml and 'state="frozen"' in xml
    assert re.search(r'<col min="2" max="2" width="30.0" customWidth="1"/>', xml)
    header = re.findall(r"<row>(.*?)</row>", xml)[2]
    assert header.count('s="2"') == 4  # the table's header row is bold
    assert "dd-mm-yyyy" in styles and "<b/>" in styles
    assert "sheetViews" not in plain and "<cols>" not in plain
