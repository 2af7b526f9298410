"""The hub's open data follows the nagari on its own (issue 27): a batch applied at the hub, then the hub's scheduled
check and the job it starts publish the changed month again, so a kabupaten portal harvesting the hub's CKAN API
sees the new total as a new version without anyone pressing "Terbitkan sekarang"; when nothing arrived, no job
and no new version. PostgreSQL only, as every hub test."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from core.tugas import jadwal
from plugin_sdk.jobs import run_pending
from plugin_sdk.testing import run_sync
from plugins.satu_data import katalog
from plugins.satu_data.pilihan import atur
from plugins.sinkron.hub import terbit_ulang
from plugins.sinkron.hub.terima import terima
from plugins.sinkron.protokol import ke_kolom
from tests.test_sinkron_dasbor import (AGAMA, KOLOM_ORANG, LAIN, TARAM, balai_app, balai_entry_points,  # noqa: F401
                                       balai_plugins, baris_orang, hub)
from tests.test_sinkron_hub import Node, terdaftar

DATASET_HUB = f"kabupaten-{AGAMA}"


def rilis(kode: str, islam_p: int, versi: int) -> dict:
    rows = [dict(zip(KOLOM_ORANG, b)) for b in baris_orang(kode, {("1", "L"): 100, ("1", "P"): islam_p})]
    return {"posisi": versi, "dataset": AGAMA, "periode": "2026-11", "versi": versi, "sementara": False,
            **ke_kolom(rows)}


def kabupaten(client) -> tuple[int, int]:
    """(version of November, the kabupaten's Islam L+P total) as a harvesting portal reads them (a second later:
    the server re-reads its catalogue at most once a second)."""
    katalog.lupakan()
    paket = client.get("/api/3/action/package_show", params={"id": DATASET_HUB}).json()["result"]
    versi = json.loads({e["key"]: e["value"] for e in paket["extras"]}["versi"])
    cari = client.get("/api/3/action/datastore_search", params={
        "resource_id": paket["resources"][0]["id"], "filters": json.dumps({
            "periode": "2026-11", "tingkat_daerah": "kabupaten", "kode": "1", "jenis_kelamin": "L+P"})}).json()
    [baris] = cari["result"]["records"]
    return versi["2026-11"], baris["jumlah"]


def jalankan(balai, saat: datetime) -> list[str]:
    """The worker's scheduler at `saat`, then the jobs it queued; the hub task's code if it ran and queued its job
    (only its own: the kernel's daily backup may fall due in the same span of the day)."""
    from core.tugas.tables import Tugas

    def antre() -> int:
        return run_sync(Tugas.count().where(Tugas.jenis == terbit_ulang.JOB).run)

    sebelum = antre()
    ran = [k for k in run_sync(jadwal.run_due(balai, saat)) if k == terbit_ulang.JADWAL]
    run_sync(run_pending(balai))
    return ran * (antre() > sebelum)


@pytest.fixture
def dua_nagari(hub, monkeypatch):
    monkeypatch.setenv("BALAI_ROLE", "hub")  # the worker reads its role from the settings
    monkeypatch.setenv("BALAI_DATABASE_URL", hub.settings.database_url)
    nodes = {kode: Node(kode) for kode in (TARAM, LAIN)}
    for node in nodes.values():
        terdaftar(node)
        assert run_sync(terima([node.bingkai(1, [rilis(node.kode, 110, 1)])], node.kode))["diakui"] == 1
    run_sync(atur({DATASET_HUB: (True, "bulanan")}, dikenal={DATASET_HUB}))
    return nodes


def test_a_batch_applied_at_the_hub_reaches_its_open_data_as_a_new_version(hub, dua_nagari, client):
    t = datetime.now(timezone.utc)
    assert jalankan(hub, t) == [terbit_ulang.JADWAL]  # the first run publishes what had arrived
    assert kabupaten(client) == (1, 420)

    assert run_sync(terima([dua_nagari[TARAM].bingkai(2, [rilis(TARAM, 111, 2)])], TARAM))["diakui"] == 2
    assert jalankan(hub, t + timedelta(minutes=3)) == [terbit_ulang.JADWAL]
    assert kabupaten(client) == (2, 421)
    # the next run looks back past its last one (a batch committed late): the same sums again, no new version
    assert jalankan(hub, t + timedelta(minutes=20)) == [terbit_ulang.JADWAL]
    assert kabupaten(client) == (2, 421)
    # nothing arrived since: the check finds nothing and starts no job
    assert jalankan(hub, t + timedelta(minutes=40)) == []
    assert kabupaten(client) == (2, 421)


def test_a_dataset_the_diskominfo_publishes_by_hand_waits_for_its_button(hub, dua_nagari, client):
    t = datetime.now(timezone.utc)
    jalankan(hub, t)
    run_sync(atur({DATASET_HUB: (True, "manual")}, dikenal={DATASET_HUB}))
    assert run_sync(terima([dua_nagari[TARAM].bingkai(2, [rilis(TARAM, 115, 2)])], TARAM))["diakui"] == 2
    jalankan(hub, t + timedelta(minutes=3))
    assert kabupaten(client) == (1, 420)

    run_sync(atur({DATASET_HUB: (True, "bulanan")}, dikenal={DATASET_HUB}))
    assert run_sync(terima([dua_nagari[LAIN].bingkai(2, [rilis(LAIN, 111, 2)])], LAIN))["diakui"] == 2
    assert jalankan(hub, t + timedelta(minutes=6)) == [terbit_ulang.JADWAL]
    assert kabupaten(client) == (2, 426)  # the month summed again over every nagari: Taram's 115 as well


def test_the_day_a_period_is_published_for():
    hari = datetime(2026, 12, 7).date()
    assert [terbit_ulang.tanggal_data(p, hari).isoformat() for p in ("2026-11", "2025-12", "2026-12", "2025",
                                                                      "2026")] == [
        "2026-11-30", "2025-12-31", "2026-12-07", "2025-12-31", "2026-12-07"]
