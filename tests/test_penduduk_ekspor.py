"""The filtered resident list as CSV and XLSX: the list's rows (every page), the user's scope, one audit entry."""

import csv
import io
import json
import re

import pytest
from python_calamine import CalamineWorkbook

from core.audit.tables import AuditEntri
from core.identity.users import create_user
from core.penduduk import cari
from core.tables import Peran
from core.web import penduduk_pages
from plugin_sdk.testing import login, post_form, run_sync
from tests.test_lingkup_wilayah import add, place

PASSWORD = "kata-sandi-uji"


@pytest.fixture
def warga(admin_client, balai, monkeypatch):
    """Three residents in Jorong Koto (one below it, in RT 01), two in Jorong Baruah; two to a list page."""
    monkeypatch.setattr(cari, "PER_PAGE", 2)
    monkeypatch.setattr(penduduk_pages, "PER_PAGE", 2)
    koto, baruah = place("Koto"), place("Baruah")
    rt = place("01", koto, 3)
    people = [add(admin_client, "1307051208900001", "Rustam", koto, "1307051234560001"),
              add(admin_client, "1307055208920002", "=SUM(1+1)", rt, "1307051234560002", "2"),
              add(admin_client, "1307051208910005", "Ujang", koto, "1307051234560005"),
              add(admin_client, "1307051208880003", "Bujang", baruah, "1307051234560003"),
              add(admin_client, "1307055208870004", "Upik", baruah, "1307051234560004", "2")]
    return {"koto": koto, "baruah": baruah, "rt": rt, "people": people}


def _listed(client, params) -> tuple[int, str]:
    page = client.get("/admin/penduduk", params=params).text
    total = int(re.search(r'id="jumlah-hasil">([\d.]+) penduduk', page).group(1).replace(".", ""))
    return total, page


def _csv(client, params) -> list[dict]:
    answer = client.get("/admin/penduduk/unduh.csv", params=params)
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(answer.content.decode("utf-8"))))


def _xlsx(client, params) -> list[dict]:
    answer = client.get("/admin/penduduk/unduh.xlsx", params=params)
    assert answer.status_code == 200 and answer.content[:2] == b"PK"
    rows = CalamineWorkbook.from_filelike(io.BytesIO(answer.content)).get_sheet_by_name("penduduk").to_python()
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def test_download_holds_exactly_the_filtered_list_on_every_page(admin_client, warga):
    params = {"wilayah": str(warga["koto"])}
    total, page = _listed(admin_client, params)
    assert total == 3 and "halaman 1 dari 2" in page  # the list shows two; the file must hold all three
    table = page[page.index('id="daftar-penduduk"'):]
    assert table[:table.index("</table>")].count("<tr><td>") == 2
    links = re.findall(r'href="(/admin/penduduk/unduh\.(?:csv|xlsx)[^"]*)"', page)
    assert len(links) == 2 and all(f"wilayah={warga['koto']}" in link for link in links)
    expected = {p["nik"] for p in warga["people"][:3]}
    from_csv, from_xlsx = _csv(admin_client, params), _xlsx(admin_client, params)
    assert len(from_csv) == len(from_xlsx) == total
    assert {r["NIK"] for r in from_csv} == {str(r["NIK"]) for r in from_xlsx} == expected
    ujang = next(r for r in from_csv if r["Nama"] == "Ujang")
    assert ujang["Jenis kelamin"] == "Laki-laki" and ujang["Jorong"] == "Koto" and ujang["No. KK"] == "1307051234560005"
    guarded = next(r for r in from_csv if r["NIK"] == "1307055208920002")
    assert guarded["Nama"].startswith("'=") and guarded["RT"] == "01"  # a formula stays text
    # Other filters too: sex and the search box.
    women = _csv(admin_client, {"jenis_kelamin": "2"})
    assert {r["NIK"] for r in women} == {"1307055208920002", "1307055208870004"}
    assert [r["Nama"] for r in _csv(admin_client, {"q": "ujang"})] == ["Bujang", "Ujang"]  # as the list: by name


def test_each_download_is_one_audit_entry_with_its_filter_and_count(admin_client, warga):
    _xlsx(admin_client, {"wilayah": str(warga["baruah"])})
    entries = run_sync(AuditEntri.select().where((AuditEntri.aksi == "ekspor")
                                                 & (AuditEntri.objek_jenis == "daftar_penduduk")).run())
    assert len(entries) == 1
    detail = entries[0]["rincian"] if isinstance(entries[0]["rincian"], dict) else json.loads(entries[0]["rincian"])
    assert detail["format"] == "xlsx" and detail["jumlah"] == 2 and detail["saring"]["wilayah"] == str(warga["baruah"])
    assert entries[0]["pengguna"] == "admin"


def test_a_scoped_user_downloads_only_their_part_and_needs_the_permission(admin_client, warga):
    role = run_sync(Peran.insert(Peran(kode="kepala_jorong", nama="Kepala Jorong", izin=json.dumps(
        ["penduduk.lihat"]))).returning(Peran.id).run())[0]["id"]
    user = run_sync(create_user("kepala_koto", "Kepala Koto", PASSWORD, role))
    post_form(admin_client, f"/admin/pengguna/{user['id']}", {"nama": "Kepala Koto", "peran": str(role), "aktif": "1",
                                                              "wilayah_lingkup": str(warga["koto"])})
    none = run_sync(Peran.insert(Peran(kode="tamu", nama="Tamu", izin="[]")).returning(Peran.id).run())[0]["id"]
    run_sync(create_user("tamu", "Tamu", PASSWORD, none))
    post_form(admin_client, "/keluar")
    login(admin_client, "kepala_koto", PASSWORD)
    koto = {p["nik"] for p in warga["people"][:3]}
    assert {r["NIK"] for r in _csv(admin_client, {})} == koto
    assert {str(r["NIK"]) for r in _xlsx(admin_client, {"status_dasar": "semua"})} == koto
    assert _csv(admin_client, {"wilayah": str(warga["baruah"])}) == []  # another jorong's filter finds nobody
    post_form(admin_client, "/keluar")
    login(admin_client, "tamu", PASSWORD)
    assert admin_client.get("/admin/penduduk/unduh.csv").status_code == 403
    assert admin_client.get("/admin/penduduk/unduh.xlsx").status_code == 403


def test_a_long_list_is_written_by_a_background_job_for_its_own_user(admin_client, balai, warga, monkeypatch):
    from core.penduduk import ekspor
    from tests.test_impor import finish

    assert balai.host.pm.get_plugin(ekspor.__name__) is not None  # a kernel hook: every Balai runs the job
    monkeypatch.setattr(ekspor, "DIRECT_MAX", 2)
    answer = admin_client.get("/admin/penduduk/unduh.csv", params={"wilayah": str(warga["koto"])},
                              follow_redirects=False)
    assert answer.status_code in (302, 303) and answer.headers["location"].startswith("/admin/tugas/")
    state = finish(admin_client, balai, answer.headers["location"])
    assert state["tautan"].startswith("/admin/penduduk/unduhan/")
    rows = list(csv.DictReader(io.StringIO(admin_client.get(state["tautan"]).content.decode("utf-8"))))
    assert {r["NIK"] for r in rows} == {p["nik"] for p in warga["people"][:3]}
    entries = run_sync(AuditEntri.select().where(AuditEntri.aksi == "ekspor").run())
    assert len(entries) == 1 and json.loads(entries[0]["rincian"])["jumlah"] == 3 and entries[0]["pengguna"] == "admin"
    # Someone else's finished export is not theirs to fetch.
    role = run_sync(Peran.insert(Peran(kode="operator2", nama="Operator kedua", izin=json.dumps(["penduduk.lihat"])))
                    .returning(Peran.id).run())[0]["id"]
    run_sync(create_user("lain", "Lain", PASSWORD, role))
    post_form(admin_client, "/keluar")
    login(admin_client, "lain", PASSWORD)
    assert admin_client.get(state["tautan"]).status_code == 404
