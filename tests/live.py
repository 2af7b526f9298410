"""A real `balai serve` process on 127.0.0.1 for tests that need one (workers, browser)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

BALAI = str(Path(sys.executable).with_name("balai"))
DEMO_LOGIN = ("admin", "demo-balai")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def balai_cli(data_dir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
    env["BALAI_DATA_DIR"] = str(data_dir)
    result = subprocess.run([BALAI, *args], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 or not check, result.stderr
    return result


class LiveServer:
    def __init__(self, data_dir: Path, workers: int = 1):
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
        env.update(BALAI_DATA_DIR=str(data_dir), BALAI_PORT=str(self.port), BALAI_PUBLIC_URL=self.url)
        # The server's log goes to a file: a pipe nobody reads fills up after a few hundred requests and then
        # blocks the server in the middle of a test.
        self.log = Path(data_dir) / "server.log"
        with self.log.open("ab") as log:
            self.process = subprocess.Popen([BALAI, "serve", "--workers", str(workers)], env=env,
                                            stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(self.log.read_text(errors="replace"))
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("server tidak menjawab dalam 30 detik")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def logged_in_client(url: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=10)
    client.get("/masuk")
    response = client.post("/masuk", data={"username": DEMO_LOGIN[0], "password": DEMO_LOGIN[1]},
                           headers={"x-csrftoken": client.cookies["balai_csrf"]})
    assert response.status_code in (302, 303), response.text
    return client


def sigkill_when(command: list[str], env: dict, ready, what: str) -> None:
    """Start `command`, SIGKILL it as soon as `ready()` holds, and give PostgreSQL time to roll back.

    Fails when the command ends first (with its error output) or never gets there within two minutes.
    """
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not ready():
        assert process.poll() is None, process.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline, f"{what} never started"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    time.sleep(0.5)  # PostgreSQL notices the dropped connection and rolls back


def uncommitted_writes(database_url: str, wal_bytes: int, tables: tuple[str, ...] = ()) -> bool:
    """True once another process holds writes it has not committed: SQLite's WAL has grown past `wal_bytes`, or a
    PostgreSQL connection has a transaction id (and, with `tables`, a statement naming one of them)."""
    if database_url.startswith("sqlite"):
        wal = database_url.removeprefix("sqlite:///") + "-wal"
        return os.path.exists(wal) and os.path.getsize(wal) > wal_bytes
    named = " OR ".join(f"query ILIKE '%{t}%'" for t in tables)
    query = ("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
             "AND backend_xid IS NOT NULL" + (f" AND ({named})" if named else ""))
    out = subprocess.run(["psql", database_url, "-Atc", query], capture_output=True, text=True)
    return out.stdout.strip() not in ("", "0")
