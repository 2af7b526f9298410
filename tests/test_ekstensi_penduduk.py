"""Extra resident fields in a plugin's own table (`balai_resident_fields`), proven with the adat example's suku:
on the resident's form (saved with the resident or refused beside the field), on the resident's page
(`balai_resident_panels`), and in the Balai CSV export and import."""

import csv
import io
import re

import pytest

from core.audit.tables import AuditEntri
from core.penduduk.tables import Penduduk, Wilayah
from plugin_sdk.testing import post_form, run_sync
from tests.test_register_pages import HEAD


@pytest.fixture
def balai_plugins():
    return ["adat"]


def suku_of(nik: str):
    from balai_adat.tables import SukuWarga

    row = run_sync(SukuWarga.select(SukuWarga.suku.nama.as_alias("nama")).where(
        SukuWarga.penduduk.nik == nik).first().run())
    return row and row["nama"]


def registered(admin_client) -> int:
    for nama, penghulu in (("Piliang", "Datuak Bandaro"), ("Chaniago", "")):
        post_form(admin_client, "/admin/adat", {"nama": nama, "penghulu": penghulu})
    post_form(admin_client, "/admin/wilayah", {"nama": "Koto Tinggi"})
    wilayah = run_sync(Wilayah.select(Wilayah.id).first().run())["id"]
    created = post_form(admin_client, "/admin/penduduk/baru", {**HEAD, "wilayah": str(wilayah),
                                                               "adat.suku": "piliang"}, follow_redirects=False)
    assert created.status_code in (302, 303), created.text
    return int(created.headers["location"].rsplit("/", 1)[1])


def test_the_suku_is_on_the_form_saved_with_the_resident_and_shown_on_the_panel(admin_client, balai):
    form = admin_client.get("/admin/penduduk/baru").text
    assert 'data-plugin="adat"' in form and 'name="adat.suku"' in form
    pid = registered(admin_client)
    assert suku_of(HEAD["nik"]) == "Piliang"  # as registered, whatever the case typed
    page = admin_client.get(f"/admin/penduduk/{pid}").text
    assert "Suku <strong>Piliang</strong> (penghulu Datuak Bandaro)" in page
    edit = admin_client.get(f"/admin/penduduk/{pid}/ubah").text
    assert '<option value="Piliang" selected>' in edit

    # Only the suku changes: one correction, logged with before and after.
    fields = {k: v for k, v in HEAD.items() if k not in ("jenis", "tanggal_peristiwa", "no_kk", "alamat_kk")}
    post_form(admin_client, f"/admin/penduduk/{pid}/ubah", {**fields, "adat.suku": "Piliang"})  # the form's defaults
    changed = post_form(admin_client, f"/admin/penduduk/{pid}/ubah", {**fields, "adat.suku": "Chaniago",
                                                                     "alasan": "salah catat"})
    assert "1 data dikoreksi." in changed.text and suku_of(HEAD["nik"]) == "Chaniago"
    entry = run_sync(AuditEntri.select().where(AuditEntri.objek_jenis == "penduduk.tambahan").order_by(
        AuditEntri.nomor, ascending=False).first().run())
    assert '"sebelum": {"kaum": "", "suku": "Piliang"}' in entry["rincian"] and '"Chaniago"' in entry["rincian"]
    same = post_form(admin_client, f"/admin/penduduk/{pid}/ubah", {**fields, "adat.suku": "Chaniago"})
    assert "Tidak ada yang berubah." in same.text
    cleared = post_form(admin_client, f"/admin/penduduk/{pid}/ubah", {**fields, "adat.suku": ""})
    assert "1 data dikoreksi." in cleared.text and suku_of(HEAD["nik"]) is None
    assert "Suku belum dicatat." in admin_client.get(f"/admin/penduduk/{pid}").text


def test_a_refused_suku_is_shown_beside_the_field_and_nothing_of_the_resident_is_saved(admin_client, balai):
    refused = post_form(admin_client, "/admin/penduduk/baru", {**HEAD, "adat.suku": "Koto"})
    assert refused.status_code == 400
    assert 'id="galat-adat.suku">Suku Koto belum terdaftar di daftar adat.' in refused.text
    assert run_sync(Penduduk.count().run()) == 0

    pid = registered(admin_client)
    fields = {k: v for k, v in HEAD.items() if k not in ("jenis", "tanggal_peristiwa", "no_kk", "alamat_kk")}
    both = post_form(admin_client, f"/admin/penduduk/{pid}/ubah", {**fields, "nama": "Rustam Ali",
                                                                  "adat.suku": "Koto"})
    assert both.status_code == 400 and "Suku Koto belum terdaftar" in both.text
    assert run_sync(Penduduk.select(Penduduk.nama).where(Penduduk.id == pid).first().run())["nama"] == "Rustam"


def test_a_failing_save_takes_the_resident_back_with_it(admin_client, balai, monkeypatch):
    from balai_adat import suku_warga
    from core.penduduk.tambahan import FieldErrors

    async def full(penduduk_id, values):
        await suku_warga.SukuWarga.delete().where(suku_warga.SukuWarga.penduduk == penduduk_id).run()
        raise FieldErrors({"suku": "Suku ini sudah penuh."})

    post_form(admin_client, "/admin/adat", {"nama": "Piliang"})
    fields = dict(suku_warga.balai_resident_fields()[0].__dict__)
    # The host holds the function it registered: replace the section where the host finds it.
    impl = next(i for i in balai.host.pm.hook.balai_resident_fields.get_hookimpls() if i.plugin_name == "adat")
    monkeypatch.setattr(impl, "function", lambda: [suku_warga.ResidentFields(**{**fields, "save": full})])
    refused = post_form(admin_client, "/admin/penduduk/baru", {**HEAD, "adat.suku": "Piliang"})
    assert refused.status_code == 400 and "Suku ini sudah penuh." in refused.text
    assert run_sync(Penduduk.count().run()) == 0


def test_a_disabled_plugin_has_no_section(admin_client, balai):
    run_sync(balai.disable("adat"))
    form = admin_client.get("/admin/penduduk/baru").text
    assert 'name="adat.suku"' not in form
    created = post_form(admin_client, "/admin/penduduk/baru", {**HEAD, "adat.suku": "Piliang"})
    assert created.status_code == 200 and run_sync(Penduduk.count().run()) == 1


def test_the_suku_is_a_column_of_the_balai_export_and_is_read_back_on_import(admin_client, balai, tmp_path):
    from tests.test_impor import finish, upload

    registered(admin_client)
    job = post_form(admin_client, "/admin/ekspor", {"format": "balai-csv"}, follow_redirects=False).headers["location"]
    exported = admin_client.get(finish(admin_client, balai, job)["tautan"]).content.decode()
    [row] = list(csv.DictReader(io.StringIO(exported)))
    assert row["adat.suku"] == "Piliang"

    # The file comes back with the suku changed, and two new residents: one of a known suku, one of none.
    changed = {**row, "adat.suku": "Chaniago"}
    known = {**row, "nik": "1307051208900002", "nama": "Rustam Kecil", "hubungan": "4", "adat.suku": "piliang"}
    unknown = {**row, "nik": "1307051208900003", "nama": "Rustam Lain", "hubungan": "4", "adat.suku": "Koto"}
    path = tmp_path / "kembali.csv"
    with path.open("w", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(row))
        writer.writeheader()
        writer.writerows([changed, known, unknown])
    report = finish(admin_client, balai, upload(admin_client, path))["tautan"]
    page = admin_client.get(report).text
    assert re.search(r'id="jumlah-ditolak">1<', page) and "Suku Koto belum terdaftar" in page
    finish(admin_client, balai, post_form(admin_client, report + "/terapkan", follow_redirects=False).headers["location"])
    assert suku_of(HEAD["nik"]) == "Chaniago" and suku_of("1307051208900002") == "Piliang"
    assert run_sync(Penduduk.count().run()) == 2

    # An empty cell says nothing: the stored suku stays.
    path.write_text(exported.replace(",Piliang", ","))
    report = finish(admin_client, balai, upload(admin_client, path))["tautan"]
    finish(admin_client, balai, post_form(admin_client, report + "/terapkan", follow_redirects=False).headers["location"])
    assert suku_of(HEAD["nik"]) == "Chaniago"
