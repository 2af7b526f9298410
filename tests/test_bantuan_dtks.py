"""The DTKS/DTSEN import (plugin `bantuan`, issue 25): the social office's spreadsheet, whatever its header names,
checked first (what would be written, every refused row with its reason, nothing saved), then applied as one
transaction per upload with an audit entry per family; the page's counts per desil; uploads that are no
spreadsheet, too large, or a workbook that declares a huge sheet are refused in Indonesian; who may import."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import date

import pytest

from tests.bantuan_helpers import balai_entry_points, balai_plugins  # noqa: F401
from core.audit.tables import AuditEntri
from core.identity.users import create_user
from core.penduduk.tables import Keluarga, Penduduk
from plugin_sdk import dokumen
from plugin_sdk.testing import csrf_headers, login, post_form, run_sync
from plugins.bantuan import dtks, lembar
from plugins.bantuan.galat import BantuanError
from plugins.bantuan.tables import DtksKeluarga
from tests.surat_helpers import demo_nagari

HARI_INI = date.today()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def keluarga(balai) -> list[dict]:
    """The demo nagari's families with a living member: id, no_kk and the head's NIK and name."""
    demo_nagari(balai, residents=60)
    orang = run_sync(Penduduk.select(Penduduk.nik, Penduduk.nama, Penduduk.keluarga, Penduduk.hubungan).where(
        Penduduk.status_dasar == 1).order_by(Penduduk.id).run())
    hasil = []
    for k in run_sync(Keluarga.select(Keluarga.id, Keluarga.no_kk).order_by(Keluarga.id).run()):
        anggota = [p for p in orang if p["keluarga"] == k["id"]]
        if anggota:
            kepala = next((p for p in anggota if p["hubungan"] == 1), anggota[0])
            hasil.append({**k, "nik": kepala["nik"], "nama": kepala["nama"],
                          "anggota": [p["nik"] for p in anggota]})
    assert len(hasil) >= 6
    return hasil


def xlsx(rows: list[list], judul: list[list] | None = None) -> bytes:
    return dokumen.xlsx_bytes({"Data": [*(judul or []), *rows]})


def unggah(client, isi: bytes, nama: str = "dtks.xlsx", jenis: str = XLSX):
    return client.post("/admin/bantuan/dtks", files={"berkas": (nama, isi, jenis)}, headers=csrf_headers(client))


def token_dari(html: str) -> tuple[str, str]:
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    nama = re.search(r'name="nama" value="([^"]*)"', html).group(1)
    return token, nama


def dtks_rows() -> dict[int, dict]:
    return {r["keluarga"]: r for r in run_sync(DtksKeluarga.select().run())}


def test_the_office_file_is_checked_first_then_applied_with_an_audit_entry_per_family(admin_client, keluarga):
    a, b, c, d = keluarga[:4]
    judul = [["DATA TERPADU KESEJAHTERAAN SOSIAL"], ["Nagari Contoh, 2026"], []]
    berkas = xlsx([["NO", "NO KK", "Nama Kepala Keluarga", "DESIL", "Status DTKS", "ID DTKS", "Tahun"],
                   [1, a["no_kk"], a["nama"], 2, "Terdaftar", "DT-001", 2025],
                   [2, b["no_kk"], b["nama"], "Desil 4", "terdaftar", "DT-002", 2025],
                   [3, c["no_kk"], c["nama"], 11, "Terdaftar", "DT-003", 2025],
                   [4, "1371999999999999", "Orang Luar", 3, "Terdaftar", "DT-004", 2025],
                   [5, a["no_kk"], a["nama"], 5, "Terdaftar", "DT-005", 2025],
                   [6, d["no_kk"], d["nama"], "", "Tidak terdaftar", "", 2025]], judul)
    pratinjau = unggah(admin_client, berkas)
    assert pratinjau.status_code == 200, pratinjau.text[:2000]
    html = pratinjau.text
    assert "Desil harus angka 1 sampai 10" in html and "tidak ada di data penduduk" in html
    assert "sudah ada di baris 5" in html  # the second row of the same family: the sheet's row 5 holds the first
    assert 'id="form-terapkan"' in html
    assert dtks_rows() == {}  # the dry run writes nothing

    token, nama = token_dari(html)
    selesai = post_form(admin_client, "/admin/bantuan/dtks/terapkan", {"token": token, "nama": nama},
                        follow_redirects=False)
    assert selesai.status_code in (302, 303), selesai.text[:2000]
    rows = dtks_rows()
    assert set(rows) == {a["id"], b["id"], d["id"]}
    assert (rows[a["id"]]["desil"], rows[a["id"]]["id_dtks"], rows[a["id"]]["tahun"]) == (2, "DT-001", 2025)
    assert rows[b["id"]]["desil"] == 4 and rows[b["id"]]["sumber"] == "dtks.xlsx"
    assert not rows[d["id"]]["terdaftar"] and rows[d["id"]]["desil"] is None
    audit = run_sync(AuditEntri.select().where(AuditEntri.aksi == "impor_dtks").run())
    assert sorted(e["objek_id"] for e in audit) == sorted(f"keluarga:{k['id']}" for k in (a, b, d))
    assert json.loads(audit[0]["rincian"])["berkas"] == "dtks.xlsx"

    halaman = admin_client.get("/admin/bantuan/dtks")
    assert halaman.status_code == 200
    assert "3 keluarga baru, 0 diperbarui, 0 tidak berubah, 3 baris ditolak" in halaman.text  # the flash
    tabel = re.search(r'<table class="tabel" id="per-desil">(.*?)</table>', halaman.text, re.S).group(1)
    assert re.search(r"Desil 2</td><td[^>]*>1<", tabel) and re.search(r"Desil 4</td><td[^>]*>1<", tabel)
    assert re.search(r"Desil 3</td><td[^>]*>0<", tabel)
    assert "1 keluarga tercatat tidak terdaftar" in halaman.text
    assert "dtks.xlsx" in halaman.text  # the latest import names its file


def test_a_second_file_updates_what_changed_and_keeps_families_it_does_not_mention(balai, keluarga):
    a, b, c = keluarga[:3]
    pertama = {"Data": [["No. KK", "Desil"], [a["no_kk"], 1], [b["no_kk"], 2], [c["no_kk"], 3]]}
    assert run_sync(dtks.terapkan(None, pertama, sumber="awal.xlsx", hari_ini=HARI_INI)) == {
        "baru": 3, "ubah": 0, "sama": 0, "ditolak": 0}
    kedua = {"Data": [["nomor_kk", "Desil Kesejahteraan"], [a["no_kk"], 1], [b["no_kk"], 5]]}
    p = run_sync(dtks.periksa(kedua, hari_ini=HARI_INI))
    assert [(x.no_kk, x.aksi, x.perubahan) for x in p.baris] == [(a["no_kk"], "sama", []),
                                                                 (b["no_kk"], "ubah", ["desil 2 → 5"])]
    assert run_sync(dtks.terapkan(None, kedua, sumber="susulan.csv", hari_ini=HARI_INI))["ubah"] == 1
    rows = dtks_rows()
    assert (rows[a["id"]]["desil"], rows[a["id"]]["sumber"]) == (1, "awal.xlsx")  # unchanged: not rewritten
    assert (rows[b["id"]]["desil"], rows[b["id"]]["sumber"]) == (5, "susulan.csv")
    assert rows[c["id"]]["desil"] == 3  # not in the second file: kept
    r = run_sync(dtks.ringkasan())
    assert (r["per_desil"][1], r["per_desil"][5], r["per_desil"][3], r["terdaftar"]) == (1, 1, 1, 3)


def test_a_csv_with_its_own_header_names_and_its_pitfalls_is_read_row_by_row(balai, keluarga):
    a, b, c = keluarga[:3]
    orang_lain = next(n for k in keluarga[3:] for n in k["anggota"])
    teks = ("\ufeffNomor KK;NIK Kepala Keluarga;Peringkat Desil;Tahun Data\n"
            f"{a['no_kk']};{a['nik']};3;2025\n"
            f"{b['no_kk']};{orang_lain};4;2025\n"
            "1,37101E+15;;2;2025\n"
            f"{c['no_kk']};;2;1890\n"
            f"'{keluarga[3]['no_kk']};;1;2025\n")
    lembar_csv = lembar.baca("dinsos.csv", teks.encode("utf-8"))
    p = run_sync(dtks.periksa(lembar_csv, hari_ini=HARI_INI))
    assert [x.nomor for x in p.baris] == [2, 6]  # the apostrophe Excel puts before digits is no problem
    alasan = {x.nomor: x.alasan for x in p.ditolak}
    assert "bukan anggota keluarga" in alasan[3]
    assert "angka ilmiah" in alasan[4] and "Teks" in alasan[4]
    assert "Tahun data harus tahun yang wajar" in alasan[5]
    assert p.kolom == ["No. KK", "NIK kepala keluarga", "Desil", "Tahun"]


def test_a_file_without_a_no_kk_column_or_rows_is_refused_whole(balai, keluarga):
    with pytest.raises(BantuanError, match="Kolom No. KK tidak ditemukan"):
        run_sync(dtks.periksa({"": [["Nama", "Desil"], ["Siti", 2]]}, hari_ini=HARI_INI))
    with pytest.raises(BantuanError, match="tidak memuat baris data"):
        run_sync(dtks.periksa({"": [["No KK", "Desil"]]}, hari_ini=HARI_INI))
    kosong = {"": [["No KK", "Desil"], ["1371999999999999", 2]]}
    with pytest.raises(BantuanError, match="semua baris ditolak"):
        run_sync(dtks.terapkan(None, kosong, sumber="x.csv", hari_ini=HARI_INI))
    assert dtks_rows() == {}


def _raksasa() -> bytes:
    """A small valid workbook whose sheet has one more cell at the last column of the last row Excel allows."""
    asli = zipfile.ZipFile(io.BytesIO(xlsx([["No KK", "Desil"], ["1371999999999999", 2]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as baru:
        for info in asli.infolist():
            data = asli.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
                                                      b"</sheetData>")
            baru.writestr(info, data)
    return out.getvalue()


def test_uploads_that_are_no_spreadsheet_or_too_large_are_refused_in_indonesian(admin_client, keluarga):
    gambar = unggah(admin_client, b"\x89PNG\r\n\x1a\n" + b"\x00" * 200, "foto.png", "image/png")
    assert gambar.status_code == 400 and "bukan lembar kerja" in gambar.text
    lama = unggah(admin_client, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, "dtks.xls")
    assert lama.status_code == 400 and "Excel lama (.xls)" in lama.text
    rusak = unggah(admin_client, b"PK\x03\x04 bukan zip sungguhan", "dtks.xlsx")
    assert rusak.status_code == 400 and "Berkas Excel rusak" in rusak.text
    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w") as arsip:  # a spreadsheet of another kind: its sizes are not checked, so refused
        arsip.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        arsip.writestr("content.xml", "<office:document-content/>")
    lain = unggah(admin_client, ods.getvalue(), "dtks.ods")
    assert lain.status_code == 400 and "bukan lembar kerja Excel (.xlsx)" in lain.text
    raksasa = unggah(admin_client, _raksasa())
    assert raksasa.status_code == 400 and "sampai baris 1.048.576 kolom ke-16.384" in raksasa.text
    assert "kosong di luar tabel, lalu simpan ulang" in raksasa.text
    with pytest.raises(lembar.BerkasDitolak, match="terlalu besar"):
        lembar.jenis("besar.csv", b"a" * (lembar.BATAS_UNGGAH + 1))
    terlalu_besar = unggah(admin_client, b"0" * (lembar.BATAS_UNGGAH + 2 * 2**20), "besar.csv", "text/csv")
    assert terlalu_besar.status_code == 413
    hilang = post_form(admin_client, "/admin/bantuan/dtks/terapkan", {"token": "0" * 64 + ".xlsx", "nama": "x"})
    assert hilang.status_code == 400 and "tidak ada lagi" in hilang.text
    assert dtks_rows() == {}


def test_staff_who_may_only_read_see_the_counts_but_cannot_import(client, keluarga):
    run_sync(create_user("wali1", "Wali Nagari", "sandi-wali-uji-1", "wali_nagari"))
    login(client, "wali1", "sandi-wali-uji-1")
    halaman = client.get("/admin/bantuan/dtks")
    assert halaman.status_code == 200 and 'id="form-dtks"' not in halaman.text
    assert client.get("/admin/bantuan/dtks/contoh.xlsx").status_code == 200
    assert unggah(client, xlsx([["No KK", "Desil"], [keluarga[0]["no_kk"], 1]])).status_code == 403
    assert post_form(client, "/admin/bantuan/dtks/terapkan", {"token": "x", "nama": "x"}).status_code == 403


def test_the_example_workbook_is_read_back_by_the_import(admin_client, keluarga):
    contoh = admin_client.get("/admin/bantuan/dtks/contoh.xlsx")
    assert contoh.status_code == 200 and contoh.headers["content-type"].startswith(XLSX)
    isi = lembar.baca("contoh_dtks.xlsx", contoh.content)
    rows, judul, letak = dtks.cari_judul(isi)
    assert set(letak) == set(dtks.KOLOM) and judul == 0
