"""The sync between real processes (issue 27): a hub (`balai serve --role hub`, PostgreSQL) and two nagari servers
(each its own SQLite database), enrolled the way the offices do it. The hub is SIGKILLed in the middle of applying a
batch (its releases written, its transaction not committed); after a restart, "Sinkron sekarang" on both nagari
brings the hub to exactly their releases, every batch applied once."""

from __future__ import annotations

import asyncio
import signal
import threading
import time

import asyncpg
import pytest

from bench.sinkron import Instalasi, daftarkan, hub_baru, titik_masuk
from tests.live import logged_in_client

NAGARI = {"13.07.05.2001": "1307052001", "13.07.05.2002": "1307052002"}


async def _tunggu_hub_tertahan(url: str, batas: float = 60) -> None:
    """Until the hub's apply waits on the row lock the test holds, its releases already written (uncommitted)."""
    koneksi = await asyncpg.connect(url)
    try:
        akhir = time.monotonic() + batas
        while time.monotonic() < akhir:
            tertahan = await koneksi.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> "
                "pg_backend_pid() AND wait_event_type = 'Lock' AND query ILIKE '%UPDATE%hub_node%' "
                "AND backend_xid IS NOT NULL")
            if tertahan:
                return
            await asyncio.sleep(0.02)
        raise AssertionError("the hub never reached the end of an apply")
    finally:
        await koneksi.close()


def _sinkron_sekarang(node: Instalasi) -> int:
    """The office presses "Sinkron sekarang" on the nagari's admin page."""
    klien = logged_in_client(node.url)
    try:
        klien.timeout = 60
        return klien.post("/admin/sinkron/kirim", headers={"x-csrftoken": klien.cookies["balai_csrf"]}).status_code
    finally:
        klien.close()


def _sama(node: Instalasi, hub: Instalasi, kode: str) -> None:
    """The hub holds exactly the nagari's newest releases and each of its batches once."""
    for _ in range(3):  # the nagari's server may publish on its schedule meanwhile: then sync once more
        di_node = node.langkah("ringkas")
        if not di_node["baru"]:
            break
        assert _sinkron_sekarang(node) in (200, 302, 303)
    di_hub = hub.langkah("isi", kode)
    assert di_node["belum"] == 0 and di_node["baru"] == 0, di_node
    assert di_hub["rilis"] == di_node["rilis"]
    assert di_hub["batch"] == list(range(1, di_node["seq"] + 1)) and di_hub["seq"] == di_node["seq"]


@pytest.mark.parametrize("balai_database_url", ["postgres"], indirect=True)
def test_a_hub_killed_mid_apply_then_restarted_ends_with_every_nagari_exactly_once(balai_database_url, tmp_path):
    extra = titik_masuk(tmp_path / "titik-masuk")
    hub = hub_baru(tmp_path / "hub", balai_database_url, extra)
    nodes = {}
    for kode, angka in NAGARI.items():
        node = Instalasi(tmp_path / angka, extra)
        node.cli("demo", "--no-serve", "--penduduk", "150", "--tanpa-surat", "--tanpa-data-terbuka")
        node.cli("plugins", "enable", "sinkron")
        node.langkah("terbit", angka)
        nodes[kode] = node
    a, b = nodes.values()
    try:
        hub.serve()
        for kode, node in nodes.items():
            daftarkan(node, hub, kode)
            node.serve("--tanpa-pekerja-latar")  # no scheduled send: the office's button decides when
        assert _sinkron_sekarang(b) in (200, 302, 303)  # the second nagari's backlog arrives whole
        _sama(b, hub, "13.07.05.2002")

        async def tahan_lalu_bunuh():
            """Hold nagari A's row at the hub so its first apply stops at its last statement, then SIGKILL."""
            koneksi = await asyncpg.connect(balai_database_url)
            try:
                transaksi = koneksi.transaction()
                await transaksi.start()
                await koneksi.execute("SELECT 1 FROM hub_node WHERE kode_wilayah = $1 FOR UPDATE", "13.07.05.2001")
                kirim = threading.Thread(target=_sinkron_sekarang, args=(a,))
                kirim.start()
                await _tunggu_hub_tertahan(balai_database_url)
                ditulis = await koneksi.fetchval("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                                 "current_database() AND backend_xid IS NOT NULL AND pid <> "
                                                 "pg_backend_pid()")
                assert ditulis >= 1  # the hub holds uncommitted writes of the batch
                hub.stop(signal.SIGKILL)
                await transaksi.rollback()
                await asyncio.to_thread(kirim.join, 60)
            finally:
                await koneksi.close()

        port = hub.port
        asyncio.run(tahan_lalu_bunuh())
        time.sleep(0.5)  # PostgreSQL notices the dropped connection and rolls the hub's transaction back
        mati = hub.langkah("isi", "13.07.05.2001")
        assert mati["batch"] == [] and mati["seq"] == 0 and mati["rilis"] == {}  # nothing half-applied
        assert a.langkah("ringkas")["belum"] > 0  # the nagari knows it was not acknowledged

        hub.serve(port=port)  # the same address the nagari enrolled with
        for node in (a, b):
            assert _sinkron_sekarang(node) in (200, 302, 303)
        _sama(a, hub, "13.07.05.2001")
        _sama(b, hub, "13.07.05.2002")
    finally:
        hub.stop(signal.SIGKILL)
        for node in nodes.values():
            node.stop()
