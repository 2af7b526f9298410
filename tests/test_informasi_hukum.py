"""Regulations (plugin `informasi_publik`, issue 23): saving through the office's form, bad input saving nothing,
the status a later regulation gives an earlier one, and the books A.1, A.2 and A.9."""

from __future__ import annotations

import io
import re

import pytest

from core.audit.tables import AuditEntri
from plugin_sdk.testing import post_form, run_sync
from plugins.informasi_publik import contoh_hukum, hukum
from plugins.informasi_publik.tabel_hukum import ProdukHukum
from tests.test_keuangan_ringkasan import permintaan

TAHUN = contoh_hukum.TAHUN


def _locked(content: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(content)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="rahasia")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def isian(**lain) -> dict:
    return {"jenis": "perdes", "nomor": "7", "tahun": str(TAHUN), "judul": "Lembaga Adat Nagari",
            "pokok": "Kedudukan dan tugas Kerapatan Adat Nagari.", "ditetapkan": f"{TAHUN}-04-01", **lain}


def semua() -> list[dict]:
    return run_sync(lambda: ProdukHukum.select().order_by(ProdukHukum.id).run())


def pdf_files(balai) -> list:
    folder = balai.settings.data_dir / "berkas" / hukum.FOLDER
    return sorted(p.name for p in folder.glob("*.pdf")) if folder.exists() else []


def kirim(client, data: dict, pdf: bytes | None = None, url: str = "/admin/hukum/baru"):
    files = {"berkas": ("naskah.pdf", pdf, "application/pdf")} if pdf is not None else None
    return post_form(client, url, data, files=files, follow_redirects=False)


def test_a_regulation_with_its_pdf_is_saved_and_audited(admin_client, balai):
    pdf = contoh_hukum.pdf_contoh("LEMBAGA ADAT")
    answer = kirim(admin_client, isian(diundangkan=f"{TAHUN}-04-03", nomor_lembaran="7"), pdf)
    assert answer.status_code in (302, 303), answer.text[:500]
    [row] = semua()
    assert (row["jenis"], row["nomor"], row["tahun"], row["status"]) == ("perdes", 7, TAHUN, "berlaku")
    assert pdf_files(balai) == [row["berkas"]]
    assert (balai.settings.data_dir / "berkas" / hukum.FOLDER / row["berkas"]).read_bytes() == pdf
    listing = admin_client.get("/admin/hukum").text
    assert f"Peraturan Nagari Nomor 7 Tahun {TAHUN}" in listing
    logged = run_sync(AuditEntri.select().where(AuditEntri.objek_jenis == "informasi_publik.hukum").run())
    assert [(c["aksi"], c["objek_id"]) for c in logged] == [("tambah", str(row["id"]))]


@pytest.mark.parametrize("make, field, message", [
    (lambda: b"PK\x03\x04 bukan pdf", "berkas", "Berkas harus PDF."),
    (lambda: contoh_hukum.pdf_contoh("X") + b"\n" * (10 * 1024 * 1024), "berkas", "Berkas lebih dari 10 MB."),
    (lambda: _locked(contoh_hukum.pdf_contoh("X")), "berkas", "PDF ini terkunci kata sandi"),
])
def test_a_bad_pdf_saves_nothing(admin_client, balai, make, field, message):
    answer = kirim(admin_client, isian(), make())
    assert answer.status_code == 400
    assert message in answer.text and f'id="galat-{field}"' in answer.text
    assert 'value="Lembaga Adat Nagari"' in answer.text  # what was typed is kept
    assert semua() == [] and pdf_files(balai) == []


def test_a_duplicate_number_of_the_same_kind_and_year_is_refused(admin_client, balai):
    assert kirim(admin_client, isian(), contoh_hukum.pdf_contoh("A")).status_code in (302, 303)
    again = kirim(admin_client, isian(judul="Lain"), contoh_hukum.pdf_contoh("B"))
    assert again.status_code == 400 and f"Nomor 7 tahun {TAHUN} untuk jenis ini sudah dipakai." in again.text
    assert len(semua()) == 1 and len(pdf_files(balai)) == 1  # the second PDF was removed with the refusal
    # the same number is fine for another kind or another year
    assert kirim(admin_client, isian(jenis="perkades")).status_code in (302, 303)
    assert kirim(admin_client, isian(tahun=str(TAHUN - 1), ditetapkan=f"{TAHUN - 1}-04-01")).status_code in (302, 303)
    assert len(semua()) == 3


def test_revoked_without_the_revoking_one_is_refused(admin_client, balai):
    answer = kirim(admin_client, isian(status="dicabut"))
    assert answer.status_code == 400 and 'id="galat-status_oleh"' in answer.text
    assert "Pilih peraturan yang mencabutnya" in answer.text
    assert semua() == []


def test_bad_fields_each_have_a_message(admin_client, balai):
    answer = kirim(admin_client, {"jenis": "surat", "nomor": "x", "judul": "", "ditetapkan": "31-02-2026"})
    assert answer.status_code == 400
    for field in ("jenis", "nomor", "judul", "ditetapkan"):
        assert f'id="galat-{field}"' in answer.text, field
    assert semua() == []


def test_revoking_sets_the_earlier_ones_status_in_the_same_save(admin_client, balai):
    kirim(admin_client, isian(nomor="1", judul="Pungutan Pasar"))
    [lama] = semua()
    answer = kirim(admin_client, isian(nomor="5", judul="Pungutan Pasar Baru", tindakan="mencabut",
                                       mengubah_id=str(lama["id"])))
    assert answer.status_code in (302, 303)
    lama, baru = semua()
    assert lama["status"] == "dicabut" and lama["status_oleh"] == baru["id"]
    assert baru["status"] == "berlaku" and baru["mengubah_id"] == lama["id"]
    # an edit that no longer revokes it puts the earlier one back in force
    data = {k: ("" if v is None else str(v)) for k, v in baru.items() if k in hukum.periksa({})[0]}
    data.update(tindakan="", mengubah_id="", ditetapkan=baru["ditetapkan"].isoformat())
    assert kirim(admin_client, data, url=f"/admin/hukum/{baru['id']}").status_code in (302, 303)
    assert semua()[0]["status"] == "berlaku" and semua()[0]["status_oleh"] is None


def test_a_regulation_pointing_at_a_missing_one_saves_nothing(admin_client, balai):
    answer = kirim(admin_client, isian(tindakan="mengubah", mengubah_id="999"), contoh_hukum.pdf_contoh("A"))
    assert answer.status_code == 400 and "Peraturan yang dipilih tidak ditemukan." in answer.text
    assert semua() == [] and pdf_files(balai) == []


def test_the_books_list_regulations_decisions_and_promulgations(balai):
    from plugins.buku_administrasi.api import Saringan, read
    from plugins.informasi_publik.buku_hukum import books

    run_sync(lambda: contoh_hukum.buat_demo(permintaan(balai)))
    a1, a2, a9 = books()
    assert [b.kode for b in (a1, a2, a9)] == ["A.1", "A.2", "A.9"]
    rows = run_sync(lambda: read(a1, Saringan(tahun=TAHUN))).baris
    assert [r["tentang"] for r in rows] == ["Pungutan Pasar Nagari", "Tata Tertib Kantor Wali Nagari",
                                            "Pungutan Pasar Nagari dan Retribusi Parkir"]
    assert rows[0]["jenis"] == "Peraturan Nagari" and rows[1]["jenis"] == "Peraturan Wali Nagari"
    assert rows[0]["nomor_tanggal"] == f"1, 15-01-{TAHUN}" and rows[0]["lembaran"] == f"1, 15-01-{TAHUN}"
    assert rows[1]["berita"] == f"1, 05-02-{TAHUN}" and rows[1]["lembaran"] == ""
    assert rows[0]["keterangan"] == f"Dicabut dengan Peraturan Nagari Nomor 2 Tahun {TAHUN}"
    [keputusan] = run_sync(lambda: read(a2, Saringan(tahun=TAHUN))).baris
    assert keputusan["tentang"] == "Pembentukan Tim Pelaksana Kegiatan" and keputusan["nomor"] == 1
    lembaran = run_sync(lambda: read(a9, Saringan(tahun=TAHUN))).baris
    assert len(lembaran) == 3 and {r["dalam"] for r in lembaran} == {"Lembaran Nagari", "Berita Nagari"}
    assert run_sync(lambda: read(a1, Saringan(tahun=TAHUN, cari="parkir"))).baris[0]["nomor_tanggal"].startswith("2,")
    assert run_sync(lambda: read(a1, Saringan(tahun=TAHUN - 1))).baris == []


def test_kinds_are_named_in_the_nagaris_terms():
    desa = hukum.nama_jenis({"sebutan_desa": "Desa", "sebutan_kepala": "Kepala Desa"})
    assert desa == {"perdes": "Peraturan Desa", "perkades": "Peraturan Kepala Desa",
                    "kepkades": "Keputusan Kepala Desa", "perber": "Peraturan Bersama Kepala Desa"}
    assert hukum.nama_jenis({"sebutan_desa": "Nagari", "sebutan_kepala": "Wali Nagari"})["perdes"] == \
        "Peraturan Nagari"
    assert hukum.dari_slug("perdes-2026-3") == ("perdes", 2026, 3)
    assert hukum.dari_slug("perdes-2026-3/../x") is None and re.fullmatch(hukum.SLUG, "x") is None


def test_a_new_pdf_replaces_the_old_file_and_only_operators_write(client, balai):
    from core.identity.users import create_user
    from plugin_sdk.testing import login

    run_sync(create_user("wali1", "Wali Nagari", "sandi-wali-nagari-1", "wali_nagari"))
    run_sync(create_user("operator1", "Operator", "sandi-operator-1", "operator"))
    login(client, "operator1", "sandi-operator-1")
    assert kirim(client, isian(), contoh_hukum.pdf_contoh("LAMA")).status_code in (302, 303)
    [row] = semua()
    lama = row["berkas"]
    data = isian(judul="Lembaga Adat Nagari (perbaikan)")
    assert kirim(client, data, contoh_hukum.pdf_contoh("BARU"), url=f"/admin/hukum/{row['id']}").status_code == 302
    [row] = semua()
    assert row["judul"] == "Lembaga Adat Nagari (perbaikan)" and row["berkas"] != lama
    assert pdf_files(balai) == [row["berkas"]]  # the replaced PDF is gone
    # an edit without a file keeps the PDF
    assert kirim(client, data, url=f"/admin/hukum/{row['id']}").status_code == 302
    assert semua()[0]["berkas"] == row["berkas"]
    client.cookies.clear()
    login(client, "wali1", "sandi-wali-nagari-1")
    assert client.get("/admin/hukum").status_code == 200  # the Wali Nagari reads the register
    assert client.get("/admin/hukum/baru").status_code == 403
    assert kirim(client, isian(nomor="8")).status_code == 403 and len(semua()) == 1
