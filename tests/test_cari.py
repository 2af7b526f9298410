"""The office's search box: a clerk types a name, a NIK or a No. KK from any page and lands on the record.

Plugins add their own results through `balai_search` (the fixture plugin `catatan`)."""

import re
from importlib.metadata import entry_points

import pytest

from plugin_sdk.testing import login, post_form
from tests.conftest import fixture_entry_point
from tests.test_lingkup_wilayah import nagari  # noqa: F401  (fixture: two jorong, a kepala jorong of Koto)


@pytest.fixture
def balai_entry_points():
    return [*entry_points(group="balai.plugins"), fixture_entry_point("catatan")]


@pytest.fixture
def balai_plugins():
    return ["catatan"]


def links(html: str) -> list[tuple[str, str]]:
    main = html.split('id="isi"', 1)[1]
    return re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', main)


def test_the_search_box_is_on_every_office_page(admin_client):
    for url in ("/admin", "/admin/penduduk", "/admin/profil"):
        assert 'action="/admin/cari" role="search"' in admin_client.get(url).text


def test_finds_a_resident_by_name_nik_and_a_family_by_its_number(admin_client, nagari):  # noqa: F811
    post_form(admin_client, "/keluar")
    login(admin_client)
    rustam = nagari["people"]["koto"]
    by_name = links(admin_client.get("/admin/cari", params={"q": "rust"}).text)
    assert (f"/admin/penduduk/{rustam['id']}", "Rustam") in by_name
    assert (f"/admin/keluarga/{rustam['keluarga']}", "KK Rustam") in by_name
    by_nik = links(admin_client.get("/admin/cari", params={"q": "13070512089"}).text)
    assert [u for u, _ in by_nik] == [f"/admin/penduduk/{rustam['id']}"]
    by_kk = links(admin_client.get("/admin/cari", params={"q": "1307051234560003"}).text)
    assert by_kk == [(f"/admin/keluarga/{nagari['people']['baruah']['keluarga']}", "KK Bujang")]


def test_a_kepala_jorong_finds_only_residents_of_the_jorong(admin_client, nagari):  # noqa: F811
    found = links(admin_client.get("/admin/cari", params={"q": "130705"}).text)
    names = {label for _, label in found}
    assert {"Rustam", "Siti"} <= names and "Bujang" not in names and "KK Bujang" not in names


def test_short_or_unknown_text_is_answered_in_words(admin_client):
    short = admin_client.get("/admin/cari", params={"q": "a"})
    assert short.status_code == 200 and "paling sedikit 2 huruf" in short.text
    none = admin_client.get("/admin/cari", params={"q": "tidak ada orang begini"})
    assert none.status_code == 200 and "Tidak ada yang cocok" in none.text


def test_a_plugin_adds_its_own_results_under_its_heading(admin_client):
    html = admin_client.get("/admin/cari", params={"q": "sawah"}).text
    assert ">Catatan <span" in html and ("/admin/catatan/1", "Catatan tentang sawah") in links(html)
