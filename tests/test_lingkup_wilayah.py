"""Scopes of access: a kepala jorong sees and edits only that jorong's residents, through every door."""

import asyncio
import csv
import io
import json

import pytest

from core.penduduk import lingkup
from core.penduduk.tables import Penduduk, Peristiwa, Wilayah
from core.tables import Peran, Pengguna
from core.identity.users import create_user
from plugin_sdk import register
from plugin_sdk.testing import login, post_form, run_sync
from tests.test_impor import finish
from tests.test_register_pages import HEAD

PASSWORD = "kata-sandi-uji"


def place(nama, induk=None, tingkat=1) -> int:
    rows = run_sync(Wilayah.insert(Wilayah(nama=nama, induk=induk, tingkat=tingkat)).returning(Wilayah.id).run())
    return rows[0]["id"]


def add(client, nik, nama, wilayah, no_kk, jenis_kelamin="1", **fields):
    answer = post_form(client, "/admin/penduduk/baru", {**HEAD, "nik": nik, "nama": nama, "no_kk": no_kk,
                                                        "wilayah": str(wilayah), "jenis_kelamin": jenis_kelamin,
                                                        **fields})
    assert answer.status_code == 200 and f"{nama} dicatat" in answer.text, answer.text[:300]
    return run_sync(Penduduk.select().where(Penduduk.nik == nik).first().run())


@pytest.fixture
def nagari(admin_client, balai):
    """Jorong Koto (with RT 01 below it) and Jorong Baruah, one family in each place; a kepala jorong of Koto."""
    koto = place("Koto")
    rt = place("01", koto, 3)
    baruah = place("Baruah")
    people = {
        "koto": add(admin_client, "1307051208900001", "Rustam", koto, "1307051234560001"),
        "rt": add(admin_client, "1307055208920002", "Siti", rt, "1307051234560002", "2"),
        "baruah": add(admin_client, "1307051208880003", "Bujang", baruah, "1307051234560003"),
    }
    role = run_sync(Peran.insert(Peran(kode="kepala_jorong", nama="Kepala Jorong", izin=json.dumps(
        ["penduduk.lihat", "penduduk.ubah", "impor.kelola"]))).returning(Peran.id).run())[0]["id"]
    user = run_sync(create_user("kepala_koto", "Kepala Koto", PASSWORD, role))
    # The assignment screen: a select on the user's edit page.
    form = admin_client.get(f"/admin/pengguna/{user['id']}").text
    assert 'name="wilayah_lingkup"' in form and "Seluruh nagari" in form
    saved = post_form(admin_client, f"/admin/pengguna/{user['id']}",
                      {"nama": "Kepala Koto", "peran": str(role), "aktif": "1", "wilayah_lingkup": str(koto)})
    assert saved.status_code == 200, saved.text[:300]
    assert run_sync(Pengguna.select(Pengguna.wilayah_lingkup).where(Pengguna.id == user["id"]).first().run())[
        "wilayah_lingkup"] == koto
    post_form(admin_client, "/keluar")
    login(admin_client, "kepala_koto", PASSWORD)
    return {"koto": koto, "rt": rt, "baruah": baruah, "people": people}


def test_kepala_jorong_lists_and_counts_only_their_jorong(nagari, admin_client):
    page = admin_client.get("/admin/penduduk").text
    assert "Rustam" in page and "Siti" in page and "Bujang" not in page
    assert "Bujang" not in admin_client.get("/admin/penduduk", params={"q": "bujang"}).text
    assert "Bujang" not in admin_client.get("/admin/penduduk", params={"wilayah": nagari["baruah"]}).text
    api = admin_client.get("/api/v1/penduduk").json()
    assert api["total"] == 2 and {r["nama"] for r in api["data"]} == {"Rustam", "Siti"}
    entries = admin_client.get("/api/v1/peristiwa").json()
    outsider = nagari["people"]["baruah"]["id"]
    assert entries and all(e["id"] != outsider for e in entries)
    ids = {r["penduduk"] for r in run_sync(Peristiwa.select(Peristiwa.id, Peristiwa.penduduk).where(
        Peristiwa.id.is_in([e["id"] for e in entries])).run())}
    assert outsider not in ids
    # The new-resident form offers only the jorong's own places, and refuses another's.
    form = admin_client.get("/admin/penduduk/baru").text
    assert "Koto" in form and "Baruah" not in form
    refused = post_form(admin_client, "/admin/penduduk/baru", {**HEAD, "nik": "1307051208700009", "nama": "Datuak",
                                                               "no_kk": "1307051234560009",
                                                               "wilayah": str(nagari["baruah"])})
    assert refused.status_code == 400 and run_sync(Penduduk.count().where(Penduduk.nama == "Datuak").run()) == 0


def test_a_resident_outside_the_scope_is_404_through_every_door(nagari, admin_client, balai):
    outsider = nagari["people"]["baruah"]
    inside = nagari["people"]["rt"]
    for path in (f"/admin/penduduk/{outsider['id']}", f"/admin/penduduk/{outsider['id']}/ubah",
                 f"/admin/penduduk/{outsider['id']}/peristiwa", f"/admin/penduduk/{outsider['id']}/keluarga",
                 f"/admin/keluarga/{outsider['keluarga']}", f"/api/v1/penduduk/{outsider['id']}",
                 f"/api/v1/penduduk/{outsider['id']}/peristiwa", f"/api/v1/keluarga/{outsider['keluarga']}"):
        assert admin_client.get(path).status_code == 404, path
    changed = post_form(admin_client, f"/admin/penduduk/{outsider['id']}/ubah", {**HEAD, "nama": "Diubah"})
    assert changed.status_code == 404
    assert run_sync(Penduduk.select(Penduduk.nama).where(Penduduk.id == outsider["id"]).first().run())[
        "nama"] == "Bujang"
    # ... while a resident of an RT below the jorong is in scope.
    assert admin_client.get(f"/admin/penduduk/{inside['id']}").status_code == 200
    assert admin_client.get(f"/api/v1/penduduk/{inside['id']}").status_code == 200
    assert admin_client.get(f"/admin/keluarga/{inside['keluarga']}").status_code == 200

    # The export the kepala jorong starts holds their residents only.
    job = post_form(admin_client, "/admin/ekspor", {"format": "balai-csv"}, follow_redirects=False).headers["location"]
    content = admin_client.get(finish(admin_client, balai, job)["tautan"]).content.decode()
    assert {r["nama"] for r in csv.DictReader(io.StringIO(content))} == {"Rustam", "Siti"}

    # The SDK's helpers, under the same scope as a request of this user.
    async def through_sdk():
        async with register.user_scope("kepala_koto"):
            assert register.current_scope()["wilayah_ids"] == sorted([nagari["koto"], nagari["rt"]])
            return (await register.resident(outsider["id"]), await register.by_nik(outsider["nik"]),
                    await register.find("Bujang"), await register.counts(by=()),
                    [p["nama"] async for p in register.stream_residents(("nama",), batch=1)])
    person, by_nik, found, counted, streamed = run_sync(through_sdk())
    assert person is None and by_nik is None and found == [] and counted == [{"jumlah": 2}]
    assert streamed == ["Rustam", "Siti"]
    assert register.current_scope() is None  # the block is over: the whole nagari again
    assert run_sync(register.counts(by=()))[0]["jumlah"] == 3


def test_the_scope_follows_each_request_not_the_last_one(nagari, admin_client, balai_app):
    from litestar.testing import TestClient

    from plugin_sdk.testing import ADMIN_PASSWORD, ADMIN_USER

    outsider = nagari["people"]["baruah"]["id"]
    with TestClient(balai_app, base_url="http://testserver.local") as admin:
        login(admin, ADMIN_USER, ADMIN_PASSWORD)
        for _ in range(3):  # interleaved: the kepala jorong's scope never leaks into the admin's requests
            assert admin_client.get(f"/admin/penduduk/{outsider}").status_code == 404
            assert admin.get(f"/admin/penduduk/{outsider}").status_code == 200
            assert admin.get("/api/v1/penduduk").json()["total"] == 3


def test_a_scope_that_names_no_place_covers_nobody():
    scope = lingkup.Lingkup(999, "?", frozenset())
    assert not scope.covers(999) and not scope.covers(None)
    with lingkup.within(scope):
        assert lingkup.current() is scope and not lingkup.wilayah_visible(1)
    assert lingkup.current() is None
    assert asyncio.run(asyncio.sleep(0, result=lingkup.current())) is None


def test_the_letter_archive_shows_a_kepala_jorong_only_letters_of_their_jorong(nagari, admin_client, balai):
    from balai_demo.cli import DEMO_OFFICIALS, DEMO_PROFILE
    from core.tables import Perangkat
    from plugins.surat.tables import Surat
    from tests.surat_helpers import issue

    post_form(admin_client, "/keluar")
    login(admin_client)
    run_sync(balai.save_profile(DEMO_PROFILE))  # the letterhead and the officials who sign
    for row in DEMO_OFFICIALS:
        run_sync(Perangkat.insert(Perangkat(**row)).run())
    for person in ("koto", "baruah"):
        assert issue(admin_client, "domisili", nagari["people"][person]["id"]).status_code in (302, 303)
    letters = {r["nama"]: r["id"] for r in run_sync(Surat.select(Surat.id, Surat.nama).run())}
    post_form(admin_client, "/keluar")
    login(admin_client, "kepala_koto", PASSWORD)
    run_sync(Peran.update({Peran.izin: json.dumps(["penduduk.lihat", "surat.lihat"])}).where(
        Peran.kode == "kepala_jorong").run())
    archive = admin_client.get("/admin/surat").text
    assert "Rustam" in archive and "Bujang" not in archive
    assert admin_client.get(f"/admin/surat/{letters['Rustam']}").status_code == 200
    for path in ("", "/pdf"):
        assert admin_client.get(f"/admin/surat/{letters['Bujang']}{path}").status_code == 404


def test_the_self_service_queue_shows_a_kepala_jorong_only_requests_of_their_jorong(nagari, admin_client):
    from datetime import datetime, timezone

    from plugins.layanan_mandiri.tables import Permohonan
    from plugins.surat.tables import JenisSurat

    jenis = run_sync(JenisSurat.select(JenisSurat.id).where(JenisSurat.kode == "usaha").first().run())["id"]
    ids = {}
    for person in ("koto", "baruah"):
        ids[person] = run_sync(Permohonan.insert(Permohonan(
            penduduk=nagari["people"][person]["id"], jenis=jenis, status="diperiksa", keperluan="Modal usaha",
            diajukan=datetime.now(timezone.utc))).returning(Permohonan.id).run())[0]["id"]
    run_sync(Peran.update({Peran.izin: json.dumps(["penduduk.lihat", "layanan_mandiri.periksa"])}).where(
        Peran.kode == "kepala_jorong").run())
    queue = admin_client.get("/admin/mandiri").text
    assert "Rustam" in queue and "Bujang" not in queue
    assert admin_client.get(f"/admin/mandiri/{ids['koto']}").status_code == 200
    assert admin_client.get(f"/admin/mandiri/{ids['baruah']}").status_code == 404


def test_a_kepala_jorong_cannot_close_the_nagaris_month(nagari, admin_client):
    from core.penduduk.bulan import closed_until

    before = run_sync(closed_until())
    answer = post_form(admin_client, "/admin/jurnal/bulan", {"bulan": "2026-01"}, follow_redirects=True)
    assert "seluruh nagari" in answer.text and run_sync(closed_until()) == before
