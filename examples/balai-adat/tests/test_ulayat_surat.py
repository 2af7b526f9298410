"""The Surat Keterangan Tanah Ulayat: issued from a parcel's page through surat's contract, as a signed PDF with
the land's facts from the register and the applicant's suku from the placeholder `tambahan.adat.suku`."""

import io

import pytest
from pypdf import PdfReader

from plugin_sdk.dokumen import signatories
from plugin_sdk.testing import post_form, run_sync

from plugins.surat import api as surat
from test_ulayat_bantu import NIK, catat_tanah, nagari_kecil


@pytest.fixture
def ids(balai, admin_client):
    from balai_adat.tables import Penghulu, SukuWarga

    found = nagari_kecil()
    run_sync(SukuWarga.insert(SukuWarga(penduduk=found["penduduk"], suku=found["suku"], kaum=found["kaum"])).run())
    run_sync(Penghulu.insert(Penghulu(gelar="Datuak Bandaro Kayo", suku=found["suku"], kaum=found["kaum"])).run())
    official = {"nama": "Datuak Rajo", "jabatan": "Wali Nagari", "aktif": "1", "boleh_tanda_tangan": "1",
                "cara_tanda_tangan": "kepala"}
    assert post_form(admin_client, "/admin/perangkat/baru", official).status_code == 200
    return {**found, "penanda": run_sync(signatories())[0]["id"]}


def teks_pdf(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages).split())


def surat_ulayat() -> list[dict]:
    return run_sync(surat.issued_letters())


def test_the_letter_is_issued_signed_with_the_land_and_the_applicants_suku(admin_client, ids):
    # in surat's list from the start (balai_startup), so the office may edit its wording before the first letter
    assert run_sync(surat.letter_type("adat_tanah_ulayat"))["nama"] == "Surat Keterangan Tanah Ulayat"
    tanah_id = catat_tanah(admin_client, ids)
    url = f"/admin/adat/ulayat/{tanah_id}/surat"
    assert "Buat Surat Keterangan Tanah Ulayat" in admin_client.get(f"/admin/adat/ulayat/{tanah_id}").text
    assert admin_client.get(url).status_code == 200
    form = {"nik": NIK, "keperluan": "Pengajuan perhutanan sosial", "penandatangan": str(ids["penanda"])}

    for ganti, pesan in (({"nik": "1307050000000000"}, "tidak ditemukan"), ({"keperluan": ""}, "Keperluan wajib"),
                         ({"penandatangan": "0"}, "Pilih pejabat penanda tangan.")):
        answer = post_form(admin_client, url, {**form, **ganti})
        assert answer.status_code == 400 and pesan in answer.text, ganti
    assert surat_ulayat() == []

    issued = post_form(admin_client, url, form, follow_redirects=False)
    assert issued.status_code in (302, 303), issued.text[:500]
    surat_id = int(issued.headers["location"].rsplit("/", 1)[1])
    [letter] = surat_ulayat()
    assert letter["id"] == surat_id and letter["judul"] == "Surat Keterangan Tanah Ulayat" and letter["nomor"]

    pdf = admin_client.get(f"/admin/surat/{surat_id}/pdf")
    assert pdf.status_code == 200 and b"/ByteRange" in pdf.content  # signed like every issued letter
    text = teks_pdf(pdf.content)
    for expected in ("Rimbo Gadang", "Ulayat kaum", "Kaum Datuak Bandaro (Suku Piliang)", "1.250,75 ha",
                     "Jorong Koto Tinggi", "Hutan (rimbo)", "Tidak ada sengketa yang belum selesai",
                     "Suku : Piliang", "Kaum : Datuak Bandaro", "Penghulu : Datuak Bandaro Kayo", "Siti Rahmah",
                     "Pengajuan perhutanan sosial"):
        assert expected in text, expected

    # a second letter uses the same letter type, in surat's list once
    assert post_form(admin_client, url, form, follow_redirects=False).status_code in (302, 303)
    assert [t["kode"] for t in run_sync(surat.letter_types(["adat_tanah_ulayat"]))] == ["adat_tanah_ulayat"]


def test_a_letter_types_preview_without_a_registered_resident_gets_empty_adat_fields(balai):
    """The office previews a letter type's wording with a sample person who is in no register (no id)."""
    from balai_adat.ulayat.hooks import isian_surat

    isian = run_sync(isian_surat({"nama": "Contoh Warga"}))
    assert isian["suku"] == "" and isian["ulayat_suku"] == ""
