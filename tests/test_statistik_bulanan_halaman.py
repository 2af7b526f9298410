"""The monthly report's page, print view, CSV and XLSX show the numbers of monthly_report; bad months in words."""

import csv
import io
import re
import zipfile
from datetime import date

from plugin_sdk.testing import run_sync
from plugins.statistik.bulanan import FIGURES, monthly_report
from tests.test_statistik_bulanan import M1, M2, M3, NOW, register_book  # noqa: F401  (the fixture)
from plugins.statistik.bulanan import shift


def _cells(html: str, kolom: str) -> list[int]:
    return [int(v) for v in re.findall(rf'data-kolom="{kolom}">(-?\d+)<', html)]


def test_page_numbers_are_the_functions(admin_client, register_book):
    for month in (M2, M3):
        report = run_sync(monthly_report(month))
        page = admin_client.get(f"/admin/statistik/bulanan?bulan={month}")
        assert page.status_code == 200, page.text
        assert "<title>Laporan bulanan" in page.text and "awal + masuk − keluar = akhir" in page.text
        for kolom in ("awal", "lahir", "mati", "datang", "pindah", "akhir"):
            shown = _cells(page.text, kolom)
            rows = [*report["baris"], report["total"]]
            expected = [r["angka"][c][s][kolom] for r in rows
                        for c, s in (("WNI", "L"), ("WNI", "P"), ("WNA", "L"), ("WNA", "P"), ("jumlah", "jumlah"))]
            assert shown == expected, (month, kolom)
    late = admin_client.get(f"/admin/statistik/bulanan?bulan={M3}").text
    assert "Termasuk 1 peristiwa terlambat" in late
    assert "sudah ditutup" in admin_client.get(f"/admin/statistik/bulanan?bulan={M2}").text
    default = admin_client.get("/admin/statistik/bulanan").text
    assert f'value="{M3}"' in default  # last month by default
    printed = admin_client.get(f"/admin/statistik/bulanan/cetak?bulan={M3}")
    assert printed.status_code == 200 and 'id="laporan-bulanan"' in printed.text


def test_csv_and_xlsx_hold_the_same_numbers(admin_client, register_book):
    report = run_sync(monthly_report(M3))
    got = admin_client.get(f"/admin/statistik/bulanan.csv?bulan={M3}")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(got.text)))
    total = next(r for r in rows if r["wilayah"] == "Jumlah" and r["kewarganegaraan"] == r["jenis_kelamin"] == "jumlah")
    assert {k: int(total[k]) for k in FIGURES} == report["total"]["angka"]["jumlah"]["jumlah"]
    book = admin_client.get(f"/admin/statistik/bulanan.xlsx?bulan={M3}")
    assert book.status_code == 200
    with zipfile.ZipFile(io.BytesIO(book.content)) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        assert "Jumlah" in sheet and "<v>" in sheet and "Definisi" in z.read("xl/workbook.xml").decode()


def test_bad_months_are_answered_in_words(admin_client, register_book):
    for bad, status, words in (("2026-13", 400, "bukan bulan"), ("mei", 400, "bukan bulan"),
                               (shift(NOW, 1), 404, "belum tiba"), (shift(M1, -1), 404, "baru dimulai")):
        page = admin_client.get(f"/admin/statistik/bulanan?bulan={bad}")
        assert page.status_code == status and words in page.text, (bad, page.status_code)
        assert admin_client.get(f"/admin/statistik/bulanan.csv?bulan={bad}").status_code == status


def test_anonymous_cannot_read_it(client, register_book):
    assert client.get(f"/admin/statistik/bulanan?bulan={M2}", follow_redirects=False).status_code in (302, 303, 401)
    assert client.get(f"/admin/statistik/bulanan.csv?bulan={M2}", follow_redirects=False).status_code in (302, 303, 401)


def test_dashboard_card_counts_this_months_events(admin_client, register_book):
    from plugins.statistik.bulanan import events_this_month

    total = run_sync(monthly_report(NOW))["total"]["angka"]["jumlah"]["jumlah"]
    card = run_sync(events_this_month())
    assert {k: card[k] for k in ("lahir", "mati", "datang", "pindah")} == {k: total[k] for k in
                                                                           ("lahir", "mati", "datang", "pindah")}
    m3 = run_sync(events_this_month(date(int(M3[:4]), int(M3[5:]), 28)))
    assert m3["pindah"] == 1 and m3["lahir"] == 1 and m3["terlambat"] == 1
    dashboard = admin_client.get("/admin").text
    assert "Peristiwa bulan ini" in dashboard and f"/admin/statistik/bulanan?bulan={NOW}" in dashboard
