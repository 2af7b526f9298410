"""The books' office pages and XLSX: filters and pages, masking in the file, bad input answered in Indonesian,
every look and every file an audit entry, a long book written by a background job for its own user only."""

import io
import json

import pytest
from python_calamine import CalamineWorkbook

from balai_demo.penduduk import build
from core.audit.tables import AuditEntri
from core.identity.users import create_user
from core.penduduk.tables import Penduduk, Wilayah
from core.tables import Peran
from plugin_sdk.testing import login, post_form, run_sync
from plugins.buku_administrasi import ekspor
from plugins.statistik import api as statistik
from tests.test_impor import finish

PASSWORD = "sandi-uji-yang-panjang-1"


@pytest.fixture
def demo(balai):
    run_sync(build(120, seed=7))
    return run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).run())


def _sheet(content: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def _table(rows: list[list]) -> list[list]:
    start = next(i for i, row in enumerate(rows) if row and row[0] == "No.")
    return rows[start:]


def _entries(aksi: str) -> list[dict]:
    rows = run_sync(AuditEntri.select().where((AuditEntri.aksi == aksi)
                                              & (AuditEntri.objek_jenis == "buku_administrasi")).run())
    return [{**r, "rincian": r["rincian"] if isinstance(r["rincian"], dict) else json.loads(r["rincian"])}
            for r in rows]


def test_the_list_and_each_book_open_with_filters_and_pages(admin_client, demo):
    listing = admin_client.get("/admin/buku")
    assert listing.status_code == 200 and "B.1" in listing.text and "Buku Rekapitulasi Jumlah Penduduk" in listing.text
    first = admin_client.get("/admin/buku/b1")
    assert first.status_code == 200 and first.text.count("<tr>") == 50 + 1 and "Halaman 1 dari 3" in first.text
    last = admin_client.get("/admin/buku/b1?hal=3")
    assert last.text.count("<tr>") == len(demo) - 100 + 1
    someone = demo[3]
    found = admin_client.get("/admin/buku/b1", params={"cari": someone["nik"]})
    assert someone["nama"] in found.text and "1 baris" in found.text
    masked = admin_client.get("/admin/buku/b1", params={"samarkan": "1"}).text
    assert not any(p["nik"] in masked for p in demo) and demo[0]["nik"][:6] + "xxxxxxxxxx" in masked
    jorong = run_sync(Wilayah.select().where(Wilayah.tingkat == 1).first().run())
    one = admin_client.get("/admin/buku/b3", params={"jorong": str(jorong["id"])})
    assert one.status_code == 200 and jorong["nama"] in one.text and "Awal bulan" in one.text


def test_bad_input_is_answered_in_indonesian(admin_client, demo):
    unknown = admin_client.get("/admin/buku/z9")
    assert unknown.status_code == 404 and "tidak dikenal" in unknown.text
    for url, pesan in (("/admin/buku/b3?periode=Mei", "Periode"), ("/admin/buku/b3?periode=2999-01", "belum berjalan"),
                       ("/admin/buku/b3?periode=2026", "per bulan"), ("/admin/buku/b1?jorong=99999", "tidak dikenal"),
                       ("/admin/buku/b1?jorong=koto", "tidak dikenal"), ("/admin/buku/b1?cari=" + "a" * 81, "terlalu panjang"),
                       ("/admin/buku/b1/unduh.xlsx?jorong=99999", "tidak dikenal")):
        answer = admin_client.get(url)
        assert answer.status_code == 400 and pesan in answer.text, url
    assert admin_client.get("/admin/buku/z9/unduh.xlsx").status_code == 404


def test_the_masked_file_holds_no_full_nik_and_says_what_it_is(admin_client, balai, demo):
    answer = admin_client.get("/admin/buku/b1/unduh.xlsx", params={"samarkan": "1"})
    assert answer.status_code == 200 and answer.headers["cache-control"] == "no-store"
    rows = _sheet(answer.content)
    header = {str(r[0]): str(r[1]) for r in rows[:12] if len(r) > 1 and r[0]}
    assert header["Buku Administrasi Desa"] == "B.1 Buku Induk Penduduk" and "NIK dan No. KK" in header
    assert header[balai.profile().get("sebutan_desa") or "Nagari"] == balai.profile().get("nama", "")
    table = _table(rows)
    nik = table[0].index("NIK")
    assert len(table) - 1 == len(demo)
    assert all(str(r[nik]).endswith("x" * 10) for r in table[1:])
    text = answer.content + b"".join(str(c).encode() for r in rows for c in r)
    assert not any(p["nik"].encode() in text for p in demo)
    full = _table(_sheet(admin_client.get("/admin/buku/b1/unduh.xlsx").content))
    assert sorted(str(r[nik]) for r in full[1:]) == sorted(p["nik"] for p in demo)


def test_b3_file_is_the_monthly_report(admin_client, demo):
    report = run_sync(statistik.monthly_report(run_sync(_month()), tingkat=1))
    table = _table(_sheet(admin_client.get("/admin/buku/b3/unduh.xlsx").content))
    akhir = table[0].index("Akhir bulan")
    assert table[-1][1] == "Jumlah" and int(table[-1][akhir]) == report["total"]["angka"]["jumlah"]["jumlah"]["akhir"]
    assert int(table[-1][akhir]) == len(demo)


async def _month() -> str:
    from plugin_sdk import register, today

    return f"{today(await register.stored_profile()):%Y-%m}"


def test_each_look_and_each_file_is_one_audit_entry_with_the_filters(admin_client, demo):
    jorong = run_sync(Wilayah.select().where(Wilayah.tingkat == 1).first().run())
    admin_client.get("/admin/buku/b1", params={"jorong": str(jorong["id"]), "cari": "a", "hal": "1"})
    admin_client.get("/admin/buku/b1/unduh.xlsx", params={"samarkan": "1"})
    admin_client.get("/admin/buku/b1?jorong=99999")  # refused: nothing was shown, nothing to log
    looks = _entries("lihat")
    assert len(looks) == 1 and looks[0]["objek_id"] == "B.1" and looks[0]["pengguna"] == "admin"
    assert looks[0]["rincian"]["saring"] == {"jorong": jorong["id"], "cari": "a"}
    files = _entries("unduh")
    assert len(files) == 1 and files[0]["rincian"]["saring"] == {"samarkan": "1"}
    assert files[0]["rincian"]["baris"] == len(demo) and files[0]["pengguna"] == "admin"


def test_a_long_book_is_written_by_a_job_for_its_own_user(admin_client, balai, demo, monkeypatch):
    monkeypatch.setattr(ekspor, "DIRECT_MAX", 10)
    answer = admin_client.get("/admin/buku/b1/unduh.xlsx", params={"samarkan": "1"}, follow_redirects=False)
    assert answer.status_code in (302, 303) and answer.headers["location"].startswith("/admin/tugas/")
    state = finish(admin_client, balai, answer.headers["location"])
    assert state["tautan"].startswith("/admin/buku/unduhan/")
    table = _table(_sheet(admin_client.get(state["tautan"]).content))
    assert len(table) - 1 == len(demo) and not any(p["nik"] in {str(r[13]) for r in table} for p in demo)
    files = _entries("unduh")
    assert len(files) == 1 and files[0]["pengguna"] == "admin" and files[0]["rincian"]["baris"] == len(demo)
    role = run_sync(Peran.insert(Peran(kode="operator2", nama="Operator kedua", izin=json.dumps(
        ["buku_administrasi.lihat"]))).returning(Peran.id).run())[0]["id"]
    run_sync(create_user("lain", "Lain", PASSWORD, role))
    post_form(admin_client, "/keluar")
    login(admin_client, "lain", PASSWORD)
    assert admin_client.get(state["tautan"]).status_code == 404


def test_the_books_need_the_permission(admin_client, demo):
    role = run_sync(Peran.insert(Peran(kode="tamu", nama="Tamu", izin="[]")).returning(Peran.id).run())[0]["id"]
    run_sync(create_user("tamu", "Tamu", PASSWORD, role))
    post_form(admin_client, "/keluar")
    login(admin_client, "tamu", PASSWORD)
    for url in ("/admin/buku", "/admin/buku/b1", "/admin/buku/b1/unduh.xlsx"):
        assert admin_client.get(url).status_code == 403, url
