"""The residents' login realm: PINs from the counter, NIK + PIN login, throttling, and the wall between realms."""

from core.audit.tables import AuditEntri
from core.penduduk.tables import Penduduk
from plugins.akun_warga.tables import AkunWarga
from plugin_sdk.testing import ADMIN_PASSWORD, login, post_form, run_sync
from tests.mandiri_helpers import NEW_PIN, first_login, issue_pin, resident_login
from tests.surat_helpers import demo_nagari, living_resident

WRONG = "NIK atau PIN salah"


def test_counter_pin_is_shown_once_stored_hashed_and_must_be_changed(admin_client, balai):
    demo_nagari(balai)
    person = living_resident()
    assert "Beri PIN" in admin_client.get(f"/admin/penduduk/{person['id']}").text
    page = post_form(admin_client, f"/admin/penduduk/{person['id']}/pin")
    assert page.headers["cache-control"] == "no-store" and person["nama"] in page.text
    pin = issue_pin(admin_client, person["id"])  # a reset gives a different, fresh PIN
    account = run_sync(AkunWarga.select().where(AkunWarga.penduduk == person["id"]).first().run())
    assert pin not in account["pin_hash"] and account["wajib_ganti_pin"]
    run_sync(admin_client.app.state.audit.flush())
    entries = run_sync(AuditEntri.select().where(AuditEntri.objek_id == str(person["id"])).run())
    assert {"pin_baru", "pin_atur_ulang"} <= {e["aksi"] for e in entries}
    assert not any(pin in str(e["rincian"]) for e in entries)

    assert resident_login(admin_client, person["nik"], pin).headers["location"] == "/warga/pin"
    assert admin_client.get("/warga/surat", follow_redirects=False).headers["location"] == "/warga/pin"
    for weak, reason in (("123456", "mudah ditebak"), ("111111", "mudah ditebak"), ("12ab56", "6 angka"),
                         (person["tanggal_lahir"].strftime("%d%m%y"), "tanggal lahir")):
        refused = post_form(admin_client, "/warga/pin", {"pin_lama": pin, "pin_baru": weak, "pin_ulang": weak})
        assert refused.status_code == 400 and reason in refused.text
    first_login(admin_client, person["nik"], pin)
    assert "Selamat datang" in admin_client.get("/warga").text
    assert resident_login(admin_client, person["nik"], pin).status_code == 400  # the counter PIN is over
    assert resident_login(admin_client, person["nik"], NEW_PIN).headers["location"] == "/warga"


def test_wrong_pin_and_unknown_nik_look_the_same_and_are_throttled_apart_from_staff(admin_client, balai):
    demo_nagari(balai)
    person = living_resident()
    pin = issue_pin(admin_client, person["id"])
    unknown = resident_login(admin_client, "1307059999999999", pin)
    wrong = resident_login(admin_client, person["nik"], "000001")
    no_account = resident_login(admin_client, "1307050101010001", "123457")
    for answer in (unknown, wrong, no_account):
        assert answer.status_code == 400 and WRONG in answer.text
    alone = resident_login(admin_client, person["nik"], "")  # a NIK alone grants nothing
    assert alone.status_code == 429 and "balai_warga" not in alone.cookies
    slowed = resident_login(admin_client, person["nik"], pin)  # right PIN, but this address has failed 4 times
    assert slowed.status_code == 429 and "Coba lagi" in slowed.text
    # The office's own login from the same address is not slowed by residents' mistakes.
    admin_client.cookies.delete("balai_warga")
    assert login(admin_client).status_code in (302, 303)


def test_staff_and_resident_sessions_never_open_each_others_pages(admin_client, balai):
    demo_nagari(balai)
    person = living_resident()
    pin = issue_pin(admin_client, person["id"])
    staff_only = admin_client.get("/warga/surat", follow_redirects=False)
    assert staff_only.headers["location"].startswith("/warga/masuk")
    first_login(admin_client, person["nik"], pin)  # drops the staff cookie, as a resident's phone has none
    assert admin_client.get("/admin", follow_redirects=False).headers["location"].startswith("/masuk")
    assert admin_client.get(f"/admin/penduduk/{person['id']}", follow_redirects=False).status_code in (302, 303)
    # A login form must not bounce the resident into the office pages either.
    again = post_form(admin_client, "/warga/masuk", {"nik": person["nik"], "pin": NEW_PIN, "next": "/admin"},
                      follow_redirects=False)
    assert again.headers["location"] == "/warga"


def test_reset_or_switch_off_ends_open_sessions_and_the_dead_cannot_log_in(admin_client, balai):
    demo_nagari(balai)
    person = living_resident()
    pin = issue_pin(admin_client, person["id"])
    first_login(admin_client, person["nik"], pin)
    resident_cookie = admin_client.cookies.get("balai_warga")
    login(admin_client)
    issue_pin(admin_client, person["id"])
    admin_client.cookies.set("balai_warga", resident_cookie)
    assert admin_client.get("/warga", follow_redirects=False).headers["location"].startswith("/warga/masuk")

    post_form(admin_client, f"/admin/penduduk/{person['id']}/pin/nonaktif")
    assert resident_login(admin_client, person["nik"], NEW_PIN).status_code == 400
    login(admin_client)
    pin = issue_pin(admin_client, person["id"])
    run_sync(Penduduk.update({Penduduk.status_dasar: 2}).where(Penduduk.id == person["id"]).run())
    assert resident_login(admin_client, person["nik"], pin).status_code == 400
    login(admin_client)
    refused = post_form(admin_client, f"/admin/penduduk/{person['id']}/pin", follow_redirects=True)
    assert "masih tercatat hidup" in refused.text


def test_without_self_service_there_is_no_resident_login(admin_client, balai):
    demo_nagari(balai)
    person = living_resident()
    run_sync(balai.disable("layanan_mandiri"))
    assert admin_client.get("/warga/masuk").status_code == 404
    assert "Layanan mandiri" not in admin_client.get(f"/admin/penduduk/{person['id']}").text
    assert post_form(admin_client, f"/admin/penduduk/{person['id']}/pin").status_code == 404
    assert ADMIN_PASSWORD  # the staff login is untouched
    assert admin_client.get("/admin").status_code == 200


def test_attempts_sent_at_the_same_moment_cannot_all_slip_past_the_throttle(balai):
    import asyncio

    from core.identity import throttle

    keys = ["warga-ip:198.51.100.7", "warga:1307050000000001"]

    async def burst():
        return await asyncio.gather(*(throttle.reserve(keys) for _ in range(10)))

    waits = run_sync(burst)
    assert waits.count(0) == throttle.FREE_ATTEMPTS and all(w > 0 for w in waits if w)
