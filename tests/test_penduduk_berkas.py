"""A resident's photo and documents on their page: uploaded and checked, seen and downloaded only by officers
holding penduduk.dokumen within their jorong, every look logged, bad files refused with nothing kept."""

from __future__ import annotations

import io
import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image

from core.audit.tables import AuditEntri
from core.identity.users import create_user
from core.penduduk.berkas_tables import BerkasPenduduk
from core.tables import Peran, Pengguna
from plugin_sdk.testing import login, post_form, run_sync
from tests.mandiri_helpers import pdf
from tests.surat_helpers import demo_nagari, living_resident
from tests.test_lingkup_wilayah import add, place

PASSWORD = "kata-sandi-uji"


def photo(width: int = 2400, height: int = 1800, kind: str = "JPEG") -> bytes:
    """A phone photo: big, with EXIF saying where it was taken."""
    image = Image.new("RGB", (width, height), (120, 150, 200))
    exif = Image.Exif()
    exif[0x010F] = "Ponsel Uji"  # Make
    exif[0x0131] = "lokasi-rahasia"  # Software: any text that must not survive
    out = io.BytesIO()
    image.save(out, kind, exif=exif)
    return out.getvalue()


def locked_pdf(user_password: str = "") -> bytes:
    from pypdf import PdfWriter

    writer, out = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password, "pemilik")
    writer.write(out)
    return out.getvalue()


def upload(client, penduduk_id: int, jenis: str, name: str, content: bytes, mime: str, judul: str = ""):
    token = client.cookies.get("balai_csrf")
    return client.post(f"/admin/penduduk/{penduduk_id}/berkas", data={"jenis": jenis, "judul": judul,
                                                                      "_csrf_token": token},
                       files={"berkas": (name, content, mime)}, follow_redirects=True)


def stored(balai) -> list[Path]:
    folder = balai.settings.data_dir / "berkas" / "penduduk"
    return sorted(p for p in folder.iterdir()) if folder.exists() else []


def rows(penduduk_id: int | None = None) -> list[dict]:
    query = BerkasPenduduk.select().order_by(BerkasPenduduk.id)
    if penduduk_id is not None:
        query = query.where(BerkasPenduduk.penduduk == penduduk_id)
    return run_sync(query.run())


def audit(client, penduduk_id: int, aksi: str) -> list[dict]:
    run_sync(client.app.state.audit.flush())
    found = run_sync(AuditEntri.select().where((AuditEntri.aksi == aksi) & (AuditEntri.objek_jenis == "penduduk")
                                               & (AuditEntri.objek_id == str(penduduk_id))).run())
    return [{**e, "rincian": json.loads(e["rincian"])} for e in found]


def officer(admin_client, username: str, izin: list[str], wilayah: int | None = None) -> None:
    """Log the client in as a new officer whose role holds exactly `izin` (and, given, a jorong scope)."""
    role = run_sync(Peran.insert(Peran(kode=username, nama=f"Peran {username}", izin=json.dumps(izin)))
                    .returning(Peran.id).run())[0]["id"]
    user = run_sync(create_user(username, f"Petugas {username}", PASSWORD, role))
    if wilayah is not None:
        run_sync(Pengguna.update({Pengguna.wilayah_lingkup: wilayah}).where(Pengguna.id == user["id"]).run())
    post_form(admin_client, "/keluar")
    login(admin_client, username, PASSWORD)


@pytest.fixture
def person(balai, admin_client):
    demo_nagari(balai, residents=10)
    admin_client.get("/admin")  # the CSRF cookie for the multipart posts
    return living_resident()


def test_officer_uploads_photo_and_pdf_sees_them_and_downloads_with_an_audit_entry(admin_client, balai, person):
    pid = person["id"]
    answer = upload(admin_client, pid, "foto", "saya.jpg", photo(), "image/jpeg")
    assert answer.status_code == 200 and "Foto disimpan." in answer.text, answer.text[:500]
    ktp = pdf()
    answer = upload(admin_client, pid, "ktp", "ktp.pdf", ktp, "application/pdf")
    assert "Dokumen KTP disimpan." in answer.text

    foto, dokumen = sorted(rows(pid), key=lambda r: r["jenis"] != "foto")
    assert (foto["jenis"], foto["mime"], dokumen["jenis"], dokumen["mime"]) == (
        "foto", "image/jpeg", "ktp", "application/pdf")
    assert foto["diunggah_oleh"] == dokumen["diunggah_oleh"] == "admin"
    page = admin_client.get(f"/admin/penduduk/{pid}").text
    section = page.split('id="foto-dokumen"')[1].split("</section>")[0]
    assert f'src="/admin/penduduk/{pid}/berkas/{foto["id"]}"' in section
    assert f'href="/admin/penduduk/{pid}/berkas/{dokumen["id"]}?unduh=1"' in section and "KTP" in section
    assert 'type="file"' in section and "<label>Berkas" in section

    # The photo as stored: shrunk to 1000 px, EXIF gone.
    shown = admin_client.get(f"/admin/penduduk/{pid}/berkas/{foto['id']}")
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/jpeg"
    with Image.open(io.BytesIO(shown.content)) as image:
        assert max(image.size) == 1000 and not image.getexif()
    assert b"lokasi-rahasia" not in shown.content

    got = admin_client.get(f"/admin/penduduk/{pid}/berkas/{dokumen['id']}", params={"unduh": "1"})
    assert got.status_code == 200 and got.content == ktp
    assert got.headers["content-type"] == "application/pdf"
    assert got.headers["cache-control"] == "no-store" and got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["content-disposition"].startswith("attachment;") and ".pdf" in got.headers["content-disposition"]
    inline = admin_client.get(f"/admin/penduduk/{pid}/berkas/{dokumen['id']}")
    assert inline.headers["content-disposition"].startswith("inline;")

    views = audit(admin_client, pid, "lihat")
    looks = [v["rincian"] for v in views if "dokumen" in v["rincian"]]
    assert {"dokumen": dokumen["id"], "jenis": "ktp", "judul": "KTP", "cara": "unduh"} in looks
    assert {"dokumen": dokumen["id"], "jenis": "ktp", "judul": "KTP", "cara": "lihat"} in looks
    assert any(r["dokumen"] == foto["id"] for r in looks)
    assert all(v["pengguna"] == "admin" for v in views)
    assert [e["rincian"]["jenis"] for e in audit(admin_client, pid, "unggah_dokumen")] == ["ktp"]
    assert len(audit(admin_client, pid, "unggah_foto")) == 1


def test_a_new_photo_replaces_the_old_one_and_keeps_no_copy(admin_client, balai, person):
    pid = person["id"]
    upload(admin_client, pid, "foto", "lama.png", photo(300, 400, "PNG"), "image/png")
    old = rows(pid)[0]
    answer = upload(admin_client, pid, "foto", "baru.webp", photo(500, 600, "WEBP"), "image/webp")
    assert "Foto lama diganti dengan foto baru." in answer.text
    current = rows(pid)
    assert len(current) == 1 and current[0]["mime"] == "image/webp" and current[0]["berkas"] != old["berkas"]
    assert [p.name for p in stored(balai)] == [current[0]["berkas"]]  # the old file is gone from the disk
    assert len(audit(admin_client, pid, "ganti_foto")) == 1


BAD = {
    "teks bernama .pdf": ("ktp", "surat.pdf", b"Ini hanya teks biasa, bukan PDF.\n" * 20, "application/pdf",
                          "Hanya berkas PDF, JPEG atau PNG"),
    "PDF terenkripsi": ("kk", "kk.pdf", locked_pdf(), "application/pdf", "dikunci dengan kata sandi"),
    "PDF berkata sandi": ("kk", "kk.pdf", locked_pdf("rahasia"), "application/pdf", "dikunci dengan kata sandi"),
    "terlalu besar": ("akta_lahir", "akta.pdf", pdf() + b"%" * (5 * 1024 * 1024), "application/pdf",
                      "Berkas terlalu besar"),
    "PNG palsu (foto)": ("foto", "foto.png", b"<html>bukan gambar</html>", "image/png", "Foto harus gambar"),
    "PNG rusak (foto)": ("foto", "foto.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "image/png", "Gambar rusak"),
    "PNG palsu (dokumen)": ("kk", "kk.png", b"\x89PNG\r\n\x1a\nbukan gambar", "image/png", "Berkas rusak"),
    "kosong": ("ktp", "ktp.pdf", b"", "application/pdf", "Pilih berkas"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_files_are_refused_with_a_reason_and_nothing_is_kept(admin_client, balai, person, case):
    jenis, name, content, mime, message = BAD[case]
    answer = upload(admin_client, person["id"], jenis, name, content, mime)
    assert answer.status_code == 200 and message in answer.text, answer.text[:800]
    assert rows() == [] and stored(balai) == []
    assert audit(admin_client, person["id"], "unggah_dokumen") == []


def test_other_documents_need_a_name_and_an_unknown_kind_is_refused(admin_client, balai, person):
    assert "Tuliskan nama dokumennya" in upload(admin_client, person["id"], "lainnya", "x.pdf", pdf(),
                                                "application/pdf").text
    assert "Pilih jenis berkas" in upload(admin_client, person["id"], "rapor", "x.pdf", pdf(), "application/pdf").text
    assert rows() == [] and stored(balai) == []
    named = upload(admin_client, person["id"], "lainnya", "x.pdf", pdf(), "application/pdf", judul="Ijazah SMA")
    assert "Dokumen Ijazah SMA disimpan." in named.text and rows()[0]["judul"] == "Ijazah SMA"


def test_deleting_needs_a_reason_and_is_logged(admin_client, balai, person):
    pid = person["id"]
    upload(admin_client, pid, "ktp", "ktp.pdf", pdf(), "application/pdf")
    row = rows(pid)[0]
    refused = post_form(admin_client, f"/admin/penduduk/{pid}/berkas/{row['id']}/hapus", {"alasan": "  "},
                        follow_redirects=True)
    assert "Tuliskan alasan penghapusan." in refused.text and len(rows(pid)) == 1
    done = post_form(admin_client, f"/admin/penduduk/{pid}/berkas/{row['id']}/hapus",
                     {"alasan": "Salah orang, milik tetangga"}, follow_redirects=True)
    assert "KTP dihapus." in done.text and rows(pid) == [] and stored(balai) == []
    [entry] = audit(admin_client, pid, "hapus_dokumen")
    assert entry["rincian"] == {"dokumen": row["id"], "jenis": "ktp", "judul": "KTP",
                                "alasan": "Salah orang, milik tetangga"}


def test_a_file_is_reached_only_through_its_own_resident(admin_client, balai, person):
    upload(admin_client, person["id"], "ktp", "ktp.pdf", pdf(), "application/pdf")
    row = rows(person["id"])[0]
    other = person["id"] + 1
    assert admin_client.get(f"/admin/penduduk/{other}/berkas/{row['id']}").status_code == 404
    assert post_form(admin_client, f"/admin/penduduk/{other}/berkas/{row['id']}/hapus",
                     {"alasan": "coba"}).status_code == 404
    assert admin_client.get(f"/admin/penduduk/999999/berkas/{row['id']}").status_code == 404
    assert len(rows()) == 1


def test_without_the_permission_the_officer_is_refused(admin_client, balai, person):
    pid = person["id"]
    upload(admin_client, pid, "ktp", "ktp.pdf", pdf(), "application/pdf")
    row = rows(pid)[0]
    officer(admin_client, "pembaca", ["penduduk.lihat", "penduduk.ubah"])
    page = admin_client.get(f"/admin/penduduk/{pid}")
    assert page.status_code == 200
    section = page.text.split('id="foto-dokumen"')[1].split("</section>")[0]
    assert "penduduk.dokumen" in section and "/berkas/" not in section
    assert admin_client.get(f"/admin/penduduk/{pid}/berkas/{row['id']}").status_code == 403
    assert upload(admin_client, pid, "kk", "kk.pdf", pdf(), "application/pdf").status_code == 403
    assert post_form(admin_client, f"/admin/penduduk/{pid}/berkas/{row['id']}/hapus",
                     {"alasan": "x"}).status_code == 403
    assert len(rows()) == 1 and len(stored(balai)) == 1


def test_the_operator_role_holds_the_permission_and_the_wali_nagari_does_not(balai):
    roles = {r["kode"]: json.loads(r["izin"]) for r in run_sync(Peran.select().run())}
    assert "penduduk.dokumen" in roles["operator"] and "penduduk.dokumen" not in roles["wali_nagari"]


def test_outside_the_jorong_scope_a_file_does_not_exist(admin_client, balai):
    koto, baruah = place("Koto"), place("Baruah")
    mine = add(admin_client, "1307051208900001", "Rustam", koto, "1307051234560001")
    theirs = add(admin_client, "1307051208880003", "Bujang", baruah, "1307051234560003")
    admin_client.get("/admin")
    for who in (mine, theirs):
        upload(admin_client, who["id"], "ktp", "ktp.pdf", pdf(), "application/pdf")
    files = {r["penduduk"]: r["id"] for r in rows()}
    officer(admin_client, "kepala_koto", ["penduduk.lihat", "penduduk.dokumen"], wilayah=koto)
    assert admin_client.get(f"/admin/penduduk/{mine['id']}/berkas/{files[mine['id']]}").status_code == 200
    assert admin_client.get(f"/admin/penduduk/{theirs['id']}/berkas/{files[theirs['id']]}").status_code == 404
    assert upload(admin_client, theirs["id"], "kk", "kk.pdf", pdf(), "application/pdf").status_code == 404
    assert post_form(admin_client, f"/admin/penduduk/{theirs['id']}/berkas/{files[theirs['id']]}/hapus",
                     {"alasan": "x"}).status_code == 404
    assert len(rows()) == 2 and len(stored(balai)) == 2
    looked = [e for e in audit(admin_client, theirs["id"], "lihat") if e["pengguna"] == "kepala_koto"]
    assert looked == []


def test_nothing_is_half_saved_when_the_row_or_the_file_cannot_be(balai, person, monkeypatch):
    from core.penduduk import berkas

    officer_request = SimpleNamespace(state={"user": {"id": 1, "username": "admin"}}, client=None)

    async def refused(*args, **kwargs):
        raise RuntimeError("basis data menolak")

    monkeypatch.setattr(berkas, "log_change", refused)  # the row's transaction fails after the file was written
    with pytest.raises(RuntimeError):
        run_sync(berkas.add(balai.settings.data_dir, person["id"], "ktp", "", pdf(), officer_request))
    assert rows() == [] and stored(balai) == []
    monkeypatch.undo()

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(berkas, "save_document", disk_full)
    with pytest.raises(berkas.BerkasError, match="disk penuh"):
        run_sync(berkas.add(balai.settings.data_dir, person["id"], "ktp", "", pdf(), officer_request))
    assert rows() == [] and stored(balai) == []
