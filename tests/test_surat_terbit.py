"""Issuing letters: the form, the number, the PDF and its signatures, the archive, approval and cancelling."""

import hashlib
from datetime import date

from core.identity.users import create_user
from core.penduduk.tables import Penduduk
from plugin_sdk.testing import login, post_form, run_sync
from tests.surat_helpers import demo_nagari, issue, letters, living_resident, pdf_text, wali_id
from core.profil.waktu import today as nagari_today


def widget(html: str) -> str:
    """The letters widget on the dashboard."""
    return html.split('data-plugin="surat"')[1].split("</article>")[0]


def test_domisili_is_issued_with_number_pdf_and_qr(admin_client, balai):
    demo_nagari(balai)
    person = living_resident()
    response = issue(admin_client, "domisili", person["id"], isian_sejak="tahun 2015")
    assert response.status_code in (302, 303), response.text[:2000]
    [letter] = letters()
    year = nagari_today().year
    assert letter["status"] == "terbit"
    assert letter["nomor"].startswith("400.12.2.2/001/1307052001/") and letter["nomor"].endswith(f"/{year}")
    page = admin_client.get(f"/admin/surat/{letter['id']}").text
    assert letter["nomor"] in page and "Unduh PDF" in page
    pdf = admin_client.get(f"/admin/surat/{letter['id']}/pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(pdf.content).hexdigest() == letter["sha256"]  # of the signed file, as downloaded
    text = pdf_text(pdf.content)
    assert person["nama"] in text and letter["nomor"] in text and "tahun 2015" in text
    assert "PEMERINTAH KABUPATEN LIMA PULUH KOTA" in text and "Datuak Rajo Mangkuto" in text
    check = admin_client.get(f"/cek-surat/{letter['token']}")
    assert "SAH" in check.text and person["nik"] not in check.text and letter["nomor"] in check.text


def test_bad_input_shows_errors_and_saves_nothing(admin_client, balai):
    demo_nagari(balai)
    person = living_resident()
    response = issue(admin_client, "usaha", person["id"], keperluan="", isian_nama_usaha="")
    assert response.status_code == 400
    assert "Keperluan wajib diisi." in response.text and "wajib diisi" in response.text
    assert letters() == []
    assert issue(admin_client, "domisili", 999999).status_code == 400 and letters() == []
    assert issue(admin_client, "domisili", "bukan-angka").status_code == 400 and letters() == []


def test_a_person_from_outside_the_nagari(admin_client, balai):
    demo_nagari(balai)
    data = {"luar_nama": "Andi Pratama", "luar_nik": "3201011501900003", "luar_alamat": "Bandung",
            "keperluan": "Mengurus izin", "penandatangan": str(wali_id()), "isian_perihal": "Pengantar izin"}
    bad = post_form(admin_client, "/admin/surat/buat/pengantar", {**data, "luar_nik": "123"})
    assert bad.status_code == 400 and "NIK harus 16 angka" in bad.text and letters() == []
    post_form(admin_client, "/admin/surat/buat/pengantar", data)
    [letter] = letters()
    assert letter["penduduk"] is None and letter["nama"] == "Andi Pratama"
    assert "Andi Pratama" in pdf_text(admin_client.get(f"/admin/surat/{letter['id']}/pdf").content)


def test_approval_gives_the_number_only_when_the_head_approves(admin_client, client, balai):
    demo_nagari(balai)
    person = living_resident()
    fields = {"isian_nama_acara": "Baralek", "isian_tanggal_acara": "2026-12-20", "isian_waktu": "09.00-17.00",
              "isian_tempat_acara": "Rumah gadang"}
    issue(admin_client, "izin_keramaian", person["id"], **fields)
    [letter] = letters()
    assert letter["status"] == "menunggu" and letter["nomor"] is None and letter["berkas"] == ""
    waiting = widget(admin_client.get("/admin").text)
    assert '<p class="angka">0</p>' in waiting and "1 menunggu persetujuan" in waiting
    run_sync(create_user("wali", "Wali Uji", "rahasia-wali-1", "wali_nagari"))
    run_sync(create_user("opr", "Operator Uji", "rahasia-opr-1", "operator"))
    login(client, "opr", "rahasia-opr-1")
    assert post_form(client, f"/admin/surat/{letter['id']}/setujui").status_code == 403
    client.cookies.clear()
    login(client, "wali", "rahasia-wali-1")
    post_form(client, f"/admin/surat/{letter['id']}/setujui")
    [letter] = letters()
    assert letter["status"] == "terbit" and letter["nomor"].startswith("300.1.5/001/")
    assert letter["diterbitkan_oleh"] == "wali"
    issued = widget(admin_client.get("/admin").text)
    assert '<p class="angka">1</p>' in issued and "menunggu persetujuan" not in issued


def test_cancelled_number_is_never_reused_and_the_check_page_says_so(admin_client, balai):
    demo_nagari(balai)
    person = living_resident()
    issue(admin_client, "domisili", person["id"])
    [first] = letters()
    refused = post_form(admin_client, f"/admin/surat/{first['id']}/batal", {"alasan": ""})
    assert "Tuliskan alasannya" in refused.text and letters()[0]["status"] == "terbit"
    post_form(admin_client, f"/admin/surat/{first['id']}/batal", {"alasan": "Salah keperluan"})
    issue(admin_client, "domisili", person["id"])
    first, second = letters()
    assert first["status"] == "batal" and "/002/" in second["nomor"]
    check = admin_client.get(f"/cek-surat/{first['token']}").text
    assert "DICABUT" in check and "Salah keperluan" in check


def test_archive_search_and_resident_panel(admin_client, balai):
    demo_nagari(balai)
    person = living_resident()
    issue(admin_client, "domisili", person["id"])
    issue(admin_client, "tidak_mampu", person["id"])
    both = admin_client.get("/admin/surat", params={"q": person["nama"][:5]}).text
    assert "Surat Keterangan Domisili" in both and "Surat Keterangan Tidak Mampu" in both
    only = admin_client.get("/admin/surat", params={"jenis": "tidak_mampu"}).text
    assert "Surat Keterangan Domisili" not in only.split("<tbody>")[1]
    panel = admin_client.get(f"/admin/penduduk/{person['id']}").text
    assert "Surat Keterangan Tidak Mampu" in panel and f"/admin/surat/buat?penduduk={person['id']}" in panel


def test_a_birth_suggests_the_birth_letter(admin_client, balai):
    demo_nagari(balai)
    mother = run_sync(Penduduk.select().where((Penduduk.hubungan == 1) & (Penduduk.status_dasar == 1)).first().run())
    child = {"jenis": "lahir", "tanggal_peristiwa": nagari_today().isoformat(), "keluarga_id": str(mother["keluarga"]),
             "nik": "", "nik_sementara": "1", "nama": "Bayi Uji", "jenis_kelamin": "2", "tempat_lahir": "Taram",
             "tanggal_lahir": "", "hubungan": "4", "agama": "1", "status_kawin": "1", "pendidikan_kk": "1",
             "pekerjaan": "1", "kewarganegaraan": "1", "status_penduduk": "1"}
    page = post_form(admin_client, "/admin/penduduk/baru", child).text
    assert "Buat Surat Keterangan Kelahiran untuk bayi ini" in page and "/admin/surat/buat/kelahiran?penduduk=" in page
