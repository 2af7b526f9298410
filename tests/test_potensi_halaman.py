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
    assert operator.get(f"/admin/potensi/{SEKARANG + 1}/peternakan").status_code == 404
    assert operator.get(f"/admin/potensi/{LALU}/bukan_tema").status_code == 404


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
