"""A kabupaten hub's first administrator (issue 27): `balai setup` on a hub takes the kabupaten's own code (13.07)
and its names from the shipped region list, so the hub's pages and open data speak for the kabupaten ("Pemerintah
Kabupaten Lima Puluh Kota"); a nagari's code there, or a kabupaten code on a nagari, is refused."""

import asyncio
import json

import asyncpg
import pytest

from core.profil.profile import ProfileError, clean_profile
from plugin_sdk.testing import run_sync
from plugins.satu_data.format.konteks import nama_nagari
from tests.sinkron_proses_bantu import basis_data_hub
from tests.test_cli import balai as balai_cli
from tests.test_profile import save
from tests.test_sinkron_dasbor import balai_app, balai_entry_points, balai_plugins, hub  # noqa: F401

pytestmark = pytest.mark.postgres
ARGS = ("setup", "--username", "diskominfo", "--nama", "Petugas Diskominfo", "--password", "kata-sandi-kuat")


def baca(url: str, sql: str):
    async def go():
        db = await asyncpg.connect(url)
        try:
            return await db.fetchval(sql)
        finally:
            await db.close()

    return asyncio.run(go())


def test_a_hubs_first_administrator_is_set_up_with_the_kabupatens_code(tmp_path):
    with basis_data_hub() as url:
        env = {"BALAI_DATABASE_URL": url}
        nagari = balai_cli(tmp_path, *ARGS, "--role", "hub", "--kode", "13.07.05.2001", extra_env=env)
        assert nagari.returncode == 1 and "kabupaten/kota harus 4 angka, mis. 13.07" in nagari.stderr
        assert baca(url, "select count(*) from balai_pengguna") == 0

        hub = balai_cli(tmp_path, *ARGS, "--role", "hub", "--kode", "13.07", extra_env=env)
        assert hub.returncode == 0 and "Administrator diskominfo dibuat" in hub.stdout, hub.stderr
        assert "balai serve --role hub" in hub.stdout  # the role is not stored: it is said how to start a hub
        profil = json.loads(baca(url, "select nilai from balai_pengaturan where kunci = 'nagari.profil'"))
    assert {k: profil.get(k) for k in ("kode", "nama", "kecamatan", "kabupaten", "provinsi", "sebutan_desa")} == {
        "kode": "1307", "nama": "Lima Puluh Kota", "kecamatan": "", "kabupaten": "Lima Puluh Kota",
        "provinsi": "Sumatera Barat", "sebutan_desa": "Kabupaten"}
    assert nama_nagari(profil) == "Kabupaten Lima Puluh Kota"  # the region its open data names


def test_a_kabupaten_outside_the_list_needs_its_names_and_a_nagari_keeps_its_ten_digits():
    with pytest.raises(ProfileError) as galat:
        clean_profile({"kode": "13.06"}, kabupaten=True)
    assert set(galat.value.errors) == {"nama", "kabupaten", "provinsi"}
    profil = clean_profile({"kode": "1306", "kabupaten": "Tanah Datar", "provinsi": "Sumatera Barat"},
                           kabupaten=True)
    assert (profil["kode"], profil["nama"], profil["sebutan_desa"]) == ("1306", "Tanah Datar", "Kabupaten")
    with pytest.raises(ProfileError, match="10 angka"):
        clean_profile({"kode": "13.07"})
    assert clean_profile({"kode": "13.07.01.2001"})["nama"] == "Kurai"


def test_the_hubs_profile_page_keeps_the_kabupatens_code(hub, admin_client):
    assert save(admin_client, {"kode": "13.07.05.2001"}).status_code == 400  # a nagari's code: not the hub's
    answer = save(admin_client, {"kode": "13.07", "telepon": "0752 123"})
    assert answer.status_code == 200, answer.text
    run_sync(hub.load_profile())
    profil = hub.profile()
    assert (profil["kode"], profil["nama"], profil["sebutan_desa"], profil["telepon"]) == (
        "1307", "Lima Puluh Kota", "Kabupaten", "0752 123")
    form = admin_client.get("/admin/profil").text
    assert 'value="13.07"' in form and "4 angka (PP.KK)" in form and "10 angka" not in form


def test_open_data_names_the_hubs_region_with_the_dotted_kabupaten_code():
    from plugins.satu_data.metadata import kode_wilayah

    assert kode_wilayah({"kode": "1307"}) == "13.07"
    assert kode_wilayah({"kode": "1307052001"}) == "13.07.05.2001"
