"""The Laporan Realisasi Pelaksanaan APB Desa per semester: semester one counts realisation to 30 June, the year
report to 31 December; PDF (letterhead, repeated header, the Wali Nagari's signature) and XLSX (rupiah as
numbers) agree with the page; a year without an APB Desa, a bad choice and a missing permission are refused."""

import io
import json
from datetime import date

from pypdf import PdfReader
from python_calamine import CalamineWorkbook

from balai_demo.cli import DEMO_OFFICIALS, DEMO_PROFILE
from core.audit.tables import AuditEntri
from core.identity.users import create_user
from core.tables import Perangkat, Peran
from plugin_sdk.testing import login, post_form, run_sync
from plugins.keuangan.halaman import laporan as laporan_halaman
from plugins.keuangan.tables import Apbdes, BarisAnggaran, Kegiatan, Realisasi

PASSWORD = "sandi-uji-panjang-1"
TAHUN = 2026
KEGIATAN = {"01.01.01": "Penyediaan Penghasilan Tetap dan Tunjangan Kepala Desa",
            "02.01.01": "Pembangunan Gedung Paud Nagari"}
# (kegiatan, akun, uraian, anggaran in sen, sumber dana)
BARIS = [("", "4.1.1", "Hasil usaha BUM Nagari", 10_000_000_00, "PAD"),
         ("", "4.2.1", "Dana Desa", 800_000_000_00, "DDS"),
         ("01.01.01", "5.1.1.01", "Penghasilan tetap Wali Nagari", 300_000_000_00, "ADD"),
         ("02.01.01", "5.3.1", "Pembangunan gedung PAUD", 400_000_000_00, "DDS"),
         ("02.01.01", "5.2.2.01", "Honorarium tim pelaksana", 50_000_000_50, "DDS"),
         ("", "6.1.1", "SiLPA tahun sebelumnya", 20_000_000_00, "SILPA")]
# (kegiatan, akun, tanggal, jumlah in sen, uraian, bukti)
REALISASI = [("", "4.2.1", date(2026, 3, 10), 400_000_000_00, "Dana Desa tahap I", "TBP-01"),
             ("", "4.2.1", date(2026, 8, 1), 400_000_000_00, "Dana Desa tahap II", "TBP-07"),
             ("01.01.01", "5.1.1.01", date(2026, 1, 31), 25_000_000_00, "Penghasilan tetap Januari", "SPP-01"),
             ("01.01.01", "5.1.1.01", date(2026, 7, 31), 25_000_000_00, "Penghasilan tetap Juli", "SPP-19"),
             ("02.01.01", "5.3.1", date(2026, 6, 30), 150_000_000_00, "Termin I gedung PAUD", "SPP-12"),
             ("02.01.01", "5.3.1", date(2026, 7, 1), 100_000_000_00, "Termin II gedung PAUD", "SPP-15"),
             ("02.01.01", "5.2.2.01", date(2026, 5, 5), 60_000_000_00, "Honor tim (lebih dari anggaran)", "SPP-09")]


def isi_apbdes(balai, *, tahun: int = TAHUN, pejabat: bool = True) -> int:
    """A small APB Desa in force with realisation on both sides of 30 June; the demo profile and officials."""
    async def go():
        await balai.save_profile(DEMO_PROFILE)
        if pejabat:
            for row in DEMO_OFFICIALS:
                await Perangkat.insert(Perangkat(**row)).run()
        versi = (await Apbdes.insert(Apbdes(tahun=tahun, versi=1, nama=f"APB Desa {tahun}", status="berlaku",
                                            berlaku_sejak=date(tahun, 1, 5), nomor_perdes=f"1 Tahun {tahun}"))
                 .returning(Apbdes.id).run())[0]["id"]
        await Kegiatan.insert(*[Kegiatan(apbdes=versi, kode=k, nama=n) for k, n in KEGIATAN.items()]).run()
        await BarisAnggaran.insert(*[BarisAnggaran(apbdes=versi, kegiatan=k, akun=a, uraian=u, anggaran=j,
                                                   sumber_dana=s) for k, a, u, j, s in BARIS]).run()
        await Realisasi.insert(*[Realisasi(tahun=tahun, kegiatan=k, akun=a, tanggal=t.replace(year=tahun),
                                           jumlah=j, uraian=u, bukti=b) for k, a, t, j, u, b in REALISASI]).run()
        return versi
    return run_sync(go)


def lembar(content: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def baris_kode(rows: list[list], kode: str) -> list:
    return next(r for r in rows if r and r[0] == kode)


def test_semester_one_counts_realisation_to_30_june_and_the_year_report_to_31_december(admin_client, balai):
    isi_apbdes(balai)
    pertama = admin_client.get(f"/admin/keuangan/{TAHUN}/laporan/unduh", params={"semester": "1", "format": "xlsx"})
    assert pertama.status_code == 200 and "semester-1.xlsx" in pertama.headers["content-disposition"]
    rows = lembar(pertama.content)
    assert ["Kode rekening", "Uraian", "Anggaran (Rp)", "Realisasi (Rp)", "Lebih/(Kurang) (Rp)", "%"] in rows
    assert any("SEMESTER PERTAMA" in str(r[0]).upper() for r in rows if r)
    # bidang 02: 150 juta on 30 June counts, 100 juta on 1 July does not; the honorarium went over its budget
    assert baris_kode(rows, "02")[2:5] == [450_000_000.5, 210_000_000, 240_000_000.5]
    assert baris_kode(rows, "4.2.1")[2:4] == [800_000_000, 400_000_000]
    akhir = lembar(admin_client.get(f"/admin/keuangan/{TAHUN}/laporan/unduh",
                                    params={"semester": "2", "format": "xlsx"}).content)
    assert baris_kode(akhir, "02")[2:4] == [450_000_000.5, 310_000_000]
    assert baris_kode(akhir, "4.2.1")[3] == 800_000_000
    page = admin_client.get(f"/admin/keuangan/{TAHUN}/laporan", params={"semester": "1"})
    assert page.status_code == 200 and "210.000.000" in page.text and "(10.000.000)" in page.text


def test_the_pdf_has_the_letterhead_the_table_header_on_every_page_and_the_wali_nagaris_signature(
        admin_client, balai):
    isi_apbdes(balai)
    wali = run_sync(Perangkat.select(Perangkat.id).where(Perangkat.jabatan == "Wali Nagari").first().run())["id"]
    answer = admin_client.get(f"/admin/keuangan/{TAHUN}/laporan/unduh",
                              params={"semester": "2", "format": "pdf", "ttd": str(wali)})
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(answer.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert reader.pages[0].mediabox.width < reader.pages[0].mediabox.height  # portrait
    for expected in ("NAGARI TARAM", "LAPORAN REALISASI PELAKSANAAN ANGGARAN PENDAPATAN DAN BELANJA DESA",
                     "SEMESTER AKHIR TAHUN ANGGARAN 2026", "Realisasi sampai dengan 31 Desember 2026",
                     "Wali Nagari Taram", "Datuak Rajo Mangkuto", "310.000.000", "(10.000.000)", "halaman 1 dari"):
        assert expected in text, expected
    # a signer who may not sign is refused, not silently dropped
    rahmi = run_sync(Perangkat.select(Perangkat.id).where(Perangkat.nama == "Rahmi Yanti").first().run())["id"]
    refused = admin_client.get(f"/admin/keuangan/{TAHUN}/laporan/unduh",
                               params={"semester": "2", "format": "pdf", "ttd": str(rahmi)})
    assert refused.status_code == 400 and "tidak berwenang" in refused.text


def test_a_long_budget_repeats_the_table_header_on_each_page(admin_client, balai, monkeypatch):
    versi = isi_apbdes(balai, pejabat=False)
    run_sync(BarisAnggaran.insert(*[BarisAnggaran(apbdes=versi, kegiatan="02.01.01", akun=f"5.3.9.{n:02d}",
                                                  uraian=f"Belanja modal lainnya nomor {n}", anggaran=n * 100_000_00)
                                    for n in range(1, 100)]).run())
    reader = PdfReader(io.BytesIO(admin_client.get(f"/admin/keuangan/{TAHUN}/laporan/unduh",
                                                   params={"semester": "1", "format": "pdf"}).content))
    assert len(reader.pages) >= 3
    for p in reader.pages:
        assert "Lebih/(Kurang) (Rp)" in p.extract_text()
    assert "halaman 3 dari" in reader.pages[2].extract_text()
    # on screen a long report stops at the activities unless every line is asked for; the files never do
    monkeypatch.setattr(laporan_halaman, "LAYAR_MAX", 50)
    short = admin_client.get(f"/admin/keuangan/{TAHUN}/laporan", params={"semester": "1"}).text
    assert "Tampilkan semua baris" in short and "Belanja modal lainnya nomor 42" not in short
    assert "Pembangunan Gedung Paud Nagari" in short and "Dana Desa" in short
    full = admin_client.get(f"/admin/keuangan/{TAHUN}/laporan", params={"semester": "1", "rinci": "1"}).text
    assert "Belanja modal lainnya nomor 42" in full


def test_a_year_without_an_apb_desa_and_a_bad_choice_are_refused_with_a_message(admin_client, balai):
    isi_apbdes(balai)
    page = admin_client.get("/admin/keuangan/2025/laporan")
    assert page.status_code == 404 and "Belum ada APB Desa tahun 2025 yang berlaku" in page.text
    assert "/admin/keuangan/2026/laporan" in page.text  # the years that do have one
    file = admin_client.get("/admin/keuangan/2025/laporan/unduh", params={"semester": "1", "format": "pdf"})
    assert file.status_code == 404 and "Belum ada APB Desa tahun 2025" in file.text
    for params, message in (({"semester": "3", "format": "pdf"}, "semester"),
                            ({"semester": "1", "format": "docx"}, "PDF atau XLSX"),
                            ({"semester": "1", "format": "pdf", "ttd": "x"}, "penanda tangan")):
        answer = admin_client.get(f"/admin/keuangan/{TAHUN}/laporan/unduh", params=params)
        assert answer.status_code == 400 and message in answer.text, params
    assert admin_client.get(f"/admin/keuangan/{TAHUN}/laporan", params={"semester": "9"}).status_code == 400


def test_each_download_is_audited_and_the_report_needs_the_permission(admin_client, balai):
    isi_apbdes(balai)
    admin_client.get(f"/admin/keuangan/{TAHUN}/laporan/unduh", params={"semester": "1", "format": "xlsx"})
    entries = run_sync(AuditEntri.select().where((AuditEntri.aksi == "unduh")
                                                 & (AuditEntri.objek_jenis == "keuangan.laporan")).run())
    assert len(entries) == 1
    rincian = entries[0]["rincian"] if isinstance(entries[0]["rincian"], dict) else json.loads(entries[0]["rincian"])
    assert rincian["semester"] == 1 and rincian["format"] == "xlsx"
    tamu = run_sync(Peran.insert(Peran(kode="tamu", nama="Tamu", izin="[]")).returning(Peran.id).run())[0]["id"]
    run_sync(create_user("tamu", "Tamu", PASSWORD, tamu))
    kaur = run_sync(Peran.select(Peran.id).where(Peran.kode == "kaur_keuangan").first().run())["id"]
    run_sync(create_user("kaur", "Kaur Keuangan", PASSWORD, kaur))
    post_form(admin_client, "/keluar")
    login(admin_client, "tamu", PASSWORD)
    for url in (f"/admin/keuangan/{TAHUN}/laporan", f"/admin/keuangan/{TAHUN}/laporan/unduh?semester=1&format=pdf"):
        assert admin_client.get(url).status_code == 403, url
    post_form(admin_client, "/keluar")
    login(admin_client, "kaur", PASSWORD)
    assert admin_client.get(f"/admin/keuangan/{TAHUN}/laporan").status_code == 200
