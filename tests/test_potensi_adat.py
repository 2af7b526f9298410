"""The example plugin `adat` adds the tanah ulayat to the nagari's profile through `potensi`'s event
`potensi_indikator`: entered, checked, published and taken away like a shipped indicator."""

from datetime import date

import pytest

from plugin_sdk.testing import post_form, run_sync

TAHUN = date.today().year
ULAYAT = "adat.tanah_ulayat"
FIELD = f"n:{ULAYAT}:0"


@pytest.fixture
def balai_plugins():
    return ["adat"]


def stored() -> dict:
    from plugins.potensi.api import nilai_tahun

    return {k: v.nilai for k, v in run_sync(nilai_tahun(TAHUN)).items()}


def test_tanah_ulayat_is_entered_published_and_leaves_with_the_adat_plugin(admin_client, balai):
    form = admin_client.get(f"/admin/potensi/{TAHUN}/lahan")
    assert form.status_code == 200
    assert "Luas tanah ulayat nagari" in form.text and f'name="{FIELD}"' in form.text
    assert "Kerapatan Adat Nagari" in form.text  # its definition is the help text

    # a bad figure is refused beside its field, and nothing of the theme is saved
    bad = post_form(admin_client, f"/admin/potensi/{TAHUN}/lahan",
                    {FIELD: "-5", "n:luas_wilayah:0": "4.753"})
    assert bad.status_code == 400 and "Tidak boleh negatif." in bad.text
    assert stored() == {}

    saved = post_form(admin_client, f"/admin/potensi/{TAHUN}/lahan",
                      {FIELD: "1.250,5", f"s:{ULAYAT}:0": "Kerapatan Adat Nagari Taram", "n:luas_wilayah:0": "4.753"},
                      follow_redirects=False)
    assert saved.status_code in (302, 303)
    assert stored() == {(ULAYAT, 0): 125050, ("luas_wilayah", 0): 475300}

    post_form(admin_client, "/admin/potensi/terbit", {f"t:{ULAYAT}": "1", "tahun": str(TAHUN)})
    public = admin_client.get("/potensi").text
    assert "Luas tanah ulayat nagari" in public and "1.250,5 ha" in public
    assert "Kerapatan Adat Nagari Taram" in public
    assert "4.753" not in public  # luas wilayah has a figure but is not published

    run_sync(balai.disable("adat"))
    assert "Luas tanah ulayat nagari" not in admin_client.get(f"/admin/potensi/{TAHUN}/lahan").text
    assert "Luas tanah ulayat nagari" not in admin_client.get("/potensi").text
    assert stored()[(ULAYAT, 0)] == 125050  # kept in potensi's table for when adat comes back

    run_sync(balai.enable("adat"))
    assert "1.250,5 ha" in admin_client.get("/potensi").text
