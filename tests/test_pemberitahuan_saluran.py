"""A channel another plugin offers (the SMS gateway in examples/balai-sms-gateway) is listed on the resident's page
and used; a plugin implementing `pemberitahuan_warga` is told once per notice, after the change, without a NIK.

This module is itself that listening plugin (entry point `pendengar_pemberitahuan`), so the test reads what it
was told from `TOLD`.
"""

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

import pytest

from plugin_sdk import PluginMeta, hookimpl
from plugin_sdk.testing import post_form, run_sync
from plugins.pemberitahuan.tables import Pilihan
from tests.mandiri_helpers import submit
from tests.test_layanan_mandiri import USAHA, as_resident, documents, requests
from plugins.surat.tables import JenisSurat
from tests.surat_helpers import letters, wali_id
from tests.test_pemberitahuan import deliver

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "balai-sms-gateway"
if str(EXAMPLE) not in sys.path:  # the example is a package of its own, not installed in the test environment
    sys.path.append(str(EXAMPLE))

PLUGIN = PluginMeta(name="pendengar_pemberitahuan", title="Pendengar pemberitahuan (uji)", version="0.1.0",
                    core_requires=">=0.1,<1.0", depends=("pemberitahuan",))
TOLD: list[tuple] = []


@hookimpl
def pemberitahuan_warga(request, pemberitahuan):
    TOLD.append((request, pemberitahuan))


@pytest.fixture
def balai_entry_points():
    return [*entry_points(group="balai.plugins"),
            EntryPoint(name="sms_gateway", value="balai_sms_gateway.plugin", group="balai.plugins"),
            EntryPoint(name="pendengar_pemberitahuan", value=__name__, group="balai.plugins")]


@pytest.fixture
def balai_plugins():
    return ["sms_gateway", "pendengar_pemberitahuan"]


class Gateway(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.server.received.append({"auth": self.headers["Authorization"], **body})
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"status": "terkirim"}')

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    TOLD.clear()
    yield server
    server.shutdown()
    server.server_close()


def test_a_plugins_sms_channel_is_offered_checked_and_used_and_listeners_are_told(admin_client, balai, gateway):
    person, office = as_resident(admin_client, balai)
    office.swap()
    saved = post_form(admin_client, "/admin/plugin/sms_gateway/pengaturan", {
        "alamat": f"http://127.0.0.1:{gateway.server_port}/kirim", "kunci": "kunci-uji"}, follow_redirects=False)
    assert saved.status_code in (302, 303)
    office.swap()

    page = admin_client.get("/warga/pemberitahuan").text
    assert '<option value="sms"' in page and 'type="tel"' in page
    assert '<option value="email"' not in page  # the office has not set up e-mail: not offered
    wrong = post_form(admin_client, "/warga/pemberitahuan", {"saluran": "sms", "alamat": "12345"})
    assert wrong.status_code == 400 and "Nomor ponsel tidak valid" in wrong.text
    assert run_sync(Pilihan.select().run()) == []
    post_form(admin_client, "/warga/pemberitahuan", {"saluran": "sms", "alamat": "0812-3456 7890"})
    assert "+6281234567890" in admin_client.get("/warga/pemberitahuan").text

    post_form(admin_client, "/warga/pemberitahuan/uji")
    deliver(balai)
    [test] = gateway.received
    assert test["to"] == "+6281234567890" and test["auth"] == "Bearer kunci-uji" and "pesan uji" in test["message"]
    assert TOLD == []  # a test message is not news for other plugins

    submit(admin_client, "/warga/surat/ajukan/usaha", USAHA, documents())
    [request] = requests()
    office.swap()  # a clerk pastes the NIK into the reason: it never leaves the office
    post_form(admin_client, f"/admin/mandiri/{request['id']}/tolak",
              {"alasan": f"NIK {person['nik']} pada pengantar tidak cocok"})
    deliver(balai)
    refused = gateway.received[1]["message"]
    assert "dikembalikan petugas" in refused and "[nomor disembunyikan]" in refused
    assert person["nik"] not in refused and f"/warga/surat/{request['id']}" in refused
    [(told_request, told)] = TOLD
    assert told_request is None  # told in the worker, after the refusal committed
    assert (told["penduduk_id"], told["jenis"], told["peristiwa"], told["sumber_id"]) == (
        person["id"], "permohonan", "ditolak", request["id"])
    assert person["nik"] not in told["teks"] and "alamat" not in told

    # With the head's signature: approved (one message), then signed in `surat`, which makes the request ready
    # through a second event in the same transaction: still one message, in the request's words.
    run_sync(JenisSurat.update({JenisSurat.persetujuan: True}).where(JenisSurat.kode == "usaha").run())
    office.swap()
    submit(admin_client, f"/warga/surat/{request['id']}", {**USAHA, "isian_alamat_usaha": "Jorong Koto RT 02"})
    office.swap()
    post_form(admin_client, f"/admin/mandiri/{request['id']}/setujui", {"penandatangan": str(wali_id())})
    deliver(balai)
    [letter] = letters()
    post_form(admin_client, f"/admin/surat/{letter['id']}/setujui")
    deliver(balai)
    assert requests()[0]["status"] == "siap" and len(gateway.received) == 4
    assert "menunggu tanda tangan" in gateway.received[2]["message"]
    assert "siap diambil" in gateway.received[3]["message"] and f"/warga/surat/{request['id']}" in \
        gateway.received[3]["message"]
    assert [t["peristiwa"] for _, t in TOLD] == ["ditolak", "menunggu_ttd", "siap"]
    office.swap()
    assert "Terkirim" in admin_client.get("/warga/pemberitahuan").text
