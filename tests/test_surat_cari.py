"""A clerk finds an issued letter from the header's search box, by a piece of its number or by the person's name."""

import json
import re

import pytest

from core.identity.users import create_user
from core.tables import Peran
from plugin_sdk.testing import login, post_form, run_sync
from tests.surat_helpers import demo_nagari, issue, letters, living_resident


@pytest.fixture
def issued(admin_client, balai):
    demo_nagari(balai)
    resident = living_resident()
    assert issue(admin_client, "domisili", resident["id"]).status_code in (302, 303)
    return letters()[-1]


def found(client, q: str) -> list[tuple[str, str]]:
    html = client.get("/admin/cari", params={"q": q}).text
    return re.findall(r'<li><a href="(/admin/surat/\d+)">([^<]+)</a>', html)


def test_finds_the_letter_by_its_number_and_by_the_persons_name(admin_client, issued):
    url = f"/admin/surat/{issued['id']}"
    part = issued["nomor"].split("/")[1]  # the running number, as a clerk reads it off the paper
    assert url in [u for u, _ in found(admin_client, part)]
    by_name = found(admin_client, issued["nama"].split()[0])
    assert (url, f"{issued['judul']}: {issued['nama']}") in by_name
    assert admin_client.get(url).status_code == 200


def test_a_user_without_the_letter_permission_finds_residents_but_no_letters(admin_client, issued):
    role = run_sync(Peran.insert(Peran(kode="pendata", nama="Pendata", izin=json.dumps(["penduduk.lihat"])))
                    .returning(Peran.id).run())[0]["id"]
    run_sync(create_user("pendata", "Pendata", "kata-sandi-uji-1", role))
    post_form(admin_client, "/keluar")
    login(admin_client, "pendata", "kata-sandi-uji-1")
    html = admin_client.get("/admin/cari", params={"q": issued["nama"].split()[0]}).text
    assert f"/admin/penduduk/{issued['penduduk']}" in html
    assert found(admin_client, issued["nama"].split()[0]) == []
