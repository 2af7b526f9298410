"""The open-data pages (issue 26): the office chooses which datasets are published and how often, all or nothing,
and publishes now through a background job; a kepala jorong cannot publish and a user without the permission is
refused. A visitor finds the published datasets only, searches and filters them, reads a dataset's metadata and
previews a period's table exactly as the catalogue holds it; no cookie and no person is ever on these pages, an
unknown or unpublished dataset is a 404, and a new release shows at once."""

import json
import re
from html import escape, unescape
from importlib.metadata import entry_points

import pytest

from core.identity.users import create_user
from core.penduduk.tables import Penduduk, Wilayah
from core.profil.waktu import today as nagari_today
from core.tables import Peran, Pengguna
from core.tugas.tables import Tugas
from core.web import cache_publik
from core.web.templating import angka_indonesia
from plugin_sdk.jobs import run_pending
from plugin_sdk.testing import login, post_form, run_sync
from plugins.satu_data import katalog, registri
from plugins.satu_data.api import BUKAN_ORANG
from plugins.satu_data.halaman import publik
from plugins.satu_data.halaman.cache import CACHE
from plugins.satu_data.halaman.tampil import label_periode
from plugins.satu_data.pilihan import atur
from plugins.satu_data.tables import BULANAN, MANUAL, PilihanDataset, TerbitanDataset
from plugins.satu_data.terbit import bulan_lalu, terbitkan
from tests.fixtures.plugins import data_uji_terbit
from tests.satu_data_helpers import konteks, nagari_terbit
from tests.surat_helpers import demo_nagari

PASSWORD = "kata-sandi-uji-satu-data"
AGAMA, KELAMIN, PEKERJAAN = "penduduk-menurut-agama", "penduduk-menurut-jenis-kelamin", "penduduk-menurut-pekerjaan"
# data_uji_terbit's datasets: two that publish, one with nothing yet, two that fail (their rows or their source)
UJI = ["uji-bulanan", "uji-kosong", "uji-lahan", "uji-rusak", "uji-salah"]


@pytest.fixture(autouse=True)
def segar(monkeypatch):
    """Each test has its own database: neither the page cache nor the catalogue may carry anything over."""
    monkeypatch.setattr(cache_publik, "CHECK_EVERY", 0.0)
    monkeypatch.setattr(katalog, "CHECK_EVERY", 0.0)
    monkeypatch.setattr(data_uji_terbit, "ANGKA", {"sawah": 120.5, "ladang": 80})
    CACHE.clear()
    katalog.lupakan()
    yield
    CACHE.clear()
    katalog.lupakan()


def pilih_dan_terbitkan(balai, nama: list[str], terbit: list[str] | None = None) -> None:
    """Choose `nama` (monthly) and publish `terbit` (default: all of them) as the demo does: the month that closed
    last, then this month so far."""
    async def go():
        ctx = konteks(balai)
        await atur({n: (True, BULANAN) for n in nama}, dikenal=set(nama))
        sekarang = terbit if terbit is not None else nama
        if sekarang:
            await terbitkan(ctx, nama=sekarang, per=bulan_lalu(nagari_today(balai.profile())))
            await terbitkan(ctx, nama=sekarang)

    run_sync(go)
    katalog.lupakan()


@pytest.fixture
def nagari(balai):
    """The demo nagari with every dataset chosen and published (last month and this month so far)."""
    nagari_terbit(balai, residents=60)
    return balai


@pytest.fixture
def kantor(balai):
    """A small demo nagari (profile, jorong, residents) that has published nothing yet."""
    demo_nagari(balai, residents=30)
    return balai


@pytest.fixture
def sebagian(kantor):
    """The small nagari publishing three population datasets."""
    pilih_dan_terbitkan(kantor, [KELAMIN, AGAMA, PEKERJAAN])
    return kantor


def anonim(client, url, **kwargs):
    """What a visitor sees: the same client without the office's session."""
    saved = list(client.cookies.jar)
    client.cookies.clear()
    try:
        return client.get(url, **kwargs)
    finally:
        for cookie in saved:
            client.cookies.jar.set_cookie(cookie)


def katalog_kini(balai) -> katalog.Katalog:
    """The catalogue as published, read afresh from the database."""
    return run_sync(katalog.bangun(konteks(balai)))


def diterbitkan(balai) -> list[str]:
    return [p.ds.nama for p in katalog_kini(balai).paket]


def pilihan() -> dict:
    rows = run_sync(PilihanDataset.select().run())
    return {r["dataset"]: (r["terbit"], r["jadwal"]) for r in rows}


def kartu(html: str) -> list[str]:
    """The datasets a catalogue page shows, in order."""
    return re.findall(r'<li class="sd-kartu" id="dataset-([a-z0-9-]+)">', html)


def bagian(html: str, nama: str) -> str:
    """One dataset's block on the office's page."""
    mulai = html.index(f'<div class="sd-dataset" id="dataset-{nama}">')
    akhir = html.find('<div class="sd-dataset"', mulai + 1)
    return html[mulai:akhir if akhir > 0 else None]


def pengguna(kode: str, izin: list[str], lingkup: int | None = None) -> str:
    """A staff account with a role holding `izin`, limited to the place `lingkup` when given."""
    async def buat():
        await Peran.insert(Peran(kode=kode, nama=kode.replace("_", " ").title(), izin=json.dumps(izin))).run()
        user = await create_user(kode, kode.title(), PASSWORD, kode)
        if lingkup is not None:
            await Pengguna.update({Pengguna.wilayah_lingkup: lingkup}).where(Pengguna.id == user["id"]).run()
        return user["username"]
    return run_sync(buat())


def sebagai(client, username: str) -> None:
    client.cookies.clear()
    login(client, username, PASSWORD)


def tabel(html: str) -> list[list[str]]:
    """The preview's cells row by row, as text; a hidden cell's <abbr> kept as "[abbr:its title]"."""
    body = re.search(r'id="tabel-pratinjau">.*?<tbody>(.*?)</tbody>', html, re.S).group(1)

    def teks(sel: str) -> str:
        sel = re.sub(r'<abbr[^>]*title="([^"]*)"[^>]*>', r"[abbr:\1]", sel)
        return unescape(re.sub(r"<[^>]+>", "", sel)).strip()

    return [[teks(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
            for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def seperti_halaman(nilai, hitungan_orang: bool) -> str:
    """A cell as the preview must show it."""
    if nilai is None:
        return "[abbr:disembunyikan untuk melindungi warga]•" if hitungan_orang else "–"
    if isinstance(nilai, bool):
        return "ya" if nilai else "tidak"
    return angka_indonesia(nilai) if isinstance(nilai, (int, float)) else str(nilai)


# --- the office's page -------------------------------------------------------------------------------------------


def test_the_office_chooses_and_unchooses_datasets_and_their_schedule(sebagian, admin_client):
    page = admin_client.get("/admin/satu-data").text
    assert "<legend>Kependudukan</legend>" in page and "<legend>Keuangan nagari</legend>" in page
    assert 'id="dataset-apbdes-per-bidang"' in page  # every dataset of the registry, published or not
    assert "Belum pernah diterbitkan." in bagian(page, "apbdes-per-bidang")
    form = {f"jadwal:{AGAMA}": BULANAN,                           # unticked: no longer published
            f"jadwal:{KELAMIN}": MANUAL, f"terbit:{KELAMIN}": "1",  # only on demand
            "jadwal:penduduk-menurut-pendidikan": BULANAN, "terbit:penduduk-menurut-pendidikan": "1"}  # new
    answer = post_form(admin_client, "/admin/satu-data", form, follow_redirects=False)
    assert answer.status_code in (302, 303) and answer.headers["location"] == "/admin/satu-data"
    saved = pilihan()
    assert saved[AGAMA] == (False, BULANAN) and saved[KELAMIN] == (True, MANUAL)
    assert saved["penduduk-menurut-pendidikan"] == (True, BULANAN)
    assert saved[PEKERJAAN] == (True, BULANAN)  # not on this form: left as it was
    page = admin_client.get("/admin/satu-data").text
    assert ("Pilihan tersimpan: 3 dataset diterbitkan. 1 di antaranya belum pernah diterbitkan dan baru tampil di "
            "katalog setelah Anda menekan") in page
    assert f'name="terbit:{AGAMA}" value="1" checked' not in page
    assert f'name="nama" value="{AGAMA}"' not in page  # publishing now is offered for chosen datasets only
    assert '<option value="manual" selected>' in bagian(page, KELAMIN)
    assert "Tidak ada pilihan yang berubah." in post_form(admin_client, "/admin/satu-data", form).text
    # the public catalogue follows at once: published ones only, a newly chosen one once it has a release
    assert kartu(anonim(admin_client, "/data").text) == [KELAMIN, PEKERJAAN]
    assert anonim(admin_client, f"/data/{AGAMA}").status_code == 404


def test_a_bad_form_changes_nothing_and_says_why(sebagian, admin_client):
    before = pilihan()
    asing = post_form(admin_client, "/admin/satu-data", {f"jadwal:{AGAMA}": MANUAL, "jadwal:tidak-ada": BULANAN,
                                                         "terbit:tidak-ada": "1"})
    assert asing.status_code == 400
    assert "Dataset tidak dikenal: tidak-ada." in asing.text
    salah = post_form(admin_client, "/admin/satu-data", {f"jadwal:{AGAMA}": MANUAL, f"terbit:{AGAMA}": "1",
                                                         f"jadwal:{KELAMIN}": "tahunan"})
    assert salah.status_code == 400
    assert f"Jadwal terbit tidak dikenal untuk {KELAMIN}" in salah.text
    assert f'id="galat-jadwal:{KELAMIN}"' in salah.text  # the message beside its field
    assert '<option value="manual" selected>' in bagian(salah.text, AGAMA)  # what was typed comes back
    assert pilihan() == before  # the valid change beside the bad one was not saved either


def test_publishing_one_dataset_needs_it_chosen_and_known(kantor, admin_client):
    judul = run_sync(registri.satu(konteks(kantor), AGAMA)).judul
    unchosen = post_form(admin_client, "/admin/satu-data/terbit", {"nama": AGAMA}, follow_redirects=True)
    assert f"{judul} belum dipilih untuk diterbitkan" in unchosen.text
    unknown = post_form(admin_client, "/admin/satu-data/terbit", {"nama": "tidak-ada"}, follow_redirects=True)
    assert "Dataset tidak dikenal: tidak-ada." in unknown.text
    nothing = post_form(admin_client, "/admin/satu-data/terbit", {}, follow_redirects=True)
    assert "Belum ada dataset yang dipilih" in nothing.text
    assert 'id="form-terbit-sekarang"' not in admin_client.get("/admin/satu-data").text  # nothing chosen
    assert not run_sync(Tugas.select().run())


def test_a_kepala_jorong_sees_why_they_cannot_publish_and_cannot(kantor, admin_client):
    pilih_dan_terbitkan(kantor, [AGAMA], terbit=[])
    jorong = run_sync(Wilayah.select(Wilayah.id).where(Wilayah.tingkat == 1).first().run())["id"]
    sebagai(admin_client, pengguna("kepala_jorong_data", ["satu_data.kelola"], lingkup=jorong))
    page = admin_client.get("/admin/satu-data")
    assert page.status_code == 200
    assert "Hanya akun yang melihat seluruh nagari yang dapat menerbitkan data terbuka" in page.text
    assert 'id="form-terbit-sekarang"' not in page.text and 'form="form-terbit-satu"' not in page.text
    for form in ({"nama": AGAMA}, {}):
        answer = post_form(admin_client, "/admin/satu-data/terbit", form, follow_redirects=True)
        assert "Hanya akun yang melihat seluruh nagari" in answer.text
    assert not run_sync(Tugas.select().run())


def test_a_user_without_the_permission_is_refused(balai, admin_client):
    sebagai(admin_client, pengguna("petugas_lain", ["penduduk.lihat"]))
    assert admin_client.get("/admin/satu-data").status_code == 403
    assert post_form(admin_client, "/admin/satu-data", {f"jadwal:{AGAMA}": MANUAL}).status_code == 403
    assert post_form(admin_client, "/admin/satu-data/terbit", {}).status_code == 403
    assert pilihan() == {} and not run_sync(Tugas.select().run())


class TestDenganDatasetUji:
    """With the test datasets too, whose figures a test sets and two of which fail."""

    @pytest.fixture
    def balai_entry_points(self, fixture_plugins):
        return [*entry_points(group="balai.plugins"), fixture_plugins("data_uji_terbit")]

    @pytest.fixture
    def balai_plugins(self):
        return ["data_uji_terbit"]

    @pytest.fixture
    def uji(self, kantor):
        pilih_dan_terbitkan(kantor, UJI)
        return kantor

    def test_the_office_sees_each_datasets_releases_and_last_outcome(self, uji, admin_client):
        html = admin_client.get("/admin/satu-data").text
        for p in katalog_kini(uji).paket:  # each period with its version, the newest marked if provisional
            blok = bagian(html, p.ds.nama)
            newest = f"{label_periode(p.periode[-1])} versi {p.versi[p.periode[-1]]}"
            assert newest in blok and (newest + " <strong>sementara</strong>" in blok) == p.sementara
            assert "Terbitan terakhir (" in blok and f'href="/data/{p.ds.nama}"' in blok
            assert f'name="nama" value="{p.ds.nama}"' in blok
        rusak = bagian(html, "uji-rusak")
        assert "Belum pernah diterbitkan." in rusak and 'href="/data/uji-rusak"' not in rusak
        assert "Terbitan terakhir gagal (" in rusak and "sumber data tidak terbaca" in rusak
        assert "Belum ada data untuk diterbitkan." in bagian(html, "uji-kosong")

    def test_publishing_now_runs_as_a_job_and_publishes_the_chosen_datasets(self, kantor, admin_client):
        """A nagari that never published: the office chooses two datasets, publishes now, and they are public."""
        assert "belum menerbitkan data terbuka" in anonim(admin_client, "/data").text
        post_form(admin_client, "/admin/satu-data", {"jadwal:uji-lahan": BULANAN, "terbit:uji-lahan": "1",
                                                     "jadwal:uji-bulanan": MANUAL, "terbit:uji-bulanan": "1"})
        answer = post_form(admin_client, "/admin/satu-data/terbit", {}, follow_redirects=False)
        assert answer.status_code in (302, 303) and answer.headers["location"].startswith("/admin/tugas/")
        assert run_sync(run_pending(kantor)) == 1
        job = admin_client.get(answer.headers["location"])
        assert job.status_code == 200 and "Selesai" in job.text and 'href="/admin/satu-data"' in job.text
        assert diterbitkan(kantor) == ["uji-bulanan", "uji-lahan"]
        assert kartu(anonim(admin_client, "/data").text) == ["uji-bulanan", "uji-lahan"]
        assert run_sync(TerbitanDataset.count().where(TerbitanDataset.dataset == AGAMA).run()) == 0

        data_uji_terbit.ANGKA = {"sawah": 99.0, "ladang": 80}  # one dataset again, with new figures
        one = post_form(admin_client, "/admin/satu-data/terbit", {"nama": "uji-lahan"}, follow_redirects=False)
        run_sync(run_pending(kantor))
        kode = one.headers["location"].rsplit("/", 1)[1]
        params = run_sync(Tugas.select(Tugas.parameter).where(Tugas.kode == kode).first().run())["parameter"]
        assert json.loads(params) == {"nama": ["uji-lahan"]}
        versi = {r["dataset"]: r["versi"] for r in run_sync(TerbitanDataset.select().run())}
        assert versi == {"uji-lahan": 2, "uji-bulanan": 1}
        tahun = nagari_today(kantor.profile()).year
        assert f"Periode {tahun} direvisi (versi 2)." in admin_client.get("/admin/satu-data").text

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


# --- the public catalogue ----------------------------------------------------------------------------------------


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
