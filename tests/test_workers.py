"""Enabling and disabling reaches every worker of a running server, without a restart."""

import os
import signal
import time

import pytest

from tests.live import LiveServer, balai_cli, logged_in_client


@pytest.fixture
def server(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve")
    balai_cli(tmp_path, "plugins", "enable", "adat")
    live = LiveServer(tmp_path, workers=2)
    yield live
    live.stop()


def statuses(client, path, n=20):
    # A fresh connection per request, so requests spread over both workers.
    codes = set()
    for _ in range(n):
        response = client.get(path, headers={"connection": "close"})
        codes.add(response.status_code)
    return codes


def test_disable_from_cli_gives_404_in_every_worker_and_enable_brings_it_back(server):
    client = logged_in_client(server.url)
    assert statuses(client, "/admin/adat") == {200}
    balai_cli(server.data_dir, "plugins", "disable", "adat")
    assert statuses(client, "/admin/adat") == {404}
    assert 'href="/admin/adat"' not in client.get("/admin").text
    balai_cli(server.data_dir, "plugins", "enable", "adat")
    assert statuses(client, "/admin/adat") == {200}


@pytest.fixture
def one_worker(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve")
    live = LiveServer(tmp_path, workers=1)  # one worker: its start-up record is written before /health answers
    yield live
    live.stop()


def test_cli_says_a_plugin_installed_after_start_needs_a_restart(one_worker):
    import json
    import sqlite3

    from core.runtime import SERVED_KEY

    server = one_worker
    # As if `adat` had been pip-installed after the server started: the server's record lacks it.
    with sqlite3.connect(server.data_dir / "balai.sqlite") as db:
        db.execute("update balai_pengaturan set nilai = ? where kunci = ?", (json.dumps(["sistem"]), SERVED_KEY))
    listing = balai_cli(server.data_dir, "plugins", "list").stdout
    assert "Terpasang setelah server dimulai: adat" in listing and "dimulai ulang" in listing


def worker_pids(serve_pid: int) -> list[int]:
    """The `balai worker` children of the `balai serve` process."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat, open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
                command = cmdline.read().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if parent == serve_pid and "core.cli.main worker" in command:
            found.append(int(entry))
    return found


def test_a_killed_background_worker_is_started_again_and_runs_the_backup(tmp_path):
    balai_cli(tmp_path, "demo", "--no-serve", "--penduduk", "50")
    balai_cli(tmp_path, "jadwal-cadangan", "--mati")
    server = LiveServer(tmp_path)
    try:
        [first] = worker_pids(server.process.pid)
        os.kill(first, signal.SIGKILL)  # as the out-of-memory killer would
        deadline = time.monotonic() + 20
        # the killed worker may still be listed a moment (a zombie until `balai serve` reaps it): wait for a new one
        while not (again := [pid for pid in worker_pids(server.process.pid) if pid != first]):
            assert time.monotonic() < deadline, "the worker was not started again"
            time.sleep(0.2)
        assert again[0] != first
        client = logged_in_client(server.url)
        started = client.post("/admin/cadangan/buat", headers={"x-csrftoken": client.cookies["balai_csrf"]})
        job = started.headers["location"]
        deadline = time.monotonic() + 60
        while (state := client.get(job + "/status").json())["status"] != "selesai":
            assert state["status"] in ("antri", "berjalan") and time.monotonic() < deadline, state
            time.sleep(0.2)
        assert list((tmp_path / "cadangan").glob("cadangan-*.balai"))
    finally:
        server.stop()
    deadline = time.monotonic() + 10
    while os.path.exists(f"/proc/{again[0]}"):  # stopping the server ends the worker, and it is not restarted
        assert time.monotonic() < deadline, "the worker outlived the server"
        time.sleep(0.2)
