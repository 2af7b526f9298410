"""A throw-away demo site in a temporary data folder, and a real `balai serve` process on it."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from importlib.metadata import entry_points
from pathlib import Path

HOST = "127.0.0.1"


class ServerStartError(RuntimeError):
    """The server (or the demo site it needs) could not be brought up."""


def balai_executable() -> str:
    beside = Path(sys.executable).with_name("balai")
    found = str(beside) if beside.exists() else shutil.which("balai")
    if not found:
        raise ServerStartError("the `balai` command was not found next to this Python or on PATH")
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def builtin_plugins() -> list[str]:
    """Plugins that ship inside the balai distribution itself (not third-party ones)."""
    names = set()
    for ep in entry_points(group="balai.plugins"):
        if ep.dist is not None and ep.dist.name.lower() == "balai":
            names.add(ep.name)
    return sorted(names)


class DemoSite:
    """A temporary data folder holding the demo nagari, migrated, with every built-in plugin enabled."""

    def __init__(self, database_url: str | None = None) -> None:
        self.data_dir = Path(tempfile.mkdtemp(prefix="balai-bench-"))
        self.balai = balai_executable()
        self.database_url = database_url  # None: the embedded SQLite file in the data folder

    def env(self, **extra: str) -> dict[str, str]:
        # Ignore the caller's BALAI_* settings: the benchmark always runs on its own SQLite file.
        env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
        env["BALAI_DATA_DIR"] = str(self.data_dir)
        if self.database_url:
            env["BALAI_DATABASE_URL"] = self.database_url
        env.update(extra)
        return env

    def cli(self, *args: str) -> str:
        try:
            done = subprocess.run([self.balai, *args], env=self.env(), capture_output=True, text=True, timeout=300)
        except subprocess.TimeoutExpired as exc:
            raise ServerStartError(f"`balai {' '.join(args)}` took longer than {exc.timeout} s") from None
        if done.returncode != 0:
            raise ServerStartError(f"`balai {' '.join(args)}` failed:\n{done.stderr or done.stdout}")
        return done.stdout

    def build(self, residents: int = 20000) -> float:
        """Create the demo nagari with `residents` people (BENCHMARKS.md measures at 20,000); return seconds."""
        began = time.perf_counter()
        self.cli("demo", "--no-serve", "--penduduk", str(residents))
        elapsed = time.perf_counter() - began
        for name in builtin_plugins():
            self.cli("plugins", "enable", name)  # a no-op when it is already on, as it should be
        self.cli("migrate")
        # The daily backup would catch up at once in the server's worker and load the machine mid-measurement;
        # the backup figures run it on purpose, after the pages.
        self.cli("jadwal-cadangan", "--mati")
        return elapsed

    def remove(self) -> None:
        shutil.rmtree(self.data_dir, ignore_errors=True)


def process_group_cpu(pgid: int) -> float:
    """CPU seconds (user + system) used so far by every live process in a process group."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # fields[2] is pgrp; utime and stime follow at 11 and 12
            total += int(fields[11]) + int(fields[12])
    return total / tick


class Server:
    """`balai serve --workers 1` in its own process group; stop() always takes the whole group down."""

    def __init__(self, site: DemoSite, workers: int = 1, env: dict[str, str] | None = None) -> None:
        self.site = site
        self.workers = workers
        self.extra_env = env or {}
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.process: subprocess.Popen | None = None
        self.log_path = site.data_dir / f"server-{self.port}.log"
        self.health: dict = {}

    def start(self, timeout: float = 60.0, poll: float = 0.005) -> float:
        """Spawn the server; return seconds from spawning until GET /health first answered 200."""
        env = self.site.env(BALAI_HOST=HOST, BALAI_PORT=str(self.port), BALAI_PUBLIC_URL=self.url, **self.extra_env)
        log = open(self.log_path, "wb")
        began = time.perf_counter()
        self.process = subprocess.Popen([self.site.balai, "serve", "--workers", str(self.workers)], env=env,
                                        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        deadline = began + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise ServerStartError(f"`balai serve` exited with {self.process.returncode}:\n{self.log_tail()}")
            status, body = self._health()
            if status == 200:
                elapsed = time.perf_counter() - began
                self.health = json.loads(body)
                return elapsed
            time.sleep(poll)
        self.stop()
        raise ServerStartError(f"GET /health did not answer 200 within {timeout:.0f} s:\n{self.log_tail()}")

    def _health(self) -> tuple[int, bytes]:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=2)
        try:
            conn.request("GET", "/health")
            response = conn.getresponse()
            return response.status, response.read()
        except OSError:
            return 0, b""
        finally:
            conn.close()

    def cpu_seconds(self) -> float:
        return process_group_cpu(self.process.pid) if self.process else 0.0

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=10)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            pass
        try:  # whatever is left of the group (a hung server, stray children) goes now
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass

    def __enter__(self) -> "Server":
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
