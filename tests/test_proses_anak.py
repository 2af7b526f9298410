"""Stopping `balai serve` or `balai worker`, by any signal, leaves no process behind (worker, renderers, web workers)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.live import LiveServer, balai_cli, logged_in_client


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            tree.setdefault(int(fields[1]), []).append(int(entry))
    return tree


def descendants(pid: int) -> set[int]:
    tree, found, todo = _children(), set(), [pid]
    while todo:
        for child in tree.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def alive(pids) -> set[int]:
    left = set()
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                if stat.read().rsplit(")", 1)[1].split()[0] != "Z":
                    left.add(pid)
        except OSError:
            pass
    return left


def wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while not (result := condition()):
        assert time.monotonic() < deadline, what
        time.sleep(0.1)
    return result


def command_of(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def spawned(pids) -> set[int]:
    """Processes started by multiprocessing's spawn: uvicorn's web workers and the PDF renderers."""
    return {pid for pid in pids if "spawn_main" in command_of(pid)}


def gone_within(pids: set[int], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while left := alive(pids):
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: still running: " + "; ".join(f"{p} {command_of(p)}" for p in left))
        time.sleep(0.1)


def kill_all(group: int, pids) -> None:
    """Clean up after a failing test: the session of the server and anything that was seen in it."""
    try:
        os.killpg(group, signal.SIGKILL)
    except ProcessLookupError:
        pass
    for pid in alive(pids):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("anak")
    balai_cli(path, "demo", "--no-serve", "--penduduk", "30")
    balai_cli(path, "jadwal-cadangan", "--mati")
    return path


def warm_renderers(server: LiveServer, web_pids: set[int]) -> set[int]:
    """Open the letter-type editor (it starts the PDF renderers) and wait until they run."""
    client = logged_in_client(server.url)
    kode = re.search(r'href="/admin/surat/jenis/([a-z0-9_]+)"', client.get("/admin/surat/jenis").text).group(1)
    for _ in range(6):  # a fresh connection each time, so that every web worker gets one
        assert client.get(f"/admin/surat/jenis/{kode}", headers={"connection": "close"}).status_code == 200

    def started():
        found = spawned(descendants(server.process.pid)) - web_pids
        return found if len(found) >= 2 else None

    return wait_for(started, 60, "the PDF renderers did not start")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_stopping_serve_stops_every_child(data_dir, signum):
    server = LiveServer(data_dir)
    seen: set[int] = set()
    try:
        seen = descendants(server.process.pid)
        warm_renderers(server, {server.process.pid})
        seen = descendants(server.process.pid)
        assert any("core.cli.main worker" in command_of(pid) for pid in seen), seen
        os.kill(server.process.pid, signum)  # the server only, as `kill` or systemd would
        server.process.wait(timeout=40)
        gone_within(seen, 10, f"after {signum.name} to balai serve")
    finally:
        kill_all(server.process.pid, seen)


def test_serve_with_several_workers_stops_every_child_and_a_reload_leaves_no_renderer(data_dir):
    server = LiveServer(data_dir, workers=2)
    seen: set[int] = set()
    try:
        tree = _children()
        web = spawned(tree.get(server.process.pid, []))
        assert len(web) == 2, [command_of(pid) for pid in tree.get(server.process.pid, [])]
        old = warm_renderers(server, web)
        os.kill(server.process.pid, signal.SIGHUP)  # uvicorn replaces its web workers one by one
        gone_within(web | old, 60, "the old web workers and their PDF renderers after SIGHUP")
        seen = descendants(server.process.pid)
        os.kill(server.process.pid, signal.SIGTERM)
        server.process.wait(timeout=40)
        gone_within(seen, 10, "after SIGTERM to balai serve --workers 2")
    finally:
        kill_all(server.process.pid, seen)


def test_a_killed_server_takes_its_children_along(data_dir):
    server = LiveServer(data_dir, workers=2)
    seen: set[int] = set()
    try:
        web = spawned(_children().get(server.process.pid, []))
        warm_renderers(server, web)
        seen = descendants(server.process.pid)
        os.kill(server.process.pid, signal.SIGKILL)  # no handler runs: the children notice on their own
        server.process.wait(timeout=10)
        gone_within(seen, 15, "after SIGKILL to balai serve")
    finally:
        kill_all(server.process.pid, seen)


ROOT = Path(__file__).resolve().parents[1]

# `balai worker` as it would run after rendering a document: its own pool of PDF renderers is up.
WORKER = ("import sys; from core.dokumen.pdf import renderer; renderer().warm(); "
          "from core.cli.main import main; sys.argv = ['balai', 'worker']; main()")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_stopping_the_worker_stops_its_children_and_it_does_not_restart_itself(data_dir, signum):
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
    env["BALAI_DATA_DIR"] = str(data_dir)
    process = subprocess.Popen([sys.executable, "-c", WORKER], env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    seen: set[int] = set()
    try:
        wait_for(lambda: spawned(descendants(process.pid)), 60, "the worker's renderers did not start")
        time.sleep(1)  # the consumer is up and has its signal handlers
        seen = descendants(process.pid)
        process.send_signal(signum)
        process.wait(timeout=20)  # SIGHUP used to make huey exec itself again: the same pid kept running
        gone_within(seen, 10, f"after {signum.name} to balai worker")
    finally:
        kill_all(process.pid, seen)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_stop_signal_while_the_worker_boots_ends_it_once_booted(data_dir, signum):
    # Ctrl+C used to raise inside booting, leaving a database thread open: the process then never exited.
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
    env["BALAI_DATA_DIR"] = str(data_dir)
    process = subprocess.Popen([sys.executable, "-m", "core.cli.main", "worker"], env=env, start_new_session=True,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT, text=True)
    try:
        assert "Pekerja latar berjalan" in process.stdout.readline()  # printed just before it boots
        process.send_signal(signum)
        assert process.wait(timeout=30) in (0, -signum)
    finally:
        kill_all(process.pid, descendants(process.pid))
