"""Public statistics pages: anonymous, suppressed, cached, no cookie, no person."""

import csv
import io
import re

import pytest

from core.penduduk.tables import Penduduk
from plugin_sdk.testing import post_form, run_sync
from plugins.statistik import publikasi
from plugins.statistik.halaman import publik
from tests.surat_helpers import demo_nagari


@pytest.fixture(autouse=True)
def fresh_cache(monkeypatch):
    monkeypatch.setattr(publik, "CHECK_EVERY", 0.0)
    monkeypatch.setattr(publik, "_cache", {"checked": 0.0, "data": None, "pages": {}, "tampilan": None})
    monkeypatch.setattr(publikasi, "CHECK_EVERY", 0.0)  # the figures: today's publication (publikasi.py)
    publikasi.forget()


def shown_numbers(html: str) -> list[str]:
    body = html.split("<table", 1)[1]
    return re.findall(r"<td>([^<]*|<abbr[^>]*>•</abbr>)</td>", body)


def test_public_pages_show_counts_only_suppressed_and_without_cookie(client, balai):
    demo_nagari(balai, residents=150)
    people = run_sync(Penduduk.select(Penduduk.nik, Penduduk.nama, Penduduk.tanggal_lahir).run())
    index = client.get("/statistik")
    assert index.status_code == 200 and "Statistik penduduk" in index.text and "Pekerjaan" in index.text
    for url in ("/statistik", "/statistik/pekerjaan", "/statistik/pekerjaan?tingkat=1", "/statistik/umur?tingkat=1",
                "/statistik/pekerjaan.csv?tingkat=1"):
        r = client.get(url)
        assert r.status_code == 200, url
        assert "set-cookie" not in r.headers, url
        for p in people:
            assert p["nik"] not in r.text and p["nama"] not in r.text, url
            assert p["tanggal_lahir"].isoformat() not in r.text
            assert p["tanggal_lahir"].strftime("%d-%m-%Y") not in r.text
    page = client.get("/statistik/pekerjaan?tingkat=1").text
    assert 'class="sensor"' in page and "disembunyikan" in page and "<svg" in page


def test_sensitive_categories_refused_below_nagari_and_bad_input(client, balai):
    demo_nagari(balai, residents=60)
    assert client.get("/statistik/cacat").status_code == 200
    for url in ("/statistik/cacat?tingkat=1", "/statistik/sakit_menahun?tingkat=1", "/statistik/hamil.csv?tingkat=1"):
        r = client.get(url)
        assert r.status_code == 400 and "hanya diterbitkan untuk seluruh nagari" in r.text, url
    assert client.get("/statistik/tidak_ada").status_code == 404
    assert client.get("/statistik/agama?tingkat=3").status_code == 400
    assert client.get("/statistik/agama?tingkat=x").status_code == 400


def test_csv_equals_the_page(client, balai):
    demo_nagari(balai, residents=150)
    for tingkat in (0, 1):
        page = client.get(f"/statistik/pendidikan_kk?tingkat={tingkat}").text
        sheet = list(csv.reader(io.StringIO(client.get(f"/statistik/pendidikan_kk.csv?tingkat={tingkat}").text)))[2:]
        from_csv = ["•" if row[5] == "ya" else row[4] for row in sheet]
        cells = ["•" if "abbr" in c else c.replace(".", "") for c in
                 re.findall(r"<td>(.*?)</td>", page, flags=re.S)]
        assert cells == from_csv, tingkat


def test_cache_follows_the_register(admin_client, balai):
    demo_nagari(balai, residents=40)
    before = admin_client.get("/statistik/jenis_kelamin").text
    assert before == admin_client.get("/statistik/jenis_kelamin").text
    head = run_sync(Penduduk.select().where(Penduduk.hubungan == 1).first().run())
    run_sync(balai.save_profile({"kode": "1307052001"}))
    child = {"jenis": "lahir", "tanggal_peristiwa": "2025-02-03", "keluarga_id": str(head["keluarga"]), "nik": "",
             "nik_sementara": "1", "nama": "Putri Baru", "jenis_kelamin": "2", "tempat_lahir": "Taram",
             "tanggal_lahir": "", "hubungan": "4", "agama": "1", "status_kawin": "1", "pendidikan_kk": "1",
             "pekerjaan": "1", "kewarganegaraan": "1", "status_penduduk": "1"}
    born = post_form(admin_client, "/admin/penduduk/baru", child)
    assert born.status_code == 200 and "dicatat" in born.text
    after = admin_client.get("/statistik/jenis_kelamin").text
    assert after != before


def test_threshold_is_a_setting_of_the_plugin_page(client, admin_client, balai):
    demo_nagari(balai, residents=150)
    assert 'href="/statistik"' in client.get("/").text  # the public site's menu leads here
    low = client.get("/statistik/pekerjaan?tingkat=1").text
    assert "angka 1 sampai 2" in low  # the default threshold 3
    form = admin_client.get("/admin/plugin").text
    assert 'name="ambang_sensor"' in form and "Ambang sel kecil" in form
    refused = post_form(admin_client, "/admin/plugin/statistik/pengaturan", {"ambang_sensor": "0"})
    assert "antara 1 dan 20" in refused.text
    assert "angka 1 sampai 2" in client.get("/statistik/pekerjaan?tingkat=1").text  # nothing changed
    post_form(admin_client, "/admin/plugin/statistik/pengaturan", {"ambang_sensor": "5"})
    high = client.get("/statistik/pekerjaan?tingkat=1").text
    assert high.count('class="sensor"') > low.count('class="sensor"') and "angka 1 sampai 4" in high
