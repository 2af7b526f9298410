"""A book as PDF and XLSX through the background job: the nagari's header, every resident, page x of y, the chosen
signers, the paper asked for; bad choices refused with nothing queued; a failed job leaves no file; the finished
file is listed for its owner; the command line runs the same job with a progress bar."""

import io
import json

import pytest
from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from core.audit.tables import AuditEntri
from core.penduduk.tables import Penduduk
from core.tables import Perangkat
from core.tugas.tables import Tugas
from plugin_sdk.testing import post_form, run_sync
from plugins.buku_administrasi import tugas
from tests.surat_helpers import demo_nagari, pdf_text
from tests.test_impor import finish

MM = 72 / 25.4


@pytest.fixture
def demo(balai):
    demo_nagari(balai, residents=150)
    return run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).order_by(Penduduk.id).run())


def _official(jabatan: str) -> dict:
    return run_sync(Perangkat.select().where(Perangkat.jabatan == jabatan).first().run())


def _export(client, kode="b1", **form):
    data = {"format": "pdf", "kertas": "A4", **form}
    return post_form(client, f"/admin/buku/{kode}/ekspor", data, follow_redirects=False)


def test_the_buku_induk_as_pdf_holds_every_resident_signed_on_f4(admin_client, balai, demo):
    sekretaris = run_sync(Perangkat.select().where(Perangkat.cara_tanda_tangan == "an").first().run())
    answer = _export(admin_client, kertas="F4", ttd=str(sekretaris["id"]))
    assert answer.status_code in (302, 303) and answer.headers["location"].startswith("/admin/tugas/")
    state = finish(admin_client, balai, answer.headers["location"])
    pdf = admin_client.get(state["tautan"])
    assert pdf.headers["content-type"] == "application/pdf" and pdf.headers["cache-control"] == "no-store"
    reader = PdfReader(io.BytesIO(pdf.content))
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width / MM), round(height / MM)) == (330, 215)  # F4, landscape
    pages = len(reader.pages)
    text = pdf_text(pdf.content)
    assert demo[0]["nama"] in text and demo[-1]["nama"] in text
    assert f"halaman 1 dari {pages}" in text and f"halaman {pages} dari {pages}" in text
    assert "B.1 BUKU INDUK PENDUDUK" in text and "TARAM" in text.upper()
    last = " ".join(reader.pages[-1].extract_text().split())
    assert sekretaris["nama"] in last and "a.n." in last
    entry = run_sync(AuditEntri.select().where((AuditEntri.aksi == "unduh")
                                               & (AuditEntri.objek_jenis == "buku_administrasi")).first().run())
    rincian = entry["rincian"] if isinstance(entry["rincian"], dict) else json.loads(entry["rincian"])
    assert rincian["format"] == "pdf" and rincian["baris"] == len(demo)
    assert state["tautan"].split("/")[-1] in admin_client.get("/admin/buku").text  # listed under "Berkas Anda"


def test_the_masked_xlsx_from_the_job_is_a_real_spreadsheet(admin_client, balai, demo):
    answer = _export(admin_client, format="xlsx", samarkan="1")
    state = finish(admin_client, balai, answer.headers["location"])
    content = admin_client.get(state["tautan"]).content
    rows = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()
    start = next(i for i, row in enumerate(rows) if row and row[0] == "No.")
    table = rows[start + 1:]
    assert len(table) == len(demo)
    born = rows[start].index("Tanggal lahir")
    assert table[0][born] == demo[0]["tanggal_lahir"]  # a date cell, not text
    full = {p["nik"] for p in demo}
    assert not any(str(cell) in full for row in table for cell in row)


def test_bad_choices_are_refused_and_nothing_is_queued(admin_client, demo):
    lurah = _official("Wali Nagari")
    run_sync(Perangkat.update({Perangkat.boleh_tanda_tangan: False}).where(Perangkat.id == lurah["id"]).run())
    cases = [({"format": "doc"}, "Format"), ({"kertas": "A3"}, "kertas"), ({"ttd": str(lurah["id"])}, "tidak sah"),
             ({"ttd": "x"}, "Pilih penanda tangan"), ({"jorong": "99999"}, "tidak dikenal"),
             ({"kode": "b3", "periode": "2026-13"}, "Periode")]
    for form, words in cases:
        answer = _export(admin_client, **form)
        assert answer.status_code == 400 and words in answer.text, form
    assert _export(admin_client, kode="z9").status_code == 404
    assert run_sync(Tugas.count().run()) == 0


def test_a_failed_job_says_why_and_leaves_no_file(admin_client, balai, demo, monkeypatch):
    def broken(target, **kwargs):
        with open(target, "wb") as out:
            out.write(b"%PDF-1.4 setengah")
        raise OSError("disk penuh")
    monkeypatch.setattr(tugas, "write_pdf", broken)
    answer = _export(admin_client)
    from plugin_sdk.jobs import run_pending
    run_sync(run_pending(balai))
    state = admin_client.get(answer.headers["location"] + "/status").json()
    assert state["status"] == "gagal" and "tidak dapat ditulis" in state["pesan"] and "disk" in state["pesan"]
    assert list(tugas.folder(balai.settings.data_dir).iterdir()) == []
