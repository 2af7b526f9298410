"""Public information and requests (plugin `informasi_publik`, PPID part, issue 23): the request form with its bad
input and throttling (nothing saved), the status page that needs the code and shows no personal data, documents
classified dikecualikan never public, the office's register with days left, one extension only, the answer and
the objection, and the holiday calendar the deadlines are counted on."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta, timezone

import pytest
from pypdf import PdfWriter

from core.identity.throttle import forget_waits
from core.identity.users import create_user
from core.tables import PercobaanMasuk
from core.web import cache_publik
from core.audit.tables import AuditEntri
from plugin_sdk.testing import login, post_form, run_sync
from plugins.informasi_publik import contoh_ppid, hari_kerja, ppid
from plugins.informasi_publik.publik import cache
from plugins.informasi_publik.tabel_ppid import DokumenInformasi, HariLibur, PermohonanInformasi
from core.profil.waktu import today as nagari_today  # the nagari's day (WIB), not the server's UTC one

ROMAWI = ppid.ROMAWI
PETUGAS = ("ppiddesa", "Petugas PPID", "sandi-petugas-ppid-1")


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    cache.CACHE.clear()
    yield
    cache.CACHE.clear()


@pytest.fixture
def petugas(balai_app):
    """A second browser, logged in as the village's PPID officer (role ppid)."""
    from litestar.testing import TestClient

    run_sync(create_user(PETUGAS[0], PETUGAS[1], PETUGAS[2], "ppid"))
    with TestClient(balai_app, base_url="http://testserver.local") as other:
        login(other, PETUGAS[0], PETUGAS[2])
        yield other


def pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def isian(**lain) -> dict:
    return {"nama": "Rahmat Hidayat", "alamat": "Jorong Koto Tuo", "kontak": "0812 6600 1234",
            "informasi": "Rincian belanja jalan usaha tani", "tujuan": "Musyawarah kelompok tani",
            "cara": "softcopy", "kirim": "langsung", **lain}


def ajukan(client, **lain):
    client.get("/informasi-publik/permohonan")  # the form's own CSRF cookie
    return post_form(client, "/informasi-publik/permohonan", isian(**lain))


def permohonan() -> list[dict]:
    return run_sync(PermohonanInformasi.select().order_by(PermohonanInformasi.id).run())


def audit(jenis: str) -> list[dict]:
    return run_sync(AuditEntri.select().where(AuditEntri.objek_jenis == jenis).run())


def teks(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_resident_submits_a_request_and_looks_it_up_with_the_code_only(client, balai):
    form = client.get("/informasi-publik/permohonan")
    assert form.status_code == 200 and "Informasi yang diminta" in form.text
    assert set(client.cookies.keys()) <= {"balai_csrf"}  # no session for a visitor

    r = ajukan(client)
    assert r.status_code == 200, r.text[:1000]
    [row] = permohonan()
    nomor = re.search(r'id="nomor-permohonan">([^<]+)<', r.text).group(1)
    kode = re.search(r'id="kode-permohonan">([^<]+)<', r.text).group(1)
    diterima = row["diterima"]
    assert nomor == row["nomor"] == f"001/PPID/{ROMAWI[diterima.month - 1]}/{diterima.year}"
    assert len(kode) == 8 and kode not in str(row)  # only its hash is kept
    libur = run_sync(ppid.libur())
    assert row["tenggat"] == hari_kerja.tambah(diterima, 10, libur) and row["sidik"] and row["status"] == "diproses"

    alamat = "/informasi-publik/permohonan/" + nomor.replace("/", "-")
    assert client.get(alamat).status_code == 200
    salah = post_form(client, alamat, {"kode": "ABCDEFGH"})
    assert salah.status_code == 404 and "tidak cocok" in salah.text and "Rahmat" not in salah.text
    benar = post_form(client, alamat, {"kode": kode.lower()})
    halaman = teks(benar.text)
    assert benar.status_code == 200 and "Sedang diproses" in halaman and "hari kerja lagi" in halaman
    for pribadi in ("Rahmat", "Koto Tuo", "0812", "jalan usaha tani", "kelompok tani"):
        assert pribadi not in benar.text
    other = post_form(client, "/informasi-publik/permohonan/999-PPID-I-2026", {"kode": kode})
    assert other.status_code == 404

    ajukan(client, nama="Siti", kontak="siti@contoh.id", kirim="email")
    assert permohonan()[1]["nomor"].startswith("002/PPID/")


@pytest.mark.parametrize("salah,field,pesan", [
    ({"nama": ""}, "nama", "Nama wajib diisi."),
    ({"kontak": "12"}, "kontak", "nomor telepon"),
    ({"kontak": "budi@"}, "kontak", "e-mail tidak lengkap"),
    ({"kirim": "email"}, "kontak", "tulis alamat e-mail"),
    ({"cara": "fax"}, "cara", "Pilih cara memperoleh"),
    ({"informasi": "x" * 2001}, "informasi", "paling panjang 2.000"),
])
def test_bad_input_says_what_is_wrong_and_saves_nothing(client, balai, salah, field, pesan):
    r = ajukan(client, **salah)
    assert r.status_code == 400 and pesan in r.text and f'id="galat-{field}"' in r.text
    assert permohonan() == []


def test_a_flood_of_requests_is_throttled_and_the_refused_one_is_not_saved(client, balai):
    for _ in range(3):
        assert ajukan(client).status_code == 200
    r = ajukan(client, nama="Banjir")
    assert r.status_code == 429 and "Banjir" in r.text  # what was typed stays in the form
    assert len(permohonan()) == 3 and all(p["nama"] != "Banjir" for p in permohonan())


def _dokumen(petugas, kategori: str, judul: str, berkas: bytes | None = None, **lain):
    files = {"berkas": ("dok.pdf", berkas, "application/pdf")} if berkas is not None else None
    return post_form(petugas, "/admin/ppid/dokumen/baru", {"judul": judul, "kategori": kategori, "tahun": "2026",
                                                           **lain}, files=files, follow_redirects=False)


def test_documents_by_category_and_dikecualikan_is_never_public(client, petugas, balai):
    assert _dokumen(petugas, "berkala", "Laporan Realisasi Semester I", pdf()).status_code in (302, 303)
    assert _dokumen(petugas, "dikecualikan", "Data Pribadi Penerima Bansos", pdf()).status_code in (302, 303)
    assert _dokumen(petugas, "setiap_saat", "Daftar Informasi Publik",
                    tautan="https://contoh.id/dip").status_code in (302, 303)
    # bad input: not a PDF, neither file nor link, no category: nothing saved
    r = _dokumen(petugas, "berkala", "Bukan PDF", b"hello")
    assert r.status_code == 400 and "Berkas harus PDF." in r.text
    r = _dokumen(petugas, "", "Tanpa apa-apa")
    assert r.status_code == 400 and "Pilih kategori" in r.text and "Unggah berkas PDF atau isi tautannya" in r.text
    rows = run_sync(DokumenInformasi.select().order_by(DokumenInformasi.id).run())
    assert [d["judul"] for d in rows] == ["Laporan Realisasi Semester I", "Data Pribadi Penerima Bansos",
                                          "Daftar Informasi Publik"]
    berkala, kecuali = rows[0], rows[1]

    beranda = client.get("/informasi-publik")
    assert beranda.status_code == 200 and "dikecualikan" not in beranda.text.lower()
    halaman = client.get("/informasi-publik/berkala")
    assert "Laporan Realisasi Semester I" in halaman.text and "Bansos" not in halaman.text
    assert "Daftar Informasi Publik" in client.get("/informasi-publik/setiap-saat").text
    assert client.get("/informasi-publik/dikecualikan").status_code == 404
    assert client.get(f"/informasi-publik/dokumen/{kecuali['id']}/berkas").status_code == 404
    unduh = client.get(f"/informasi-publik/dokumen/{berkala['id']}/berkas")
    assert unduh.status_code == 200 and unduh.content.startswith(b"%PDF-")
    assert "Set-Cookie" not in halaman.headers
    # the office sees and opens every document, dikecualikan too
    assert "Data Pribadi Penerima Bansos" in petugas.get("/admin/ppid/dokumen").text
    assert petugas.get(f"/admin/ppid/dokumen/{kecuali['id']}/berkas").status_code == 200

    # moving a document to dikecualikan takes it off the (cached) public page at once
    r = post_form(petugas, f"/admin/ppid/dokumen/{berkala['id']}", {"judul": berkala["judul"],
                  "kategori": "dikecualikan", "tahun": "2026"}, follow_redirects=False)
    assert r.status_code in (302, 303), r.text[:500]
    assert "Laporan Realisasi" not in client.get("/informasi-publik/berkala").text
    assert client.get(f"/informasi-publik/dokumen/{berkala['id']}/berkas").status_code == 404
    logged = audit("informasi_publik.dokumen")
    assert sorted(c["aksi"] for c in logged) == ["tambah", "tambah", "tambah", "ubah"]


def _satu() -> dict:
    return permohonan()[0]


def test_the_register_shows_days_left_and_an_extension_is_allowed_once(client, petugas, balai):
    ajukan(client)
    p = _satu()
    libur = run_sync(ppid.libur())
    sisa = hari_kerja.sisa(p["diterima"], p["tenggat"], libur)
    register = teks(petugas.get("/admin/ppid").text)
    assert p["nomor"] in register and f"{sisa} hari kerja" in register and "Rahmat Hidayat" in register

    url = f"/admin/ppid/permohonan/{p['id']}/perpanjang"
    tanpa_alasan = post_form(petugas, url, {"alasan": ""})
    assert tanpa_alasan.status_code == 400 and "alasan perpanjangan" in tanpa_alasan.text
    assert _satu()["tenggat"] == p["tenggat"]
    assert post_form(petugas, url, {"alasan": "Dokumen di arsip kecamatan"},
                     follow_redirects=False).status_code in (302, 303)
    diperpanjang = _satu()
    assert diperpanjang["tenggat"] == hari_kerja.tambah(p["tenggat"], 7, libur) and diperpanjang["diperpanjang"]
    kedua = post_form(petugas, url, {"alasan": "Lagi"})
    assert kedua.status_code == 400 and "hanya boleh sekali" in kedua.text
    assert _satu()["tenggat"] == diperpanjang["tenggat"] and _satu()["alasan_perpanjangan"] == \
        "Dokumen di arsip kecamatan"
    logged = audit("informasi_publik.permohonan")
    assert [c["aksi"] for c in logged].count("perpanjang") == 1


def test_an_answer_a_refusal_needs_its_reason_and_an_objection_gets_30_working_days(client, petugas, balai):
    ajukan(client)
    p = _satu()
    url = f"/admin/ppid/permohonan/{p['id']}"
    hari_ini = p["diterima"].isoformat()
    r = post_form(petugas, f"{url}/jawab", {"status": "ditolak", "tanggal": hari_ini, "pasal": ""})
    assert r.status_code == 400 and "alasan pengecualian" in r.text and _satu()["status"] == "diproses"
    # no objection while the request is waiting within its time
    assert post_form(petugas, f"{url}/keberatan", {"tanggal": hari_ini, "alasan": "a"}).status_code == 400
    r = post_form(petugas, f"{url}/jawab", {"status": "ditolak", "tanggal": hari_ini, "pasal": "17h",
                                            "catatan": "Memuat NIK"}, follow_redirects=False)
    assert r.status_code in (302, 303)
    assert (_satu()["status"], _satu()["pasal"]) == ("ditolak", "17h")
    assert post_form(petugas, f"{url}/jawab", {"status": "diberikan", "tanggal": hari_ini}).status_code == 400

    r = post_form(petugas, f"{url}/keberatan", {"tanggal": hari_ini, "alasan": "a", "uraian": "Minta tanpa NIK"},
                  follow_redirects=False)
    assert r.status_code in (302, 303)
    libur = run_sync(ppid.libur())
    assert _satu()["keberatan_tenggat"] == hari_kerja.tambah(p["diterima"], 30, libur)
    assert post_form(petugas, f"{url}/keberatan", {"tanggal": hari_ini, "alasan": "a"}).status_code == 400
    status = post_form(client, "/informasi-publik/permohonan/" + p["nomor"].replace("/", "-"), {"kode": "salah"})
    assert "Memuat NIK" not in status.text


def test_an_overdue_request_is_flagged_and_may_get_an_objection(client, petugas, balai):
    ajukan(client)
    p = _satu()
    lama = p["diterima"] - timedelta(days=40)
    run_sync(PermohonanInformasi.update({PermohonanInformasi.diterima: lama,
                                         PermohonanInformasi.tenggat: lama + timedelta(days=14)}).where(
        PermohonanInformasi.id == p["id"]).run())
    register = teks(petugas.get("/admin/ppid").text)
    assert "Terlambat" in register and "melewati batas waktu" in register
    card = teks(petugas.get("/admin").text)  # the PPID's dashboard card counts it as late
    assert "1 permohonan menunggu jawaban, 1 melewati batas waktu" in card
    r = post_form(petugas, f"/admin/ppid/permohonan/{p['id']}/keberatan",
                  {"tanggal": p["diterima"].isoformat(), "alasan": "c"}, follow_redirects=False)
    assert r.status_code in (302, 303)


def test_the_holiday_calendar_is_seeded_editable_and_moves_new_deadlines(client, petugas, balai):
    tanggal = {r["tanggal"] for r in run_sync(HariLibur.select().run())}
    assert date(2026, 8, 17) in tanggal and date(2026, 12, 24) in tanggal
    assert "Cuti bersama Idul Fitri" in petugas.get("/admin/ppid/libur", params={"tahun": "2026"}).text

    besok = nagari_today() + timedelta(days=1)
    while besok.weekday() >= 5 or besok in tanggal:
        besok += timedelta(days=1)
    r = post_form(petugas, "/admin/ppid/libur", {"tanggal": besok.isoformat(), "nama": "Hari Jadi Nagari"},
                  follow_redirects=False)
    assert r.status_code in (302, 303)
    dua_kali = post_form(petugas, "/admin/ppid/libur", {"tanggal": besok.isoformat(), "nama": "Lagi"})
    assert dua_kali.status_code == 400 and "sudah ada" in dua_kali.text
    assert post_form(petugas, "/admin/ppid/libur", {"tanggal": "", "nama": ""}).status_code == 400
    ajukan(client)
    p = _satu()
    libur = run_sync(ppid.libur())
    assert besok in libur and p["tenggat"] == hari_kerja.tambah(p["diterima"], 10, libur)
    if p["diterima"] < besok <= p["tenggat"]:  # the new holiday falls in the period: a day later than without it
        assert p["tenggat"] > hari_kerja.tambah(p["diterima"], 10, libur - {besok})
    row = run_sync(HariLibur.select().where(HariLibur.tanggal == besok).first().run())
    assert post_form(petugas, f"/admin/ppid/libur/{row['id']}/hapus", follow_redirects=False).status_code in (302, 303)
    assert besok not in run_sync(ppid.libur())
    logged = audit("informasi_publik.libur")
    assert sorted(c["aksi"] for c in logged) == ["hapus", "tambah"]


def test_only_the_ppid_writes_and_a_visitor_sees_no_office_page(client, balai):
    assert client.get("/admin/ppid", follow_redirects=False).status_code in (302, 303, 401, 403)
    run_sync(create_user("opx", "Operator", "sandi-operator-x-1", "operator"))
    login(client, "opx", "sandi-operator-x-1")
    assert client.get("/admin/ppid").status_code == 200  # operators read the register (LIHAT)
    assert post_form(client, "/admin/ppid/libur", {"tanggal": "2026-12-31", "nama": "X"}).status_code == 403


def test_the_demo_content_lists_documents_and_two_requests_and_every_page_opens(client, petugas, balai):
    from types import SimpleNamespace

    ids = run_sync(contoh_ppid.buat_demo(SimpleNamespace(state=SimpleNamespace(balai=balai))))
    assert len(ids) == len(contoh_ppid.DOKUMEN)
    assert [p["status"] for p in permohonan()] == ["diproses", "ditolak"]
    assert "Peringatan Dini Banjir" in client.get("/informasi-publik/serta-merta").text
    assert "Penerima Bantuan Sosial" not in client.get("/informasi-publik/berkala").text
    for url in ("/informasi-publik", "/informasi-publik/permohonan/001-PPID-I-2026"):
        assert client.get(url).status_code == 200, url
    for url in ("/admin/ppid", "/admin/ppid/permohonan/1", "/admin/ppid/permohonan/2", "/admin/ppid/dokumen",
                "/admin/ppid/dokumen/baru", "/admin/ppid/dokumen/1", "/admin/ppid/libur"):
        assert petugas.get(url).status_code == 200, url
    ditolak = teks(petugas.get("/admin/ppid/permohonan/2").text)
    assert "Pasal 17 huruf h" in ditolak and "Catat keberatan" in ditolak and "Siti Aisyah" in ditolak
    assert "Perpanjang jangka waktu" in petugas.get("/admin/ppid/permohonan/1").text
    assert "Sekretariat" in petugas.get("/admin/ppid").text  # the menu group


def test_a_sender_quiet_for_a_day_is_no_longer_held_back(client, balai):
    for _ in range(3):
        ajukan(client)
    assert ajukan(client).status_code == 429
    lalu = datetime.now(timezone.utc) - timedelta(days=2)
    run_sync(PermohonanInformasi.update({PermohonanInformasi.dibuat: lalu}, force=True).run())
    # the throttle's own count would still hold the sender for minutes
    run_sync(PercobaanMasuk.update({PercobaanMasuk.gagal: 12, PercobaanMasuk.terakhir: datetime.now(timezone.utc)},
                                   force=True).run())
    forget_waits()  # this worker's memory of the wait; another worker would read the table
    assert ajukan(client).status_code == 200 and len(permohonan()) == 4


def test_a_document_names_its_responsible_official_kept_when_they_leave_office(client, petugas, balai):
    from core.tables import Perangkat

    [o] = run_sync(Perangkat.insert(Perangkat(nama="Yusrizal", jabatan="Sekretaris Nagari")).returning(
        Perangkat.id).run())
    assert _dokumen(petugas, "berkala", "Laporan Keuangan", pdf(), pejabat=str(o["id"])).status_code in (302, 303)
    [d] = run_sync(DokumenInformasi.select().run())
    assert d["pejabat"] == o["id"] and "Yusrizal" in d["penanggung_jawab"]
    assert "Yusrizal" in client.get("/informasi-publik/berkala").text
    run_sync(Perangkat.update({Perangkat.aktif: False}).where(Perangkat.id == o["id"]).run())
    assert "Yusrizal" in petugas.get(f"/admin/ppid/dokumen/{d['id']}").text
    post_form(petugas, f"/admin/ppid/dokumen/{d['id']}", {"judul": "Laporan Keuangan Nagari", "kategori": "berkala",
                                                          "tahun": "2026", "pejabat": str(o["id"])})
    [d] = run_sync(DokumenInformasi.select().run())
    assert d["judul"] == "Laporan Keuangan Nagari" and "Yusrizal" in d["penanggung_jawab"]


def test_a_request_handed_in_at_the_office_is_dated_the_day_it_was_received(client, petugas, balai):
    from datetime import date

    hari_ini = nagari_today()
    kemarin = hari_ini - timedelta(days=1)
    form = petugas.get("/admin/ppid/permohonan/baru")
    assert form.status_code == 200 and "Tanggal diterima" in form.text
    salah = post_form(petugas, "/admin/ppid/permohonan/baru", {**isian(), "diterima": (hari_ini + timedelta(days=3)).isoformat()})
    assert salah.status_code == 400 and "tidak boleh sesudah hari ini" in salah.text and permohonan() == []
    done = post_form(petugas, "/admin/ppid/permohonan/baru", {**isian(), "diterima": kemarin.isoformat()})
    assert done.status_code == 200 and "kode-permohonan" in done.text
    [p] = permohonan()
    assert p["diterima"] == kemarin and p["sidik"] == ""
    assert "Catat permohonan yang diterima di kantor" in petugas.get("/admin/ppid").text
    assert client.get("/admin/ppid/permohonan/baru", follow_redirects=False).status_code in (302, 303, 401, 403)
