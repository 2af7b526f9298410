"""Residents are told by e-mail when the office acts on their request or issues their letter (issue 20).

A real SMTP server (aiosmtpd) listens on a free port; the office points the plugin at it on /admin/plugin. The
web request only writes the notice; the delivery job runs in the background (here: `run_pending`).
"""

import re
import socket
from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller

from plugin_sdk.jobs import JadwalContext, run_pending
from plugin_sdk.testing import post_form, run_sync
from plugins.pemberitahuan import antar
from plugins.pemberitahuan.tables import Kiriman, Pilihan
from tests.mandiri_helpers import submit
from tests.surat_helpers import issue, letters, wali_id
from tests.test_layanan_mandiri import USAHA, as_resident, documents, requests

SENDER = "layanan@taram.desa.id"


class Mailbox:
    """What the SMTP server received; `refuse` makes it answer every message with a temporary failure."""

    def __init__(self):
        self.mails = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            return "451 4.3.0 Kotak surat sementara penuh"
        self.mails.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp():
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    mailbox.port = controller.port
    yield mailbox
    controller.stop()


def set_up_email(client, port: int) -> None:
    """The administrator fills in the plugin's settings, as on /admin/plugin."""
    saved = post_form(client, "/admin/plugin/pemberitahuan/pengaturan", {
        "smtp_server": "127.0.0.1", "smtp_port": str(port), "smtp_keamanan": "tanpa", "smtp_pengguna": "",
        "smtp_sandi": "", "pengirim": SENDER}, follow_redirects=False)
    assert saved.status_code in (302, 303)


def deliver(balai) -> None:
    """What the worker does after a change: the hand-over queues the job once the change committed; it runs."""
    run_sync(antar.settle())
    run_sync(run_pending(balai))


def notices() -> list[dict]:
    return run_sync(Kiriman.select().order_by(Kiriman.id).run())


def body(mail) -> str:
    return mail.get_content()


def test_resident_who_chose_email_is_told_when_the_office_acts_and_not_before_choosing(admin_client, balai, smtp):
    person, office = as_resident(admin_client, balai)
    office.swap()
    set_up_email(admin_client, smtp.port)
    office.swap()
    submit(admin_client, "/warga/surat/ajukan/usaha", USAHA, documents())
    [request] = requests()

    office.swap()  # refused while the resident has chosen no channel: recorded, nothing sent
    post_form(admin_client, f"/admin/mandiri/{request['id']}/tolak", {"alasan": "Alamat usaha kurang lengkap"})
    deliver(balai)
    assert smtp.mails == []
    assert [(n["peristiwa"], n["status"]) for n in notices()] == [("ditolak", "tanpa_saluran")]

    office.swap()  # the resident chooses e-mail; a wrong address is refused and nothing is stored
    page = admin_client.get("/warga/pemberitahuan").text
    assert '<option value="email"' in page and "Anda belum memilih cara diberi tahu" in admin_client.get("/warga").text
    wrong = post_form(admin_client, "/warga/pemberitahuan", {"saluran": "email", "alamat": "budi@contoh"})
    assert wrong.status_code == 400 and "Alamat e-mail tidak valid" in wrong.text
    assert run_sync(Pilihan.select().run()) == []
    chosen = post_form(admin_client, "/warga/pemberitahuan", {"saluran": "email", "alamat": " Budi@Contoh.ID "},
                       follow_redirects=True)
    assert "Pilihan disimpan" in chosen.text and "Budi@contoh.id" in chosen.text
    submit(admin_client, f"/warga/surat/{request['id']}", {**USAHA, "isian_alamat_usaha": "Jorong Koto RT 02"})
    deliver(balai)
    assert smtp.mails == []  # sending it again is the resident's own step

    office.swap()  # approved: the letter is issued and the request is ready, in one transaction: one e-mail
    post_form(admin_client, f"/admin/mandiri/{request['id']}/setujui", {"penandatangan": str(wali_id())})
    assert requests()[0]["status"] == "siap"
    deliver(balai)
    [ready] = smtp.mails
    assert ready["To"] == "Budi@contoh.id" and SENDER in ready["From"] and "Nagari" in ready["From"]
    assert ready["Subject"] == "Surat Anda siap diambil"
    text = body(ready)
    assert "Surat Keterangan Usaha" in text and "siap diambil di kantor" in text
    assert f"http://testserver.local/warga/surat/{request['id']}" in text
    assert person["nik"] not in text and not re.search(r"\d{16}", text)  # neither NIK nor KK number

    issue(admin_client, "domisili", person["id"], isian_sejak="2010")  # a letter made at the counter
    deliver(balai)
    counter = smtp.mails[1]
    assert counter["Subject"] == "Surat Anda sudah terbit" and letters()[-1]["nomor"] in body(counter)
    assert len(smtp.mails) == 2

    listed = admin_client.get("/admin/pemberitahuan").text  # the office sees every notice and how it went
    assert listed.count("Terkirim") >= 2 and "Tidak dikirim (belum memilih cara)" in listed
    assert person["nama"] in listed and "B***@contoh.id" in listed and "Budi@contoh.id" not in listed
    office.swap()
    mine = admin_client.get("/warga/pemberitahuan").text
    assert "Surat Anda siap diambil" in mine and "Terkirim" in mine
    assert "lewat <strong>E-mail</strong>" in admin_client.get("/warga").text


def test_a_failing_mail_server_is_retried_with_growing_delays_then_recorded_as_failed(admin_client, balai, smtp):
    person, office = as_resident(admin_client, balai)
    office.swap()
    set_up_email(admin_client, smtp.port)
    office.swap()
    post_form(admin_client, "/warga/pemberitahuan", {"saluran": "email", "alamat": "budi@contoh.id"})
    smtp.refuse = True
    sent = post_form(admin_client, "/warga/pemberitahuan/uji", follow_redirects=True)
    assert "Pesan uji sedang dikirim" in sent.text
    again = post_form(admin_client, "/warga/pemberitahuan/uji", follow_redirects=True)
    assert "Tunggu beberapa menit" in again.text  # one test at a time: a finger on the button costs nothing
    deliver(balai)
    [notice] = notices()
    assert (notice["status"], notice["percobaan"]) == ("ulang", 1) and "451" in notice["galat"]

    waits = [notice["coba_lagi"] - notice["diubah"]]
    while notice["status"] == "ulang":  # the every-minute task finds each retry when it is due, not before
        early = notice["coba_lagi"] - timedelta(seconds=5)
        run_sync(antar.sweep(JadwalContext(antar.SWEEP, balai, early, None, early.date())))
        assert run_sync(run_pending(balai)) == 0
        clock = notice["coba_lagi"] + timedelta(seconds=1)
        run_sync(antar.sweep(JadwalContext(antar.SWEEP, balai, clock, None, clock.date())))
        assert run_sync(run_pending(balai)) == 1
        [notice] = notices()
        if notice["status"] == "ulang":
            waits.append(notice["coba_lagi"] - clock)
    assert [round(w.total_seconds() / 60) for w in waits] == [1, 5, 30]
    assert (notice["status"], notice["percobaan"]) == ("gagal", 4) and "Kotak surat sementara penuh" in notice["galat"]
    assert smtp.mails == []
    page = admin_client.get("/warga/pemberitahuan").text
    assert "Gagal: Server e-mail menjawab 451" in page
    office.swap()
    assert "Gagal" in admin_client.get("/admin/pemberitahuan?status=gagal").text

    office.swap()  # the resident stops: the address is kept nowhere any more
    stopped = post_form(admin_client, "/warga/pemberitahuan", {"saluran": "", "alamat": "budi@contoh.id"},
                        follow_redirects=True)
    assert "Anda tidak akan dikirimi pemberitahuan" in stopped.text
    assert [n["alamat"] for n in notices()] == [""] and run_sync(Pilihan.select(Pilihan.alamat).run()) == [
        {"alamat": ""}]
