"""The finance books through `buku_administrasi`: C.1 Buku APB Desa (the version in force with its realisation),
C.2 Buku Rencana Anggaran Biaya (each activity's lines and total), C.3 Buku Kas Pembantu Kegiatan (realisation per
activity and date with a running total); whole rupiah as numbers; a year without an APB Desa is refused."""

import io
from datetime import date

from pypdf import PdfReader

from plugin_sdk.testing import post_form, run_sync
from plugins.keuangan.tables import Apbdes
from tests.test_impor import finish
from tests.test_keuangan_laporan import TAHUN, isi_apbdes, lembar


def _tabel(admin_client, slug: str, **params) -> list[list]:
    answer = admin_client.get(f"/admin/buku/{slug}/unduh.xlsx", params=params)
    assert answer.status_code == 200, answer.text
    rows = lembar(answer.content)
    start = next(i for i, r in enumerate(rows) if r and r[0] == "No.")
    return [r[1:] for r in rows[start:]]  # the header and the rows, without "No."


def test_the_three_finance_books_are_listed_and_c1_shows_the_apb_desa_with_its_realisation(admin_client, balai):
    isi_apbdes(balai)
    listing = admin_client.get("/admin/buku").text
    for kode, judul in (("C.1", "Buku APB Desa"), ("C.2", "Buku Rencana Anggaran Biaya"),
                        ("C.3", "Buku Kas Pembantu Kegiatan")):
        assert kode in listing and judul in listing
    c1 = _tabel(admin_client, "c1", periode=str(TAHUN))
    assert c1[0] == ["Kode rekening", "Uraian", "Anggaran (Rp)", "Realisasi (Rp)", "Sisa anggaran (Rp)", "Bagian"]
    by_kode = {r[0]: r for r in c1[1:] if r[0]}
    # bidang 02: 450.000.000,50 prints as 450.000.001 (half a rupiah up), as on every page
    assert by_kode["02"][1:5] == ["Pelaksanaan Pembangunan Desa", 450_000_001, 310_000_000, 140_000_001]
    assert by_kode["02.01.01/5.2.2.01"][2:5] == [50_000_001, 60_000_000, -10_000_000]
    assert by_kode["4.2.1"][2:4] == [800_000_000, 800_000_000]
    silpa = next(r for r in c1 if r[1] == "SiLPA")
    # pendapatan 810.000.000 - belanja 750.000.000,50 + pembiayaan 20.000.000, rounded once at the end
    assert silpa[2] == 80_000_000
    juni = {r[0]: r for r in _tabel(admin_client, "c1", periode=f"{TAHUN}-06")[1:] if r[0]}
    assert juni["02"][3] == 210_000_000 and juni["4.2.1"][3] == 400_000_000  # realisation to 30 June
    page = admin_client.get("/admin/buku/c1", params={"periode": str(TAHUN)})
    assert page.status_code == 200 and "450.000.001" in page.text
    # a book without NIK or No. KK offers no masking; the register's book does
    assert "Samarkan NIK" not in page.text and "Samarkan NIK" in admin_client.get("/admin/buku/b1").text


def test_c2_lists_each_activitys_lines_under_its_total(admin_client, balai):
    isi_apbdes(balai)
    c2 = _tabel(admin_client, "c2", periode=str(TAHUN))
    assert c2[0] == ["Kode kegiatan", "Kegiatan", "Kode rekening", "Uraian", "Sumber dana", "Anggaran (Rp)",
                     "Jumlah kegiatan (Rp)"]
    assert c2[1:] == [
        ["01.01.01", "Penyediaan Penghasilan Tetap dan Tunjangan Kepala Desa", "", "", "", "", 300_000_000],
        ["01.01.01", "", "5.1.1.01", "Penghasilan tetap Wali Nagari", "ADD", 300_000_000, ""],
        ["02.01.01", "Pembangunan Gedung Paud Nagari", "", "", "", "", 450_000_001],
        ["02.01.01", "", "5.2.2.01", "Honorarium tim pelaksana", "DDS", 50_000_001, ""],
        ["02.01.01", "", "5.3.1", "Pembangunan gedung PAUD", "DDS", 400_000_000, ""]]
    found = _tabel(admin_client, "c2", periode=str(TAHUN), cari="paud")
    assert [r[0] for r in found[1:]] == ["02.01.01"] * 3


def test_c3_lists_realisation_per_activity_and_date_with_a_running_total(admin_client, balai):
    isi_apbdes(balai)
    c3 = _tabel(admin_client, "c3", periode=str(TAHUN))
    assert c3[0][-2:] == ["Jumlah (Rp)", "Jumlah kegiatan s.d. tanggal ini (Rp)"]
    assert [(r[0], r[2], r[6], r[7]) for r in c3[1:]] == [
        ("01.01.01", date(2026, 1, 31), 25_000_000, 25_000_000),
        ("01.01.01", date(2026, 7, 31), 25_000_000, 50_000_000),
        ("02.01.01", date(2026, 5, 5), 60_000_000, 60_000_000),
        ("02.01.01", date(2026, 6, 30), 150_000_000, 210_000_000),
        ("02.01.01", date(2026, 7, 1), 100_000_000, 310_000_000)]
    assert c3[1][1] == "Penyediaan Penghasilan Tetap dan Tunjangan Kepala Desa" and c3[4][5] == "SPP-12"
    juli = _tabel(admin_client, "c3", periode=f"{TAHUN}-07")
    # only July's entries, each activity's total still counted from January
    assert [(r[0], r[6], r[7]) for r in juli[1:]] == [("01.01.01", 25_000_000, 50_000_000),
                                                      ("02.01.01", 100_000_000, 310_000_000)]
    assert [r[5] for r in _tabel(admin_client, "c3", periode=str(TAHUN), cari="spp-09")[1:]] == ["SPP-09"]


def test_without_a_period_the_books_show_the_newest_year_and_a_year_without_an_apb_desa_is_refused(
        admin_client, balai):
    assert admin_client.get("/admin/buku/c1").status_code == 200  # nothing recorded yet: an empty book
    isi_apbdes(balai)
    assert {r[0] for r in _tabel(admin_client, "c1")[1:]} >= {"4", "5", "02"}
    for slug in ("c1", "c2"):
        refused = admin_client.get(f"/admin/buku/{slug}", params={"periode": "2025"})
        assert refused.status_code == 400 and "Belum ada APB Desa tahun 2025 yang berlaku" in refused.text
    # a draft is not the APB Desa: its figures stay out of the books until it is set in force
    run_sync(Apbdes.update({Apbdes.status: "draf"}).where(Apbdes.tahun == TAHUN).run())
    assert admin_client.get("/admin/buku/c1", params={"periode": str(TAHUN)}).status_code == 400


def test_a_finance_book_prints_as_pdf_through_the_books_export_job(admin_client, balai):
    isi_apbdes(balai)
    answer = post_form(admin_client, "/admin/buku/c3/ekspor", {"format": "pdf", "kertas": "A4",
                                                               "periode": str(TAHUN)}, follow_redirects=False)
    assert answer.status_code in (302, 303) and answer.headers["location"].startswith("/admin/tugas/")
    state = finish(admin_client, balai, answer.headers["location"])
    text = " ".join(PdfReader(io.BytesIO(admin_client.get(state["tautan"]).content)).pages[0].extract_text().split())
    assert "C.3 BUKU KAS PEMBANTU KEGIATAN" in text and "Termin II gedung PAUD" in text and "310.000.000" in text
