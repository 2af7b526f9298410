"""The import page: import and export each in their own card with a heading; the report's tables scroll in theirs."""

import re

from plugin_sdk.testing import run_sync  # noqa: F401  (the fixtures' module)
from tests.test_impor import finish, upload


def sections(html: str) -> list[str]:
    return re.findall(r'<section class="card"[^>]*>(.*?)</section>', html, flags=re.S)


def test_import_and_export_are_separate_cards_each_with_its_heading(admin_client):
    page = admin_client.get("/admin/impor").text
    assert "<title>Impor dan ekspor penduduk" in page and "<h1>Impor dan ekspor penduduk</h1>" in page
    found = {re.search(r"<h2>([^<]+)</h2>", s).group(1): s for s in sections(page)}
    assert set(found) >= {"Impor penduduk", "Ekspor penduduk"}
    assert 'class="primary">Periksa berkas' in found["Impor penduduk"]
    exports = found["Ekspor penduduk"]
    assert '<div class="tombol-baris">' in exports and exports.count('action="/admin/ekspor"') == 3


def test_report_tables_scroll_inside_their_cards(admin_client, balai, tmp_path):
    from plugins.impor.contoh import rows, write_csv

    data = rows(12, seed=4)
    data[3]["nik"] = "123"
    report = admin_client.get(finish(admin_client, balai, upload(admin_client, write_csv(tmp_path / "p.csv", data)))
                              ["tautan"]).text
    for table in ("ringkasan", "masalah"):
        assert re.search(rf'<div class="tabel-gulir">\s*<table class="tabel" id="{table}"', report), table
    title = re.search(r"<title>([^<]*)", report).group(1)
    assert title.startswith("Laporan impor: p.csv")
    assert re.search(r'id="jumlah-baru">11<', report)
