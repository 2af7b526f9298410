"""Households: made with a head, members come and go, every change journaled and audited, the report untouched."""

import importlib
import json
from datetime import date

import pytest

from core.audit.tables import AuditEntri
from core.penduduk import rumah_tangga
from core.penduduk.laporan import monthly_movements
from core.penduduk.tables import Keluarga, Penduduk, Peristiwa, RumahTangga
from plugin_sdk.testing import post_form, run_sync
from tests.test_lingkup_wilayah import add, nagari  # noqa: F401  (the fixture: two jorong and a kepala jorong)
from tests.test_register_pages import HEAD, resident
from core.profil.waktu import today as nagari_today

SON = {**HEAD, "nik": "1307050101050001", "nama": "Fauzan", "tanggal_lahir": "2005-01-01", "hubungan": "4",
       "status_kawin": "1", "no_kk": ""}
OTHER = {**HEAD, "nik": "1307051010800001", "nama": "Darman", "no_kk": "1307051010800099"}
ADMIN = {"id": 1, "username": "admin"}  # the fixture's administrator, for changes made without a page


@pytest.fixture
def family(admin_client):
    """Rustam (head) and his son Fauzan in one KK; Darman heads a KK of his own."""
    post_form(admin_client, "/admin/penduduk/baru", HEAD)
    head = resident(HEAD["nik"])
    post_form(admin_client, "/admin/penduduk/baru", {**SON, "keluarga_id": str(head["keluarga"])})
    post_form(admin_client, "/admin/penduduk/baru", OTHER)
    return {"rustam": head, "fauzan": resident(SON["nik"]), "darman": resident(OTHER["nik"])}


def household(nomor="13070500001") -> dict:
    return run_sync(RumahTangga.select().where(RumahTangga.nomor == nomor).first().run())


def entries(penduduk_id) -> list[dict]:
    rows = run_sync(Peristiwa.select().where((Peristiwa.penduduk == penduduk_id)
                                             & (Peristiwa.jenis == "rumah_tangga")).order_by(Peristiwa.id).run())
    return [json.loads(r["rincian"]) for r in rows]


def audit(objek_id) -> list[dict]:
    """The audit log's writes on a household (its views are logged too)."""
    return run_sync(AuditEntri.select(AuditEntri.aksi, AuditEntri.rincian).where(
        (AuditEntri.objek_jenis == "rumah_tangga") & (AuditEntri.objek_id == str(objek_id))
        & (AuditEntri.aksi != "lihat")).order_by(AuditEntri.nomor).run())


def create(client, nik, nomor="13070500001", **extra):
    return post_form(client, "/admin/rumah-tangga/baru", {"nomor": nomor, "nik_kepala": nik, "bawa_keluarga": "1",
                                                          **extra})


def test_a_household_is_made_with_its_head_and_the_heads_family(admin_client, balai, family):
    assert 'value="00001"' in admin_client.get("/admin/rumah-tangga/baru").text  # no nagari code yet
    run_sync(balai.save_profile({"kode": "1307052001"}))
    assert 'value="13070500001"' in admin_client.get("/admin/rumah-tangga/baru").text  # kecamatan code + 5 digits

    unknown = create(admin_client, "1307059999999999")
    assert unknown.status_code == 400 and "Tidak ada penduduk hidup dengan NIK itu" in unknown.text
    assert run_sync(RumahTangga.count().run()) == 0  # nothing half-saved

    made = create(admin_client, HEAD["nik"], alamat="Jorong Koto, rumah gadang")
    assert made.status_code == 200 and "Rumah tangga dibuat" in made.text and "Fauzan" in made.text
    rt = household()
    assert rt["kepala"] == family["rustam"]["id"] and rt["alamat"] == "Jorong Koto, rumah gadang"
    assert resident(HEAD["nik"])["rumah_tangga"] == rt["id"] == resident(SON["nik"])["rumah_tangga"]
    assert resident(OTHER["nik"])["rumah_tangga"] is None
    assert run_sync(Keluarga.select().where(Keluarga.id == family["rustam"]["keluarga"]).first().run())[
        "rumah_tangga"] == rt["id"]
    assert entries(family["rustam"]["id"]) == [
        {"nomor": "13070500001", "perubahan": "anggota masuk", "lama": "", "baru": "13070500001"},
        {"nomor": "13070500001", "perubahan": "kepala", "lama": "", "baru": "Rustam"}]
    assert [e["perubahan"] for e in entries(family["fauzan"]["id"])] == ["anggota masuk"]
    assert 'id="tanda-kepala"' in made.text
    assert "Perubahan rumah tangga" in admin_client.get(f"/admin/penduduk/{family['fauzan']['id']}").text
    run_sync(admin_client.app.state.audit.flush())
    assert [a["aksi"] for a in audit(rt["id"])] == ["buat"]

    taken = create(admin_client, OTHER["nik"])
    assert taken.status_code == 400 and "sudah dipakai" in taken.text
    assert 'value="13070500002"' in admin_client.get("/admin/rumah-tangga/baru").text
    page = admin_client.get(f"/admin/penduduk/{family['fauzan']['id']}").text
    assert 'id="rumah-tangga"' in page and "13070500001" in page and "kepala" in page


def test_the_head_must_be_a_living_member(admin_client, family):
    create(admin_client, HEAD["nik"])
    rt = household()
    outsider = post_form(admin_client, f"/admin/rumah-tangga/{rt['id']}/kepala", {"kepala": family["darman"]["id"]})
    assert "harus anggota rumah tangga ini yang masih hidup" in outsider.text
    assert household()["kepala"] == family["rustam"]["id"]

    son = family["fauzan"]["id"]
    done = post_form(admin_client, f"/admin/rumah-tangga/{rt['id']}/kepala", {"kepala": son})
    assert "Kepala rumah tangga diganti" in done.text and household()["kepala"] == son
    change = {"nomor": "13070500001", "perubahan": "kepala", "lama": "Rustam", "baru": "Fauzan"}
    assert entries(son)[-1] == change and entries(family["rustam"]["id"])[-1] == change

    post_form(admin_client, f"/admin/penduduk/{family['rustam']['id']}/peristiwa",
              {"jenis": "mati", "tanggal_peristiwa": "2025-04-01"})
    dead = post_form(admin_client, f"/admin/rumah-tangga/{rt['id']}/kepala", {"kepala": family["rustam"]["id"]})
    assert "masih hidup" in dead.text and household()["kepala"] == son


def test_members_come_and_go_one_household_each(admin_client, family):
    create(admin_client, HEAD["nik"])
    rt = household()
    darman = family["darman"]
    joined = post_form(admin_client, f"/admin/rumah-tangga/{rt['id']}/anggota", {"nik": OTHER["nik"]})
    assert "Anggota dimasukkan" in joined.text and resident(OTHER["nik"])["rumah_tangga"] == rt["id"]
    again = post_form(admin_client, f"/admin/rumah-tangga/{rt['id']}/anggota", {"nik": OTHER["nik"]})
    assert "Sudah anggota rumah tangga ini" in again.text
    # Darman's own KK follows him: all its living members now live here.
    assert run_sync(Keluarga.select().where(Keluarga.id == darman["keluarga"]).first().run())["rumah_tangga"] == \
        rt["id"]

    head_out = post_form(admin_client, f"/admin/rumah-tangga/{rt['id']}/keluar", {"penduduk": family["rustam"]["id"]})
    assert "tetapkan kepala baru dulu" in head_out.text and resident(HEAD["nik"])["rumah_tangga"] == rt["id"]
    out = post_form(admin_client, f"/admin/rumah-tangga/{rt['id']}/keluar", {"penduduk": darman["id"]})
    assert "dikeluarkan" in out.text and resident(OTHER["nik"])["rumah_tangga"] is None
    assert entries(darman["id"])[-1] == {"nomor": "13070500001", "perubahan": "anggota keluar",
                                         "lama": "13070500001", "baru": ""}
    assert run_sync(Keluarga.select().where(Keluarga.id == darman["keluarga"]).first().run())["rumah_tangga"] is None

    # Darman makes his own household; moving him back is refused while he heads it, then his whole KK moves in.
    create(admin_client, OTHER["nik"], nomor="13070500002")
    second = household("13070500002")
    refused = post_form(admin_client, f"/admin/rumah-tangga/{rt['id']}/anggota", {"nik": OTHER["nik"]})
    assert "kepala rumah tangga 13070500002" in refused.text
    assert resident(OTHER["nik"])["rumah_tangga"] == second["id"]
    post_form(admin_client, f"/admin/rumah-tangga/{second['id']}/keluar", {"penduduk": darman["id"]})
    assert household("13070500002")["kepala"] is None  # its last member left: nobody heads it
    moved = post_form(admin_client, f"/admin/rumah-tangga/{rt['id']}/keluarga", {"no_kk": OTHER["no_kk"]})
    assert "Seluruh anggota keluarga dimasukkan" in moved.text and resident(OTHER["nik"])["rumah_tangga"] == rt["id"]

    address = post_form(admin_client, f"/admin/rumah-tangga/{rt['id']}/alamat", {"alamat": "Jorong Koto No. 3"})
    assert "Alamat rumah tangga disimpan" in address.text and household()["alamat"] == "Jorong Koto No. 3"
    assert entries(family["rustam"]["id"])[-1]["perubahan"] == "alamat"  # on the head, who stands for it
    run_sync(admin_client.app.state.audit.flush())
    assert [a["aksi"] for a in audit(rt["id"])] == ["buat", "ubah", "ubah", "ubah", "ubah"]


def test_a_failure_midway_leaves_nothing_behind(admin_client, family, monkeypatch):
    async def broken(*args, **kwargs):
        raise RuntimeError("audit log tidak bisa ditulis")

    before = run_sync(Peristiwa.count().run())
    monkeypatch.setattr(rumah_tangga, "log_change", broken)
    with pytest.raises(RuntimeError):
        run_sync(rumah_tangga.create("RT-1", family["rustam"]["id"], actor=ADMIN))
    assert run_sync(RumahTangga.count().run()) == 0 and run_sync(Peristiwa.count().run()) == before
    assert resident(HEAD["nik"])["rumah_tangga"] is None


def test_the_monthly_report_does_not_count_household_changes(admin_client, family):
    month = nagari_today().strftime("%Y-%m")
    report = run_sync(monthly_movements(month))
    create(admin_client, HEAD["nik"])
    rt = household()
    post_form(admin_client, f"/admin/rumah-tangga/{rt['id']}/anggota", {"nik": OTHER["nik"]})
    post_form(admin_client, f"/admin/rumah-tangga/{rt['id']}/kepala", {"kepala": family["darman"]["id"]})
    post_form(admin_client, f"/admin/rumah-tangga/{rt['id']}/keluar", {"penduduk": family["fauzan"]["id"]})
    assert run_sync(Peristiwa.count().where(Peristiwa.jenis == "rumah_tangga").run()) >= 6
    assert run_sync(monthly_movements(month)) == report


def test_the_family_page_puts_a_family_in_a_household_through_the_journal(admin_client, family):
    """The older way in (a number on the KK page) now makes a household with a head and journals it."""
    post_form(admin_client, f"/admin/keluarga/{family['rustam']['keluarga']}/rumah-tangga", {"nomor_rt": "RT-001"})
    rt = household("RT-001")
    assert rt["kepala"] == family["rustam"]["id"]
    assert [e["perubahan"] for e in entries(family["fauzan"]["id"])] == ["anggota masuk"]
    page = post_form(admin_client, f"/admin/keluarga/{family['darman']['keluarga']}/rumah-tangga",
                     {"nomor_rt": "RT-001"})
    assert "Darman" in page.text and household("RT-001")["kepala"] == family["rustam"]["id"]


def test_existing_households_get_the_head_of_their_first_family(admin_client, family):
    """What the migration does for households made before the head was recorded."""
    migration = importlib.import_module("core.migrations.core_2026_12_05t12_00_00_000000")
    post_form(admin_client, f"/admin/keluarga/{family['rustam']['keluarga']}/rumah-tangga", {"nomor_rt": "RT-001"})
    post_form(admin_client, f"/admin/keluarga/{family['darman']['keluarga']}/rumah-tangga", {"nomor_rt": "RT-001"})
    run_sync(RumahTangga.update({RumahTangga.kepala: None}, force=True).run())
    run_sync(RumahTangga.raw(migration.FIRST_FAMILY_HEAD).run())
    assert household("RT-001")["kepala"] == family["rustam"]["id"]


def test_kepala_jorong_sees_and_changes_only_their_households(nagari, admin_client):
    people = nagari["people"]
    mine = run_sync(rumah_tangga.create("RT-KOTO", people["koto"]["id"], actor=ADMIN))
    theirs = run_sync(rumah_tangga.create("RT-BARUAH", people["baruah"]["id"], actor=ADMIN))
    listed = admin_client.get("/admin/rumah-tangga").text
    assert "RT-KOTO" in listed and "RT-BARUAH" not in listed
    assert "RT-BARUAH" not in admin_client.get("/admin/rumah-tangga", params={"q": "RT-B"}).text
    assert admin_client.get(f"/admin/rumah-tangga/{theirs}").status_code == 404
    for action, form in (("kepala", {"kepala": people["baruah"]["id"]}), ("alamat", {"alamat": "Diubah"}),
                         ("anggota", {"nik": people["rt"]["nik"]}), ("keluar", {"penduduk": people["baruah"]["id"]})):
        assert post_form(admin_client, f"/admin/rumah-tangga/{theirs}/{action}", form).status_code == 404, action
    assert household("RT-BARUAH")["alamat"] != "Diubah"
    # Someone outside the jorong cannot be pulled in by NIK, nor made head of a new household.
    outsider = post_form(admin_client, f"/admin/rumah-tangga/{mine}/anggota", {"nik": people["baruah"]["nik"]})
    assert "Tidak ada penduduk hidup dengan NIK itu di wilayah Anda" in outsider.text
    assert resident(people["baruah"]["nik"])["rumah_tangga"] == theirs
    made = create(admin_client, people["baruah"]["nik"], nomor="RT-LAIN")
    assert made.status_code == 400 and household("RT-LAIN") is None
    inside = post_form(admin_client, f"/admin/rumah-tangga/{mine}/anggota", {"nik": people["rt"]["nik"]})
    assert "Anggota dimasukkan" in inside.text


def test_the_demo_gives_every_household_the_head_of_its_first_family(balai):
    from balai_demo.penduduk import build

    run_sync(build(300, seed=7, today=date(2026, 11, 27)))
    first = {}
    for f in run_sync(Keluarga.select(Keluarga.id, Keluarga.rumah_tangga).order_by(Keluarga.id).run()):
        first.setdefault(f["rumah_tangga"], f["id"])
    heads = {p["keluarga"]: p["id"] for p in run_sync(Penduduk.select(Penduduk.id, Penduduk.keluarga).where(
        Penduduk.hubungan == 1).run())}
    households = run_sync(RumahTangga.select(RumahTangga.id, RumahTangga.kepala).run())
    assert households and all(h["kepala"] == heads[first[h["id"]]] for h in households)
