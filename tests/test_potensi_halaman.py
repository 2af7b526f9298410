"""The office's potensi pages (issue 24): a clerk fills a theme of last year's profile, a refused figure is shown
beside its field and nothing is saved, this year is copied from last year, an indicator's history has a chart;
who may read and who may write."""

from datetime import date
from importlib.metadata import EntryPoint, entry_points

import pytest

from core.identity.users import create_user
from plugin_sdk.testing import login, post_form, run_sync
from plugins.potensi.tables import NilaiPotensi

SEKARANG = date.today().year
LALU = SEKARANG - 1


@pytest.fixture
def balai_entry_points():
    """The installed plugins; `potensi` added while the checkout's entry points are not installed yet."""
    found = list(entry_points(group="balai.plugins"))
    if any(ep.name == "potensi" for ep in found):
        return None
    return [*found, EntryPoint(name="potensi", value="plugins.potensi.plugin", group="balai.plugins")]


@pytest.fixture
def balai_plugins():
    return ["potensi"]


def figures(tahun: int) -> dict:
    rows = run_sync(NilaiPotensi.select().where(NilaiPotensi.tahun == tahun).run())
    return {(r["indikator"], r["jorong"]): r["nilai"] for r in rows}


def send(client, url, **fields):
    return post_form(client, url, fields, follow_redirects=False)


def field_block(html: str, field: str) -> str:
    """The <label> holding a form field: where its message must be."""
    start = html.index(f'name="{field}"')
    return html[html.rindex("<label", 0, start):html.index("</label>", start)]


def input_tag(html: str, field: str) -> str:
    start = html.index(f'name="{field}"')
    return html[html.rindex("<input", 0, start):html.index(">", start)]


@pytest.fixture
def operator(client):
    run_sync(create_user("operator1", "Operator", "sandi-operator-1", "operator"))
    login(client, "operator1", "sandi-operator-1")
    return client


def test_clerk_fills_a_theme_copies_last_year_and_reads_the_history(operator):
    home = operator.get("/admin/potensi")
    assert home.status_code == 200 and f"Isi profil tahun {SEKARANG}" in home.text
    form = operator.get(f"/admin/potensi/{LALU}/peternakan")
    assert form.status_code == 200 and 'name="n:sapi:0"' in form.text and "ekor" in form.text

    saved = send(operator, f"/admin/potensi/{LALU}/peternakan", **{"n:sapi:0": "1.200", "s:sapi:0": "Penyuluh",
                                                                 "n:kerbau:0": ""})
    assert saved.status_code in (302, 303) and saved.headers["location"] == f"/admin/potensi/{LALU}"
    assert "1 angka tersimpan." in operator.get(saved.headers["location"]).text
    assert figures(LALU) == {("sapi", 0): 120000}

    refused = send(operator, f"/admin/potensi/{LALU}/peternakan", **{"n:sapi:0": "-5", "n:kerbau:0": "30"})
    assert refused.status_code == 400
    assert "Tidak boleh negatif" in field_block(refused.text, "n:sapi:0")
    assert 'value="-5"' in field_block(refused.text, "n:sapi:0") and 'value="30"' in refused.text
    assert figures(LALU) == {("sapi", 0): 120000}  # kerbau, valid, was not saved either

    year = operator.get(f"/admin/potensi/{SEKARANG}")
    assert f"Salin dari tahun {LALU}" in year.text
    copied = send(operator, f"/admin/potensi/{SEKARANG}/salin")
    assert copied.status_code in (302, 303)
    assert f"1 angka disalin dari tahun {LALU}." in operator.get(f"/admin/potensi/{SEKARANG}").text
    assert figures(SEKARANG) == {("sapi", 0): 120000}

    this_year = operator.get(f"/admin/potensi/{SEKARANG}/peternakan").text
    assert f"{LALU}: 1.200 ekor" in field_block(this_year, "n:sapi:0")  # last year's figure beside the input
    send(operator, f"/admin/potensi/{SEKARANG}/peternakan", **{"n:sapi:0": "1350"})

    history = operator.get("/admin/potensi/indikator/sapi")
    assert history.status_code == 200 and "<svg" in history.text and "style=" not in history.text
    assert "1.350 ekor" in history.text and "+150 ekor" in history.text
    assert operator.get("/admin/potensi/indikator/bukan_indikator").status_code == 404
    assert operator.get(f"/admin/potensi/{LALU}/bukan_tema").status_code == 404


def test_a_year_not_running_yet_goes_back_to_the_years_with_the_reason(operator):
    pesan = f"Tahun {SEKARANG + 1} belum berjalan: isi profil tahun berjalan atau sebelumnya."
    for url in (f"/admin/potensi/{SEKARANG + 1}", f"/admin/potensi/{SEKARANG + 1}/peternakan"):
        back = operator.get(url, follow_redirects=False)
        assert back.status_code in (302, 303) and back.headers["location"] == "/admin/potensi"
        assert pesan in operator.get("/admin/potensi").text
    refused = send(operator, f"/admin/potensi/{SEKARANG + 1}/peternakan", **{"n:sapi:0": "10"})
    assert refused.status_code in (302, 303) and refused.headers["location"] == "/admin/potensi"
    assert send(operator, f"/admin/potensi/{SEKARANG + 1}/salin").headers["location"] == "/admin/potensi"
    lama = operator.get("/admin/potensi/1999", follow_redirects=True).text
    assert "Profil hanya dapat diisi mulai tahun 2000." in lama
    assert figures(SEKARANG + 1) == {}


def test_the_office_chooses_the_published_year_and_is_told_what_the_website_shows(operator):
    send(operator, f"/admin/potensi/{LALU}/peternakan", **{"n:sapi:0": "1.200"})
    form = operator.get("/admin/potensi/terbit").text
    assert "Tahun yang diterbitkan" in form and "Belum ada tahun yang diterbitkan" in form
    assert f'<option value="{LALU}" selected>' in form  # the newest year with figures, offered
    saved = send(operator, "/admin/potensi/terbit", **{"t:sapi": "1", "t:kerbau": "1", "tahun": str(LALU)})
    assert saved.status_code in (302, 303)
    done = operator.get("/admin/potensi/terbit").text
    assert f"menampilkan angka tahun {LALU} dari 2 indikator" in done
    assert f"belum ada angka tahun {LALU}" in field_block(done, "t:kerbau")  # ticked, but no figure to show
    assert f"belum ada angka tahun {LALU}" not in field_block(done, "t:sapi")

    send(operator, f"/admin/potensi/{SEKARANG}/salin")
    this_year = operator.get(f"/admin/potensi/{SEKARANG}").text
    assert f"Angka tahun {SEKARANG} belum tampil di situs web, yang menampilkan tahun {LALU}." in this_year
    assert f"Situs web menampilkan angka tahun {LALU}" in operator.get("/admin/potensi").text
    assert f'<option value="{SEKARANG}"' in operator.get("/admin/potensi/terbit").text

    refused = send(operator, "/admin/potensi/terbit", **{"t:sapi": "1", "tahun": "20x6"})
    assert refused.status_code == 400 and "Pilih tahun dari daftar." in refused.text
    assert "checked" not in input_tag(refused.text, "t:kerbau")  # the ticks as posted, not as stored
    assert "checked" in input_tag(refused.text, "t:sapi")
    refused = send(operator, "/admin/potensi/terbit", **{"t:sapi": "1", "tahun": str(LALU - 5)})
    assert refused.status_code == 400 and f"Tahun {LALU - 5} belum punya angka" in refused.text
    send(operator, "/admin/potensi/terbit", **{"t:sapi": "1", "tahun": str(SEKARANG)})
    assert f"Situs web menampilkan angka tahun {SEKARANG}" in operator.get(f"/admin/potensi/{SEKARANG}").text


def test_the_office_pages_use_the_nagaris_own_words(operator, balai):
    from core.penduduk.tables import Wilayah
    from plugins.potensi.tables import FotoPotensi

    run_sync(balai.save_profile({**balai.profile(), "sebutan_desa": "Desa", "sebutan_dusun": "Dusun"}))
    assert run_sync(Wilayah.count().run()) == 0
    home = operator.get("/admin/potensi").text
    assert "<h1>Potensi Desa</h1>" in home and "per dusun" in home and "Nagari" not in home.split("<main")[1]
    year = operator.get(f"/admin/potensi/{LALU}").text
    assert f"Profil desa tahun {LALU}" in year and "Belum ada dusun di data wilayah" in year
    assert "jorong" not in year.split("<main")[1].lower()
    assert ">Potensi Desa</a>" in home.split("<main")[0]  # the menu entry
    assert run_sync(FotoPotensi.count().run()) == 0
    send(operator, "/admin/potensi/terbit", **{"t:sapi": "1"})
    assert "halaman Potensi Desa" in operator.get("/admin/potensi/terbit").text


def test_who_may_read_and_who_may_write(client):
    run_sync(create_user("wali1", "Wali Nagari", "sandi-wali-nagari-1", "wali_nagari"))
    run_sync(create_user("kaur1", "Kaur Keuangan", "sandi-kaur-keuangan-1", "kaur_keuangan"))
    login(client, "kaur1", "sandi-kaur-keuangan-1")
    assert client.get("/admin/potensi").status_code == 403
    assert client.get(f"/admin/potensi/{LALU}/peternakan").status_code == 403

    client.cookies.clear()
    login(client, "wali1", "sandi-wali-nagari-1")
    form = client.get(f"/admin/potensi/{LALU}/peternakan")
    assert form.status_code == 200 and "Simpan" not in form.text  # reads, is offered no save button
    assert send(client, f"/admin/potensi/{LALU}/peternakan", **{"n:sapi:0": "10"}).status_code == 403
    assert send(client, f"/admin/potensi/{SEKARANG}/salin").status_code == 403
    assert send(client, "/admin/potensi/terbit", **{"t:sapi": "1"}).status_code == 403
    assert figures(LALU) == {}
