"""The public open-data catalogue (issue 26): a visitor finds the published datasets only, searches and filters
them, reads a dataset's metadata and previews a period's table exactly as the catalogue holds it; no cookie and no
person is ever on these pages, an unknown or unpublished dataset is a 404, and a new release, licence or contact
shows at once. The office's page is tested in tests/test_satu_data_halaman_kantor.py."""

import re
from html import escape
from html.parser import HTMLParser

import pytest

from core.penduduk.tables import Penduduk
from core.web.templating import angka_indonesia
from plugin_sdk.jobs import run_pending
from plugin_sdk.testing import post_form, run_sync
from plugins.satu_data import katalog
from plugins.satu_data.api import BUKAN_ORANG
from plugins.satu_data.halaman import publik
from plugins.satu_data.halaman.tampil import label_periode
from tests.fixtures.plugins import data_uji_terbit
from tests.satu_data_halaman_helpers import (AGAMA, KELAMIN, DenganDatasetUji, anonim, diterbitkan, kartu,
                                             katalog_kini, pilih_dan_terbitkan)
from tests.satu_data_halaman_helpers import kantor, segar, sebagian  # noqa: F401 (fixtures)
from tests.satu_data_helpers import nagari_terbit


@pytest.fixture
def nagari(balai):
    """The demo nagari with every dataset chosen and published (last month and this month so far)."""
    nagari_terbit(balai, residents=60)
    return balai


class _Tabel(HTMLParser):
    """The cells' text of one table (by id) row by row; a hidden cell's <abbr> kept as "<abbr:its title>"."""

    def __init__(self, table_id: str):
        super().__init__()
        self.table_id, self.inside, self.in_body, self.rows, self.cell = table_id, False, False, [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == self.table_id:
            self.inside = True
        elif self.inside and tag == "tbody":
            self.in_body = True
        elif self.inside and self.in_body and tag == "tr":
            self.rows.append([])
        elif self.inside and self.in_body and tag == "td":
            self.cell = []
        elif self.cell is not None and tag == "abbr":
            self.cell.append(f"<abbr:{attrs.get('title')}>")

    def handle_endtag(self, tag):
        if tag == "td" and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "table" and self.inside:
            self.inside = self.in_body = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tabel(html: str, table_id: str = "tabel-pratinjau") -> list[list[str]]:
    """The preview's cells row by row, as text."""
    parser = _Tabel(table_id)
    parser.feed(html)
    return parser.rows


def seperti_halaman(nilai, hitungan_orang: bool) -> str:
    """A cell as the preview must show it."""
    if nilai is None:
        return "<abbr:disembunyikan untuk melindungi warga>•" if hitungan_orang else "–"
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    return angka_indonesia(nilai) if isinstance(nilai, (int, float)) else str(nilai)


def test_the_catalogue_lists_the_published_datasets_only_and_no_person(nagari, client):
    answer = client.get("/data")
    assert answer.status_code == 200 and "set-cookie" not in answer.headers
    shown = kartu(answer.text)
    assert shown == diterbitkan(nagari) and AGAMA in shown and "apbdes-per-bidang" in shown
    for nama in shown:
        for ext in ("csv", "json", "xlsx"):
            assert f'href="/data/unduh/{nama}.{ext}"' in answer.text
        assert f'href="/data/{nama}"' in answer.text
    for url in ("/data/datapackage.json", "/data/datapackage.zip", "/data/katalog.jsonld",
                "/api/3/action/package_list"):
        assert f'href="{url}"' in answer.text
    assert client.get("/data", headers={"If-None-Match": answer.headers["etag"]}).status_code == 304
    names = {r["nama"] for r in run_sync(Penduduk.select(Penduduk.nama).run()) if len(r["nama"]) > 6}
    for page in [answer, *(client.get(f"/data/{n}") for n in shown)]:
        assert page.status_code == 200 and "set-cookie" not in page.headers
        assert not re.search(r"(?<!\d)\d{16}(?!\d)", page.text)  # no NIK and no KK number
        assert not [n for n in names if n in page.text]


def test_search_group_and_tag_narrow_the_catalogue(nagari, client):
    def shown(**params):
        return kartu(client.get("/data", params=params).text)

    semua = shown()
    assert AGAMA in shown(q="AGAMA") and "apbdes-per-bidang" not in shown(q="agama")
    assert AGAMA in shown(q="penduduk agama") and KELAMIN not in shown(q="penduduk agama")  # every word
    apbdes = katalog_kini(nagari).cari("apbdes-per-bidang").ds
    kata = max((w for w in re.findall(r"[a-z]+", apbdes.deskripsi.lower())
                if w not in f"{apbdes.judul} {apbdes.nama} {' '.join(apbdes.tag)}".lower()), key=len)
    assert "apbdes-per-bidang" in shown(q=kata)  # a word of its description only
    tagged = shown(tag="agama")
    assert AGAMA in tagged and KELAMIN not in tagged
    penduduk = shown(grup="kependudukan")
    assert AGAMA in penduduk and "apbdes-per-bidang" not in penduduk
    assert shown(grup="keuangan") == ["apbdes-per-bidang"]
    assert shown(grup="keuangan", tag="agama") == []
    assert shown(tag="tidak-ada-label") == semua and shown(grup="bukan-grup") == semua  # ignored, not an error
    page = client.get("/data", params={"q": "tidak ada yang seperti ini"}).text
    assert kartu(page) == [] and "Tidak ada dataset yang cocok" in page
    links = client.get("/data", params={"grup": "kependudukan"}).text
    assert 'href="/data?grup=kependudukan&amp;tag=agama"' in links  # a tag link keeps the group


def test_the_dataset_page_shows_its_metadata_and_the_catalogues_rows(nagari, client):
    kat = katalog_kini(nagari)
    for p in kat.paket:
        html = client.get(f"/data/{p.ds.nama}").text
        for teks in (p.ds.judul, "Creative Commons Attribution 4.0", "(CC-BY-4.0)", "Pemerintah Nagari Taram",
                     "Kantor Nagari", "kantor@taram.contoh.id", "13.07.05.2001", f"/data/unduh/{p.ds.nama}.jsonld",
                     f'<dd id="metode-sensor">{escape(p.ds.sensor or BUKAN_ORANG)}</dd>'):
            assert teks in html, (p.ds.nama, teks)
        for k in p.ds.kolom_penuh():
            assert f'id="variabel-{k.nama}"' in html
        for periode in (None, *p.periode):  # the newest by default, or the period chosen
            if periode is not None:
                html = client.get(f"/data/{p.ds.nama}", params={"periode": periode}).text
            rows = [r for r in p.baris if r["periode"] == (periode or p.periode[-1])][:publik.PRATINJAU_MAKS]
            expected = [[seperti_halaman(r[k.nama], p.ds.hitungan_orang) for k in p.ds.kolom] for r in rows]
            assert tabel(html) == (expected or [["Tidak ada baris untuk periode ini."]]), (p.ds.nama, periode)
        sementara = rf'{label_periode(p.periode[-1])}( \(revisi \d+\))? <strong class="sd-sementara">sementara<'
        assert bool(re.search(sementara, html)) == p.sementara, p.ds.nama
    agama = client.get(f"/data/{AGAMA}").text
    assert "<details><summary>" in agama  # a long code list folds
    assert 'title="disembunyikan untuk melindungi warga">•</abbr>' in agama and 'id="catatan-sensor"' in agama
    assert client.get(f"/data/{AGAMA}", params={"periode": "1999-01"}).status_code == 200  # unknown: the newest


def test_a_long_table_shows_its_first_rows_and_points_to_the_download(sebagian, client, monkeypatch):
    monkeypatch.setattr(publik, "PRATINJAU_MAKS", 2)
    html = client.get(f"/data/{AGAMA}").text
    p = katalog_kini(sebagian).cari(AGAMA)
    total = sum(1 for r in p.baris if r["periode"] == p.periode[-1])
    assert len(tabel(html)) == 2 and total > 2
    assert f"Ditampilkan 2 baris pertama dari {angka_indonesia(total)}." in html
    assert f'href="/data/unduh/{AGAMA}.csv"' in html


def test_an_unknown_or_unpublished_dataset_is_the_themes_404(sebagian, client):
    pilih_dan_terbitkan(sebagian, ["penduduk-menurut-pendidikan"], terbit=[])  # chosen, never published
    p = katalog_kini(sebagian).cari(AGAMA)
    for url in ("/data/tidak-ada", "/data/penduduk-menurut-pendidikan", "/data/apbdes-per-bidang",
                "/data/PENDUDUK-MENURUT-AGAMA", f"/data/{p.id}", f"/data/{AGAMA}%00", "/data/" + "a" * 300):
        answer = client.get(url)
        assert answer.status_code == 404, url
        assert "Halaman tidak ditemukan" in answer.text and "set-cookie" not in answer.headers


def test_a_new_licence_or_contact_shows_at_once(sebagian, admin_client):
    assert "Creative Commons Attribution 4.0" in anonim(admin_client, f"/data/{AGAMA}").text
    answer = post_form(admin_client, "/admin/plugin/satu_data/pengaturan", {
        "lisensi": "cc-zero", "kontak_nama": "Walidata Nagari Taram", "kontak_email": "data@taram.contoh.id"})
    assert answer.status_code in (200, 302, 303)
    page = anonim(admin_client, f"/data/{AGAMA}").text
    assert "Creative Commons CCZero" in page and "(CC0-1.0)" in page and "Attribution 4.0" not in page
    assert "Walidata Nagari Taram" in page and "mailto:data@taram.contoh.id" in page
    assert "Creative Commons CCZero" in anonim(admin_client, "/data").text


class TestDenganDatasetUji(DenganDatasetUji):
    """With the test datasets too, whose figures a test sets."""

    def test_a_new_release_shows_at_once(self, uji, admin_client, monkeypatch):
        """The page cache sees the new version first; the catalogue snapshot, read just before, must not be
        reused for the rebuilt page."""
        first = anonim(admin_client, "/data/uji-lahan")
        assert "120,5" in first.text
        data_uji_terbit.ANGKA = {"sawah": 130.25, "ladang": 80}
        monkeypatch.setattr(katalog, "CHECK_EVERY", 3600.0)  # the snapshot would stay as it is for an hour
        post_form(admin_client, "/admin/satu-data/terbit", {"nama": "uji-lahan"})
        run_sync(run_pending(uji))
        again = anonim(admin_client, "/data/uji-lahan")
        assert "130,25" in again.text and "120,5" not in again.text and "(revisi 1)" in again.text
        assert again.headers["etag"] != first.headers["etag"]
