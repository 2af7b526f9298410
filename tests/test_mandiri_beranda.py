"""The resident's own home page (/warga): their record masked where it must be, their family card (names and
relations only), their latest requests and letters, and room for other plugins' panels (event warga_beranda)."""

import re

from core.audit.tables import AuditEntri
from core.penduduk.tables import Penduduk
from plugin_sdk.testing import post_form, run_sync
from tests.mandiri_helpers import Jar, first_login, issue_pin, submit
from tests.surat_helpers import demo_nagari, wali_id
from tests.test_layanan_mandiri import USAHA, documents


def _family_head() -> dict:
    """A living resident whose family card has other living members."""
    rows = run_sync(Penduduk.select(Penduduk.id, Penduduk.keluarga).where(Penduduk.status_dasar == 1)
                    .order_by(Penduduk.id).run())
    sizes: dict = {}
    for row in rows:
        sizes.setdefault(row["keluarga"], []).append(row["id"])
    pid = next(ids[0] for ids in sizes.values() if len(ids) >= 3)
    return run_sync(Penduduk.select().where(Penduduk.id == pid).first().run())


def test_home_shows_own_masked_record_family_names_and_latest_requests(admin_client, balai):
    demo_nagari(balai)
    person = _family_head()
    members = run_sync(Penduduk.select().where((Penduduk.keluarga == person["keluarga"])
                                               & (Penduduk.status_dasar == 1)).run())
    pin = issue_pin(admin_client, person["id"])
    office = Jar(admin_client)
    first_login(admin_client, person["nik"], pin)
    home = admin_client.get("/warga")
    assert home.status_code == 200 and home.headers["cache-control"] == "no-store"
    page = home.text
    mine = page.split('id="data-saya"')[1].split("</section>")[0]
    assert person["nama"] in mine and person["nik"][:6] + "*" * 10 in mine
    assert person["nik"] not in page  # not even the owner's own NIK in full on a shared phone
    family = page.split('id="keluarga-saya"')[1].split("</section>")[0]
    for member in members:
        assert member["nama"] in family
        assert member["nik"] not in page and member["nik"][6:12] not in family
    assert "(Anda)" in family and "Kepala Keluarga" in family
    assert "Anda belum pernah mengajukan surat" in page  # the requests panel, empty so far

    sent = submit(admin_client, "/warga/surat/ajukan/usaha", USAHA, documents())
    assert sent.status_code in (302, 303), sent.text[:500]
    request_id = int(sent.headers["location"].rsplit("/", 1)[1])
    office.swap()
    post_form(admin_client, f"/admin/mandiri/{request_id}/setujui", {"penandatangan": str(wali_id())})
    office.swap()
    latest = admin_client.get("/warga").text.split('id="permohonan-terakhir"')[1].split("</ul>")[0]
    assert "Siap diambil" in latest and f'href="/warga/surat/{request_id}/pdf"' in latest
    number = re.search(r"Nomor ([^<]+)<", latest).group(1)
    assert admin_client.get(f"/warga/surat/{request_id}/pdf").headers["content-type"] == "application/pdf"
    assert number.startswith("500.2.1/")

    run_sync(admin_client.app.state.audit.flush())
    seen = run_sync(AuditEntri.select().where((AuditEntri.aksi == "lihat") & (AuditEntri.objek_jenis == "penduduk")
                                              & (AuditEntri.objek_id == str(person["id"]))).run())
    assert any(e["pengguna"] == f"warga#{person['id']}" for e in seen)  # every read of the record is logged


def test_home_without_family_card_or_requests_still_opens(admin_client, balai):
    demo_nagari(balai)
    person = _family_head()
    run_sync(Penduduk.update({Penduduk.keluarga: None}).where(Penduduk.id == person["id"]).run())
    pin = issue_pin(admin_client, person["id"])
    first_login(admin_client, person["nik"], pin)
    page = admin_client.get("/warga").text
    assert 'id="data-saya"' in page and 'id="keluarga-saya"' not in page
