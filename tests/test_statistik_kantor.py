"""The office statistics pages: table, charts, pyramid, CSV/XLSX, widget: the same figure through every door,
bad input answered 404/400 in Indonesian, a scoped user sees only their jorong."""

import csv
import io
import re
import zipfile

import pytest

from balai_demo.penduduk import build
from core.penduduk.tables import Penduduk, Wilayah
from plugin_sdk import register, today
from plugin_sdk.testing import run_sync
from plugins.statistik import api


@pytest.fixture
def demo(balai):
    run_sync(build(300, seed=7))
    return run_sync(Penduduk.select().where(Penduduk.status_dasar == 1).run())


def _xlsx_rows(content: bytes, sheet: int = 1) -> list[list[str]]:
    xml = zipfile.ZipFile(io.BytesIO(content)).read(f"xl/worksheets/sheet{sheet}.xml").decode()
    return [re.findall(r"<v>([^<]*)</v>|<t[^>]*>([^<]*)</t>|<c/>", row) for row in re.findall(r"<row>(.*?)</row>", xml)]


def test_pages_open_with_their_figures(admin_client, demo):
    overview = admin_client.get("/admin/statistik")
    assert overview.status_code == 200 and "Pendidikan dalam KK" in overview.text
    assert f"{len(demo)} penduduk" in overview.text.replace(".", "")
    page = admin_client.get("/admin/statistik/pendidikan_kk?tingkat=1")
    assert page.status_code == 200 and "<svg" in page.text and "<title" in page.text
    assert "style=" not in page.text and not re.search(r"<script(?![^>]*\bsrc=)", page.text)
    jorong = run_sync(Wilayah.select().where(Wilayah.tingkat == 1).run())
    assert all(w["nama"] in page.text for w in jorong)
    pyramid = admin_client.get("/admin/statistik/piramida")
    assert pyramid.status_code == 200 and "Piramida penduduk" in pyramid.text and "75+ tahun" in pyramid.text
    for kat in api.categories():
        assert admin_client.get(f"/admin/statistik/{kat.kode}").status_code == 200, kat.kode
    assert admin_client.get("/static/statistik/statistik.css").status_code == 200


def test_the_same_figure_through_page_csv_xlsx_and_widget(admin_client, demo):
    rows = run_sync(api.table("pendidikan_kk"))
    men = sum(r["jumlah"] for r in rows if r["jenis_kelamin"] == 1)
    sd = sum(r["jumlah"] for r in rows if r["kode"] == 3)
    assert men == sum(1 for p in demo if p["jenis_kelamin"] == 1)
    csv_text = admin_client.get("/admin/statistik/pendidikan_kk.csv").content.decode()
    data = list(csv.reader(io.StringIO(csv_text.split("\n\n", 1)[1] if "\n\n" in csv_text else
                                       csv_text.split("\r\n\r\n", 1)[1])))
    assert data[0][:3] == ["kategori", "kode", "label"]
    assert sum(int(r[6]) for r in data[1:] if r and r[1] == "3") == sd
    assert "Kode wilayah Kemendagri" in csv_text
    book = admin_client.get("/admin/statistik/pendidikan_kk.xlsx")
    assert book.status_code == 200
    sheet = _xlsx_rows(book.content)
    values = [[v or t for v, t in row] for row in sheet]
    assert any("Kode wilayah Kemendagri" in c for row in _xlsx_rows(book.content, 2) for cell in row for c in cell)
    assert sum(int(r[6]) for r in values[1:] if r[1] == "3") == sd
    page = admin_client.get("/admin/statistik/pendidikan_kk").text
    assert f">{sd}<" in page.replace(".", "")
    dashboard = admin_client.get("/admin").text
    total = len(demo)
    assert f"{total:,}".replace(",", ".") in dashboard and f"{men:,}".replace(",", ".") + " laki-laki" in dashboard
    # The public page and the monthly report show the same totals (the public one through the suppression).
    women = total - men
    public = admin_client.get("/statistik/pendidikan_kk").text
    foot = re.search(r"<tfoot>.*?</tfoot>", public, flags=re.S).group(0)
    assert re.findall(r"<td>([^<]*)</td>", foot) == [f"{n:,}".replace(",", ".") for n in (men, women, total)]
    this_month = f"{today(run_sync(register.stored_profile())):%Y-%m}"  # the nagari's month
    report = run_sync(api.monthly_report(this_month, tingkat=0))
    assert sum(report["total"]["angka"][c]["jumlah"]["akhir"] for c in ("WNI", "WNA")) == total


def test_bad_input_answers_404_or_400_in_indonesian(admin_client, demo):
    unknown = admin_client.get("/admin/statistik/zodiak")
    assert unknown.status_code == 404 and "tidak dikenal" in unknown.text
    for url, pesan in (("/admin/statistik/agama?tingkat=7", "Tingkat wilayah"),
                       ("/admin/statistik/agama?tingkat=x", "Tingkat wilayah"),
                       ("/admin/statistik/agama?per=2999-01-31", "masa depan"),
                       ("/admin/statistik/agama?per=1900-01-31", "sebelum buku register"),
                       ("/admin/statistik/agama?per=kemarin", "bukan tanggal"),
                       ("/admin/statistik/agama?status=9", "Status penduduk"),
                       ("/admin/statistik/piramida?per=2026-13", "bukan tanggal"),
                       ("/admin/statistik?status=x", "Status penduduk")):
        response = admin_client.get(url)
        assert response.status_code == 400 and pesan in response.text, url
    assert admin_client.get("/admin/statistik/zodiak.csv").status_code == 404
    bad = admin_client.get("/admin/statistik/agama.xlsx?tingkat=9")
    assert bad.status_code == 400 and "Tingkat wilayah" in bad.text


def test_scoped_user_sees_only_their_jorong(admin_client, demo):
    from core.penduduk import lingkup

    jorong = run_sync(Wilayah.select().where(Wilayah.tingkat == 1).order_by(Wilayah.id).first().run())

    async def scoped():
        with lingkup.within(await lingkup.scope_of_wilayah(jorong["id"])):
            return await api.table("agama", tingkat=1)

    rows = run_sync(scoped())
    assert {r["wilayah"] for r in rows} == {jorong["id"]}
    assert sum(r["jumlah"] for r in rows) == sum(1 for p in demo if p["wilayah"] == jorong["id"])
    # and the nagari-wide table of the scoped user counts only that jorong

    async def scoped_nagari():
        with lingkup.within(await lingkup.scope_of_wilayah(jorong["id"])):
            return await api.table("agama")

    assert sum(r["jumlah"] for r in run_sync(scoped_nagari())) == sum(1 for p in demo if p["wilayah"] == jorong["id"])


def test_dashboard_reads_the_register_version_once_and_shows_a_birth_at_once(admin_client, demo, monkeypatch):
    """Both statistik cards share one data_version() per view; a new resident shows on the very next view."""
    from core.penduduk.formulir import clean_resident
    from core.penduduk.pendaftaran import register as register_person

    def cards(html: str) -> tuple[str, str]:
        people = re.search(r'<p class="angka">([^<]*)</p>\s*<p>penduduk:', html).group(1)
        born = re.search(r"<dt>Lahir</dt><dd>(\d+)</dd>", html).group(1)
        return people, born

    before = cards(admin_client.get("/admin").text)
    calls = []
    real = register.data_version

    async def counted():
        calls.append(1)
        return await real()

    monkeypatch.setattr(register, "data_version", counted)
    assert cards(admin_client.get("/admin").text) == before
    assert len(calls) == 1
    family = {"keluarga_id": demo[0]["keluarga"]}
    data, _ = clean_resident({"nik": "1307050101250099", "nama": "Bayi Baru", "tempat_lahir": "Taram",
                              "tanggal_lahir": "2025-01-01", "agama": "1", "hubungan": "4", "status_kawin": "1",
                              "pendidikan_kk": "1", "pekerjaan": "1", "kewarganegaraan": "1", "jenis_kelamin": "1"})
    run_sync(register_person(data, "lahir", today(run_sync(register.stored_profile())), family,
                             actor={"id": 1, "username": "admin"}))
    people, born = cards(admin_client.get("/admin").text)
    assert int(people.replace(".", "")) == int(before[0].replace(".", "")) + 1
    assert int(born) == int(before[1]) + 1
    assert len(calls) == 2
