"""The lists of families and households: search, filters, pages of 50, and a kepala jorong's own part only."""

import re
from datetime import date

import pytest

from core.penduduk.tables import Keluarga, Penduduk, RumahTangga, Wilayah
from plugin_sdk.testing import menu_labels, run_sync
from tests.test_lingkup_wilayah import nagari  # noqa: F401  (the fixture: two jorong and a kepala jorong)


def place(nama: str) -> int:
    return run_sync(Wilayah.insert(Wilayah(nama=nama, tingkat=1)).returning(Wilayah.id).run())[0]["id"]


def build(count: int, wilayah: int, start: int, kelas: int | None = None) -> None:
    """`count` families, each with a head "Kepala NN" and (NN % 6) more living members, and a household each."""
    for n in range(start, start + count):
        household = run_sync(RumahTangga.insert(RumahTangga(nomor=f"1307050{n:04d}", wilayah=wilayah,
                                                            alamat=f"Rumah {n}")).returning(RumahTangga.id).run())
        family = run_sync(Keluarga.insert(Keluarga(no_kk=f"130705010190{n:04d}", wilayah=wilayah, alamat=f"Rumah {n}",
                                                   kelas_sosial=kelas, rumah_tangga=household[0]["id"])).returning(
            Keluarga.id).run())[0]["id"]
        people = [Penduduk(nik=f"13070501019{n:03d}{i:02d}", nama=f"Kepala {n:02d}" if i == 0 else f"Anak {n}-{i}",
                           nama_cari=(f"kepala {n:02d}" if i == 0 else f"anak {n}-{i}"), jenis_kelamin=1,
                           tanggal_lahir=date(1980, 1, 1), hubungan=1 if i == 0 else 4, keluarga=family,
                           wilayah=wilayah, rumah_tangga=household[0]["id"]) for i in range(n % 6 + 1)]
        head = run_sync(Penduduk.insert(*people).returning(Penduduk.id).run())[0]["id"]
        run_sync(RumahTangga.update({RumahTangga.kepala: head}).where(RumahTangga.id == household[0]["id"]).run())


@pytest.fixture
def two_jorong(admin_client):
    koto, baruah = place("Koto"), place("Baruah")
    build(60, koto, 0)
    build(5, baruah, 60, kelas=2)
    return {"koto": koto, "baruah": baruah}


def families(client, **params) -> list[str]:
    return re.findall(r'href="/admin/keluarga/(\d+)"', client.get("/admin/keluarga", params=params).text)


def households(client, **params) -> list[str]:
    return re.findall(r'href="/admin/rumah-tangga/(\d+)"', client.get("/admin/rumah-tangga", params=params).text)


def test_the_menu_has_families_and_households(admin_client):
    labels = menu_labels(admin_client.get("/admin").text)
    assert labels.index("Penduduk") < labels.index("Keluarga") < labels.index("Rumah tangga") < labels.index("Wilayah")


def test_families_are_searched_filtered_and_paged(admin_client, two_jorong):
    first = admin_client.get("/admin/keluarga").text
    assert "65 keluarga" in first and "halaman 1 dari 2" in first
    assert len(families(admin_client)) == 50 and len(families(admin_client, hal=2)) == 15
    row = re.search(r"<tr><td><a href=\"/admin/keluarga/\d+\">1307050101900007</a>.*?</tr>", first, re.S).group(0)
    assert "Kepala 07" in row and "<td>2</td>" in row and "Rumah 7" in row and "Koto" in row
    assert len(families(admin_client, q="1307050101900007")) == 1
    assert len(families(admin_client, q="130705010190006")) == 5  # a number's start: 60-64
    assert len(families(admin_client, q="kepala 0")) == 10  # part of the head's name
    assert families(admin_client, q="anak") == []  # only heads are searched by name
    assert families(admin_client, q="%") == [] and households(admin_client, q="_") == []  # typed as written
    assert len(families(admin_client, wilayah=two_jorong["baruah"])) == 5
    assert len(families(admin_client, kelas_sosial=2)) == 5
    assert len(families(admin_client, anggota="1")) == 11  # n % 6 == 0 for n in 0..64
    assert len(families(admin_client, anggota="5")) == 21  # n % 6 in (4, 5)
    assert len(families(admin_client, anggota="2-4")) == 33
    assert families(admin_client, anggota="0") == []
    assert "Tidak ada keluarga yang cocok" in admin_client.get("/admin/keluarga", params={"q": "tidak ada"}).text
    assert admin_client.get("/admin/keluarga", params={"hal": "x", "wilayah": "-1"}).status_code == 200


def test_households_are_searched_filtered_and_paged(admin_client, two_jorong):
    first = admin_client.get("/admin/rumah-tangga").text
    assert "65 rumah tangga" in first and len(households(admin_client)) == 50
    assert len(households(admin_client, hal=2)) == 15
    row = re.search(r"<tr><td><a href=\"/admin/rumah-tangga/\d+\">13070500011</a>.*?</tr>", first, re.S).group(0)
    assert "Kepala 11" in row and "<td>6</td><td>1</td>" in row and "Rumah 11" in row and "Koto" in row
    assert len(households(admin_client, q="1307050006")) == 5
    assert len(households(admin_client, q="Kepala 11")) == 1
    assert len(households(admin_client, wilayah=two_jorong["baruah"])) == 5
    assert len(households(admin_client, wilayah=two_jorong["baruah"], q="kepala 1")) == 0


def test_kepala_jorong_lists_only_their_families_and_households(nagari, admin_client):
    page = admin_client.get("/admin/keluarga").text
    assert "2 keluarga" in page and "Rustam" in page and "Siti" in page and "Bujang" not in page
    assert families(admin_client, q="bujang") == [] and families(admin_client, wilayah=nagari["baruah"]) == []
    assert families(admin_client, q="1307051234560003") == []
