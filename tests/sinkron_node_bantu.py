"""What the sinkron node tests share (tests/test_sinkron_node.py, test_sinkron_daftar.py, test_sinkron_usb.py): the
plugins installed, a stand-in hub answering like the real one over an ``httpx.MockTransport``, and short helpers to
enrol, publish, pack and read the outbox."""

import base64
import dataclasses
import hashlib
import json
from datetime import date
from importlib.metadata import EntryPoint, entry_points

import httpx
import pytest

from plugin_sdk.testing import run_sync
from plugins.satu_data import katalog
from plugins.satu_data.terbit import terbitkan
from plugins.sinkron.node import kirim as kirim_modul
from plugins.sinkron.node.daftar import daftar
from plugins.sinkron.node.kemas import kemas
from plugins.sinkron.node.tables import KotakKeluar
from plugins.sinkron.protokol import buka, kunci_dari_teks
from tests.fixtures.plugins import data_uji_terbit
from tests.satu_data_helpers import konteks

HUB = "https://hub.example"
KODE = "13.07.05.2001"
PER = date(2025, 12, 31)


@pytest.fixture
def balai_entry_points(fixture_plugins):
    dipasang = [e for e in entry_points(group="balai.plugins") if e.name in ("sistem", "statistik", "satu_data")]
    return [*dipasang, fixture_plugins("data_uji_terbit"), EntryPoint("sinkron", "plugins.sinkron.plugin",
                                                                      "balai.plugins")]


@pytest.fixture
def balai_plugins():
    return ["satu_data", "data_uji_terbit", "sinkron"]


class HubPalsu:
    """Answers like the kabupaten hub: enrols a key, applies frames in order once each, or fails as told
    (`mode`: "ok", "putus" = no connection, "menunggu" = 403 not yet confirmed, "tolak" = 403 revoked, "rusak" =
    400 for every batch after the first)."""

    def __init__(self):
        self.seq, self.mode, self.kunci = 0, "ok", {}
        self.diterapkan: list[tuple[int, dict]] = []
        self.permintaan: list[dict] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if self.mode == "putus":
            raise httpx.ConnectError("tidak ada jaringan", request=request)
        isi = json.loads(request.content)
        if request.url.path == "/api/sinkron/kunci":
            return httpx.Response(404, json={"galat": "Alamat ini tidak dikenal."})
        if request.url.path == "/api/sinkron/daftar":
            if isi["kode_undangan"] != "RAHASIA-1":
                return httpx.Response(403, json={"galat": "Kode undangan tidak sah atau sudah dipakai."})
            raw = base64.b64decode(isi["kunci_publik"])
            self.kunci[hashlib.sha256(raw).hexdigest()[:16]] = kunci_dari_teks(isi["kunci_publik"])
            return httpx.Response(201, json={"status": "menunggu"})
        self.permintaan.append(isi)
        if self.mode == "menunggu":
            return httpx.Response(403, json={"galat": "Menunggu konfirmasi sidik jari.", "status_node": "menunggu"})
        if self.mode == "tolak":
            return httpx.Response(403, json={"galat": "Nagari ini dicabut oleh Diskominfo.", "status_node": "dicabut"})
        for frame in isi["bingkai"]:
            node, seq, muatan = buka(frame, self.kunci)
            assert node == isi["node"] == "13.07.05.2001"
            if seq <= self.seq:
                continue
            if self.mode == "rusak" and seq > 1:
                return httpx.Response(400, json={"galat": f"Batch {seq} ditolak: isi tidak sah.", "diakui": self.seq})
            if seq > self.seq + 1:
                return httpx.Response(409, json={"harap": self.seq + 1, "galat": "Ada batch yang terlewat."})
            self.seq = seq
            self.diterapkan.append((seq, muatan))
        return httpx.Response(200, json={"diakui": self.seq})

    def terima_berkas(self, teks: str) -> None:
        """What the hub's `balai sync impor` does with a USB file: apply its frames in order."""
        _, *frames = [json.loads(baris) for baris in teks.splitlines()]
        for frame in frames:
            _, seq, muatan = buka(frame, self.kunci)
            if seq == self.seq + 1:
                self.seq = seq
                self.diterapkan.append((seq, muatan))


@pytest.fixture
def hub(monkeypatch):
    palsu = HubPalsu()
    monkeypatch.setattr(kirim_modul, "TRANSPORT", httpx.MockTransport(palsu))
    return palsu


@pytest.fixture(autouse=True)
def angka_awal(monkeypatch):
    monkeypatch.setattr(data_uji_terbit, "ANGKA", {"sawah": 120.5, "ladang": 80})
    katalog.lupakan()
    yield
    katalog.lupakan()


def nagari(balai) -> None:
    run_sync(balai.save_profile({"kode": "1307052001"}))


def terbit(balai, *nama: str) -> None:
    run_sync(terbitkan(konteks(balai), nama=list(nama) or ["uji-lahan"], per=PER))


def pak(balai) -> int | None:
    return run_sync(kemas(balai.settings.data_dir))


def kotak() -> dict[int, dict]:
    return {r["seq"]: r for r in run_sync(KotakKeluar.select().order_by(KotakKeluar.seq).run())}


def terdaftar(balai, hub) -> None:
    nagari(balai)
    run_sync(daftar(balai.settings.data_dir, HUB, "RAHASIA-1", "Wali nagari 0812"))


def isi_bingkai(balai, row: dict) -> dict:
    from plugin_sdk.dokumen import KeyRing

    kunci = {k["id"]: kunci_dari_teks(base64.b64encode(bytes.fromhex(k["publik"])).decode())
             for k in KeyRing(balai.settings.data_dir, "sinkron").public_keys()}
    return buka(json.loads(row["bingkai"]), kunci)[2]

def mulai_ulang() -> None:
    """The node's processes start again (as after a restore): none knows where the hub stands."""
    kirim_modul._POSISI_DIKETAHUI.clear()


@pytest.fixture
def hub_nyata(balai, balai_app, monkeypatch):
    """The hub's own routes answering the node's requests (one PostgreSQL database plays both; role hub)."""
    if balai.engine.engine_type == "sqlite":
        pytest.skip("the hub runs on PostgreSQL only")
    balai.settings = dataclasses.replace(balai.settings, role="hub")
    monkeypatch.setattr(kirim_modul, "TRANSPORT", httpx.ASGITransport(app=balai_app))
    nagari(balai)
    return balai


def daftar_dan_konfirmasi(balai) -> str:
    from plugins.sinkron.hub.daftar import buat_undangan, konfirmasi

    sidik = run_sync(daftar(balai.settings.data_dir, "http://hub.local", run_sync(buat_undangan(KODE))))
    run_sync(konfirmasi(KODE, sidik))  # the kabupaten compares the fingerprint read out by phone
    return sidik
