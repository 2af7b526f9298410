"""Hostile and broken files in the import: refused with a message that says what is wrong, nothing changes,
and the worker survives; control characters never reach the register or break an export.

The bombs are built here with zipfile (nothing binary is committed). Tests that build one run with this
process's address space capped, so a regression fails the test instead of eating the machine.
"""

import codecs
import csv
import io
import os
import re
import resource
import subprocess
import time
import zipfile
from contextlib import contextmanager

import pytest

from core.penduduk.tables import Penduduk
from plugin_sdk.jobs import run_pending
from plugin_sdk.testing import post_form, run_sync
from plugins.impor import periksa_berkas
from plugins.impor.baca import FileProblem
from plugins.impor.contoh import rows
from plugins.impor.opensid import COLUMNS
from tests.test_impor import count, finish, upload

_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
       'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
       'relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/>'
       '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
       'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
       'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{shared}</Types>')
_SHARED_CT = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
              'spreadsheetml.sharedStrings+xml"/>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
         'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
         'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_BOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
         'main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
         '<sheet name="penduduk" sheetId="1" r:id="rId1"/></sheets></workbook>')
_BOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
              '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
              '2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{shared}</Relationships>')
_SHARED_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               'sharedStrings" Target="sharedStrings.xml"/>')
HEADER = ('<row r="1"><c r="A1" t="inlineStr"><is><t>nik</t></is></c>'
          '<c r="B1" t="inlineStr"><is><t>nama</t></is></c></row>')


_STYLES_REL = ('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               'styles" Target="styles.xml"/>')
_STYLES = ('<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
           '2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs>'
           '</styleSheet>')  # s="1": a date


def workbook(path, sheet_data: str, dimension: str | None = None, shared_text_mib: int = 0, dates: bool = False):
    """A one-sheet xlsx; `shared_text_mib` puts one string of that many MiB in the shared strings (cell B2)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as book:
        book.writestr("[Content_Types].xml", _CT.format(shared=_SHARED_CT if shared_text_mib else ""))
        book.writestr("_rels/.rels", _RELS)
        book.writestr("xl/workbook.xml", _BOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS.format(
            shared=(_SHARED_REL if shared_text_mib else "") + (_STYLES_REL if dates else "")))
        if dates:
            book.writestr("xl/styles.xml", _STYLES)
        size = f'<dimension ref="{dimension}"/>' if dimension else ""
        book.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://'
                      f'schemas.openxmlformats.org/spreadsheetml/2006/main">{size}<sheetData>{sheet_data}</sheetData>'
                      '</worksheet>')
        if shared_text_mib:
            with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
                part.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                           b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>')
                block = b"A" * 2**20
                for _ in range(shared_text_mib):
                    part.write(block)
                part.write(b"</t></si></sst>")
    return path


@contextmanager
def capped_memory(extra_gib: float = 3):
    """This process may grow by `extra_gib` at most while a bomb is around (restored afterwards)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/status") as status:
        now = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmSize:"))
    resource.setrlimit(resource.RLIMIT_AS, (now + int(extra_gib * 2**30), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def ended(client, balai, job_url) -> dict:
    run_sync(run_pending(balai))
    state = client.get(job_url + "/status").json()
    assert state["berakhir"], state
    return state


def refused(client, balai, path) -> str:
    """Dry-run `path` through the web and its job; the operator's message (the job must have failed)."""
    state = ended(client, balai, upload(client, path))
    assert state["status"] == "gagal", state
    assert "kesalahan di server" not in state["pesan"], state["pesan"]
    assert count(Penduduk) == 0
    return state["pesan"]


# --- Spreadsheet bombs --------------------------------------------------------------------------------------------


def test_a_cell_at_xfd1048576_is_refused_before_it_is_read(admin_client, balai, tmp_path):
    bomb = workbook(tmp_path / "bom.xlsx", HEADER + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>',
                    dimension="A1:XFD1048576")
    assert bomb.stat().st_size < 2000
    with capped_memory():
        message = refused(admin_client, balai, bomb)
    assert "terlalu besar" in message and "A1:XFD1048576" in message and "1.048.576" in message, message


def test_a_cell_far_out_is_refused_even_when_the_sheet_hides_its_size(tmp_path):
    lone = workbook(tmp_path / "sendiri.xlsx", '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    with capped_memory(), pytest.raises(FileProblem, match="terlalu besar.*1.048.576"):
        periksa_berkas.read_rows(lone)
    # A header at A1 and no <dimension>: the reader itself asks for 512 GiB; only the capped child dies.
    hidden = workbook(tmp_path / "tersembunyi.xlsx", HEADER + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    with capped_memory(), pytest.raises(FileProblem, match="memori melebihi batas 1,5 GiB"):
        periksa_berkas.read_rows(hidden)


def test_a_reader_that_takes_too_long_is_stopped(tmp_path):
    book = workbook(tmp_path / "lambat.xlsx", HEADER)
    with pytest.raises(FileProblem, match="tidak selesai dibaca dalam 0 detik dan dihentikan"):
        periksa_berkas.read_rows(book, timeout=0.001)


def test_a_huge_string_is_refused_from_the_zip_directory(admin_client, balai, tmp_path):
    # One cell of 300 MiB, packed to ~0.3 MB (the 3 GB one met in the field is the same file, ten times longer).
    bomb = workbook(tmp_path / "teks.xlsx", HEADER + '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>0</v></c>'
                    "</row>", dimension="A1:B2", shared_text_mib=300)
    assert bomb.stat().st_size < 2 * 2**20
    with capped_memory():
        message = refused(admin_client, balai, bomb)
    assert "shared strings" in message and "300 MB" in message, message


def test_a_part_packed_far_beyond_real_sheets_is_refused(tmp_path):
    bomb = workbook(tmp_path / "padat.xlsx", HEADER, dimension="A1:B2", shared_text_mib=40)
    with capped_memory(), pytest.raises(FileProblem, match="memadat [0-9]+ kali"):
        periksa_berkas.check_xlsx(bomb)


def test_a_genuine_register_sized_sheet_passes_the_checks(tmp_path):
    body = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, 200))
    periksa_berkas.check_xlsx(workbook(tmp_path / "besar.xlsx", HEADER + body, dimension="A1:AQ100000"))
    with pytest.raises(FileProblem, match="terlalu besar"):
        periksa_berkas.check_xlsx(workbook(tmp_path / "lebar.xlsx", HEADER + body, dimension="A1:ZZ100000"))


def test_the_reader_child_hands_back_every_kind_of_cell(tmp_path):
    from datetime import date

    cells = ('<row r="2"><c r="A2" t="inlineStr"><is><t>1307050101900001</t></is></c><c r="B2" s="1"><v>32874</v></c>'
             '<c r="C2"><v>2.5</v></c><c r="D2" t="b"><v>1</v></c></row>')
    assert periksa_berkas.read_rows(workbook(tmp_path / "tanggal.xlsx", HEADER + cells, dates=True)) == [
        ["nik", "nama", "", ""], ["1307050101900001", date(1990, 1, 1), 2.5, True]]


def test_a_bomb_fails_alone_and_the_worker_keeps_running_the_jobs_beside_it(admin_client, balai, tmp_path):
    """Before: python-calamine aborted the whole `balai worker` (signal 6) and the export beside it never ran."""
    from core.tugas.tables import Tugas
    from tests.live import BALAI

    hidden = workbook(tmp_path / "bom.xlsx", HEADER + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')
    bomb_job = upload(admin_client, hidden).rsplit("/", 1)[1]
    export_job = post_form(admin_client, "/admin/ekspor", {"format": "opensid-csv"},
                           follow_redirects=False).headers["location"].rsplit("/", 1)[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
    env.update(BALAI_DATA_DIR=str(balai.settings.data_dir), BALAI_DATABASE_URL=balai.settings.database_url,
               BALAI_SECRET_KEY=balai.settings.secret_key)
    with capped_memory():
        worker = subprocess.Popen([BALAI, "worker"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while True:
            found = run_sync(Tugas.select().where(Tugas.kode.is_in([bomb_job, export_job])).run())
            states = {r["kode"]: r for r in found}
            if all(r["status"] in ("selesai", "gagal") for r in states.values()):
                break
            assert worker.poll() is None, f"worker died ({worker.returncode}): {worker.stderr.read().decode()[-1500:]}"
            assert time.monotonic() < deadline, states
            time.sleep(0.2)
        assert worker.poll() is None  # still taking jobs
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert states[bomb_job]["status"] == "gagal" and "memori melebihi batas" in states[bomb_job]["pesan"], states
    assert states[export_job]["status"] == "selesai", states


# --- Reader errors reach the operator as what is wrong with the file ----------------------------------------------


@pytest.mark.parametrize("name, content, expected", [
    ("rusak.xlsx", None, r"Berkas Excel rusak: isi XML lembar kerjanya tidak utuh"),
    ("bukan.xlsx", b"nik,nama\n1,Ani\n", r"Berkas Excel rusak: isinya bukan arsip \.xlsx yang utuh"),
    ("lama.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), r"Excel lama \(\.xls\) atau dilindungi kata sandi"),
    ("kutip.csv", ",".join(COLUMNS).encode() + b'\n"tidak ditutup,' + b"x" * 140_000 + b"\n",
     r"Berkas CSV rusak di baris 2: ada isian lebih dari 131\.072 karakter\. Biasanya tanda kutip"),
    ("utf16.csv", ",".join(COLUMNS).encode("utf-16-le") + "\n1,2\n".encode("utf-16-le"),
     r"bukan teks UTF-8 .*CSV UTF-8"),
    # 40 MB of bare newlines used to become 3 GB of empty rows in the worker; 0.6 MB is enough to show the limit.
    ("kosong.csv", ",".join(COLUMNS).encode() + b"\n" * 600_000,
     r"Berkas CSV terlalu besar: lebih dari 500\.000 baris"),
])
def test_a_broken_file_gets_a_plain_message(admin_client, balai, tmp_path, name, content, expected):
    path = tmp_path / name
    if content is None:  # a sheet whose XML was cut short (python_calamine.XmlError)
        workbook(path, HEADER + '<row r="2"><c r="A2" t="inlineStr"><is><t>1</t></row>')
    else:
        path.write_bytes(content)
    message = refused(admin_client, balai, path)
    assert re.search(expected, message), message


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_a_utf16_csv_with_its_bom_is_read(admin_client, balai, tmp_path, encoding):
    """Excel's "Unicode Text" (tab-separated UTF-16 with a BOM) used to say the required columns were missing."""
    data = rows(8, seed=5)
    data[2]["nama"] = "Rosmaniar Ünal"
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t")
    writer.writerow(COLUMNS)
    writer.writerows([[r[c] for c in COLUMNS] for r in data])
    bom = codecs.BOM_UTF16_BE if encoding.endswith("be") else b""
    (tmp_path / "unicode.csv").write_bytes(bom + out.getvalue().encode(encoding))
    state = finish(admin_client, balai, upload(admin_client, tmp_path / "unicode.csv"))
    assert re.search(r'id="jumlah-baru">8<', admin_client.get(state["tautan"]).text)
    finish(admin_client, balai, post_form(admin_client, state["tautan"] + "/terapkan",
                                          follow_redirects=False).headers["location"])
    assert run_sync(Penduduk.select(Penduduk.nama).where(Penduduk.nik == data[2]["nik"]).first().run())["nama"] == \
        "Rosmaniar Ünal"
