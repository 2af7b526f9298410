"""The resident's right to know (UU 27/2022): on /warga/riwayat-akses they see who in the office viewed or changed
their record, their documents and letters made for them, and when: names and roles, plain words, newest first,
paged; never another resident's entries, never ids, usernames or IP addresses."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from core.audit.chain import append
from core.identity.users import create_user
from plugin_sdk import audit_about_resident
from plugin_sdk.testing import login, post_form, run_sync
from tests.mandiri_helpers import Jar, first_login, issue_pin, pdf
from tests.surat_helpers import demo_nagari, issue
from tests.test_penduduk_berkas import rows, upload
from core.penduduk.tables import Penduduk

PASSWORD = "kata-sandi-uji"


def two_residents() -> tuple[dict, dict]:
    living = run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).order_by(Penduduk.id).limit(2).run())
    return living[0], living[1]


def history(client, hal: int | None = None) -> list[str]:
    answer = client.get("/warga/riwayat-akses", params={"hal": hal} if hal else None)
    assert answer.status_code == 200, answer.text[:500]
    assert answer.headers["cache-control"] == "no-store"
    listed = answer.text.split('id="riwayat-akses"')[1].split("</ol>")[0]
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in listed.split("<li>")[1:]]


def test_resident_sees_the_office_looking_at_their_record_and_nobody_elses(admin_client, balai):
    demo_nagari(balai, residents=10)
    mine, theirs = two_residents()
    run_sync(create_user("siti", "Siti Rahmah", PASSWORD, "operator"))
    pin = issue_pin(admin_client, mine["id"])
    issue_pin(admin_client, theirs["id"])
    post_form(admin_client, "/keluar")
    login(admin_client, "siti", PASSWORD)

    assert admin_client.get(f"/admin/penduduk/{mine['id']}").status_code == 200
    upload(admin_client, mine["id"], "ktp", "ktp.pdf", pdf(), "application/pdf")
    ktp = rows(mine["id"])[0]
    assert admin_client.get(f"/admin/penduduk/{mine['id']}/berkas/{ktp['id']}", params={"unduh": 1}).status_code == 200
    run_sync(admin_client.app.state.audit.flush())  # views are written in batches: keep the story's order
    assert issue(admin_client, "domisili", mine["id"]).status_code in (302, 303)
    # The neighbour's record gets things done that must never show on the first resident's page.
    assert admin_client.get(f"/admin/penduduk/{theirs['id']}").status_code == 200
    upload(admin_client, theirs["id"], "lainnya", "ijazah.pdf", pdf(), "application/pdf", judul="Ijazah Tetangga")
    run_sync(admin_client.app.state.audit.flush())

    office = Jar(admin_client)
    first_login(admin_client, mine["nik"], pin)
    home = admin_client.get("/warga").text
    assert 'href="/warga/riwayat-akses"' in home
    run_sync(admin_client.app.state.audit.flush())  # the resident's own look at their home page is theirs, not shown
    seen = history(admin_client)

    assert seen[0].startswith("Membuat surat untuk Anda (domisili) Siti Rahmah (Operator)")  # newest first
    said = [item.split(" Siti Rahmah")[0].split(" Admin Uji")[0] for item in seen]
    assert "Mengunduh dokumen Anda: KTP" in said and "Menyimpan dokumen Anda: KTP" in said
    assert said.count("Melihat data Anda") == 2  # the page, opened and again after the upload
    assert said[-1] == "Memberi PIN layanan mandiri untuk Anda" and "Admin Uji (Administrator)" in seen[-1]
    assert all(" pukul " in item for item in seen)
    page = admin_client.get("/warga/riwayat-akses").text
    assert "Ijazah Tetangga" not in page and theirs["nama"] not in page
    assert not re.search(r"\bsiti\b", page) and "warga#" not in page and "testclient" not in page

    # The same count as the kernel's own: every staff entry about this resident, none about the neighbour.
    entries, more = run_sync(audit_about_resident(mine["id"], batas=100))
    assert len(entries) == len(seen) and not more
    theirs_entries, _ = run_sync(audit_about_resident(theirs["id"], batas=100))
    assert any(e["rincian"].get("judul") == "Ijazah Tetangga" for e in theirs_entries)
    assert not any(e["rincian"].get("judul") == "Ijazah Tetangga" for e in entries)

    # The neighbour, logged in, sees their own entries and none of the first resident's.
    office.swap()
    neighbour_pin = issue_pin(admin_client, theirs["id"])  # a reset: one more entry, theirs
    Jar(admin_client)
    first_login(admin_client, theirs["nik"], neighbour_pin)
    their_view = " | ".join(history(admin_client))
    assert "Menyimpan dokumen Anda: Ijazah Tetangga" in their_view and "Mengatur ulang PIN" in their_view
    assert "KTP" not in their_view and "domisili" not in their_view


def _views(penduduk_id: int, count: int, user_id: int, start: datetime) -> list[dict]:
    return [{"pengguna_id": user_id, "pengguna": "admin", "aksi": "lihat", "objek_jenis": "penduduk",
             "objek_id": penduduk_id, "rincian": {"urut": n}, "waktu": start + timedelta(minutes=n)}
            for n in range(count)]


def test_history_is_paged_newest_first(admin_client, balai):
    demo_nagari(balai, residents=10)
    mine, _ = two_residents()
    pin = issue_pin(admin_client, mine["id"])
    start = datetime.now(timezone.utc) - timedelta(days=2)
    run_sync(append(_views(mine["id"], 25, 1, start)))
    Jar(admin_client)
    first_login(admin_client, mine["nik"], pin)
    first, second = history(admin_client), history(admin_client, 2)
    assert len(first) == 20 and len(second) == 6  # 25 views and the PIN, 20 a page
    assert second[-1].startswith("Memberi PIN")  # given first, so the oldest
    page = admin_client.get("/warga/riwayat-akses").text
    assert 'href="?hal=2"' in page and "Lebih baru" not in page
    assert 'href="?hal=1"' in admin_client.get("/warga/riwayat-akses", params={"hal": 2}).text
    entries, more = run_sync(audit_about_resident(mine["id"], mulai=0, batas=20))
    assert more and [e["rincian"].get("urut") for e in entries[:3]] == [24, 23, 22]


def test_only_the_resident_named_counts_not_one_whose_id_merely_looks_alike(balai):
    """Resident 1 must not see entries about resident 11 or 10, nor counts that happen to equal 1."""
    run_sync(append([
        {"pengguna_id": 1, "aksi": "lihat", "objek_jenis": "penduduk", "objek_id": 11, "rincian": {}},
        {"pengguna_id": 1, "aksi": "buat", "objek_jenis": "surat", "objek_id": 3, "rincian": {"penduduk": 10}},
        {"pengguna_id": 1, "aksi": "buat", "objek_jenis": "surat", "objek_id": 4, "rincian": {"penduduk": 11}},
        {"pengguna_id": 1, "aksi": "ekspor", "objek_jenis": "penduduk", "objek_id": "", "rincian": {"penduduk": 1}},
        {"pengguna_id": None, "pengguna": "warga#1", "aksi": "lihat", "objek_jenis": "penduduk", "objek_id": 1},
        {"pengguna_id": 1, "aksi": "lihat", "objek_jenis": "keluarga", "objek_id": 1, "rincian": {}},
        {"pengguna_id": 1, "aksi": "buat", "objek_jenis": "surat", "objek_id": 5, "rincian": {"penduduk": 1,
                                                                                             "jenis": "usaha"}},
        {"pengguna_id": 1, "aksi": "ubah", "objek_jenis": "penduduk.tambahan", "objek_id": 1, "rincian": {}},
    ]))
    entries, more = run_sync(audit_about_resident(1))
    assert [(e["aksi"], e["objek_jenis"]) for e in entries] == [("ubah", "penduduk.tambahan"), ("buat", "surat")]
    assert entries[0]["petugas"] == "Admin Uji" and entries[0]["peran"] == "Administrator" and not more
    assert set(entries[0]) == {"waktu", "aksi", "objek_jenis", "rincian", "petugas", "peran"}
