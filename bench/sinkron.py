"""The kabupaten sync (issue 27, plugin `sinkron`): a hub (`balai serve --role hub`, a throw-away PostgreSQL
database) and a demo nagari (SQLite) enrolled with it the way an office does it (one-time code, fingerprint).
Figures:

- applying batches at the hub: 79 nagari x 12 monthly batches (each the month's monthly datasets as the demo
  nagari publishes them, rewritten to that nagari's code and month and packed as its node packs them, plus an
  event summary), signed by each nagari's own key, applied by `terima` with one task per nagari, each sending
  its year as a node sends a backlog (up to ~1 MB of frames per upload): batches per second, target >= 200/s;
  the same with one batch per upload is in the details;
- the kabupaten dashboard (every dataset summed over the 79 nagari for one month) computed from nothing, target
  <= 500 ms (when the hub's dashboard module is in);
- a nagari's sync after 100 population events (50 deaths, 50 moving out, today): the new batch's size, target
  <= 20 KiB, and packing + sending it to the hub on loopback, target <= 1 s;
- the property test of tests/test_sinkron_sifat.py with many more examples than CI runs (no target: it passes or
  the figure is an error).

    python -m bench --sinkron            # 4 minutes on a quiet machine, about 10 on a busy one
                                         # (--quick: fewer residents and examples)
    python -m bench.sinkron_langkah CMD ...   # (internal, bench/sinkron_langkah.py) one step in the installation
                                              # of BALAI_DATA_DIR; prints JSON
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from importlib.metadata import entry_points
from pathlib import Path

from bench.database import PostgresDatabase
from bench.report import Figure
from bench.server import ServerStartError, balai_executable, free_port

ROOT = Path(__file__).resolve().parent.parent
NODES, MONTHS, EVENTS = 79, 12, 100


def titik_masuk(folder: Path) -> dict[str, str]:
    """Environment that makes a subprocess load `sinkron` while pyproject.toml does not register it yet: a
    distribution's metadata on PYTHONPATH naming the plugin's entry point (nothing when it is registered)."""
    if any(e.name == "sinkron" for e in entry_points(group="balai.plugins")):
        return {}
    dist = folder / "balai_sinkron_sementara-0.dist-info"
    dist.mkdir(parents=True, exist_ok=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: balai-sinkron-sementara\nVersion: 0\n")
    (dist / "entry_points.txt").write_text("[balai.plugins]\nsinkron = plugins.sinkron.plugin\n")
    return {"PYTHONPATH": os.pathsep.join(p for p in (str(folder), str(ROOT), os.environ.get("PYTHONPATH")) if p)}


class Instalasi:
    """One installation (data folder, database, role) driven from outside: CLI commands, internal steps, server."""

    def __init__(self, data_dir: Path, extra: dict[str, str]):
        self.data_dir = data_dir
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")}
        self.env.update(BALAI_DATA_DIR=str(data_dir), **extra)
        self.server: subprocess.Popen | None = None
        self.port = 0

    def cli(self, *args: str, timeout: int = 600) -> str:
        done = subprocess.run([balai_executable(), *args], env=self.env, capture_output=True, text=True,
                              timeout=timeout)
        if done.returncode != 0:
            raise ServerStartError(f"`balai {' '.join(args)}` failed:\n{(done.stderr or done.stdout)[-2000:]}")
        return done.stdout

    def langkah(self, *args: str) -> dict:
        done = subprocess.run([sys.executable, "-m", "bench.sinkron_langkah", *args], env=self.env, capture_output=True,
                              text=True, timeout=900, cwd=ROOT)
        if done.returncode != 0:
            raise ServerStartError(f"bench.sinkron_langkah {args[0]} failed:\n{done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def serve(self, *args: str, port: int = 0) -> None:
        """Start `balai serve` (on `port`, e.g. the same one again after a kill, or a free one)."""
        import httpx

        self.port = port or free_port()
        env = {**self.env, "BALAI_PORT": str(self.port), "BALAI_PUBLIC_URL": self.url}
        log = (self.data_dir / "server.log").open("ab")
        self.server = subprocess.Popen([balai_executable(), "serve", "--workers", "1", *args], env=env, stdout=log,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise ServerStartError((self.data_dir / "server.log").read_text(errors="replace")[-2000:])
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.2)
        raise ServerStartError("the hub did not answer within 60 s")

    def stop(self, signal_number: int = 15) -> None:
        if self.server is not None and self.server.poll() is None:
            os.killpg(self.server.pid, signal_number)
            self.server.wait(timeout=30)
        self.server = None


def hub_baru(folder: Path, database_url: str, extra: dict[str, str]) -> Instalasi:
    hub = Instalasi(folder, {**extra, "BALAI_DATABASE_URL": database_url, "BALAI_ROLE": "hub"})
    hub.cli("migrate")
    hub.cli("plugins", "enable", "sinkron")
    return hub


def daftarkan(node: Instalasi, hub: Instalasi, kode: str) -> None:
    """The office's enrolment: the kabupaten makes a one-time code, the nagari enrols with it, the kabupaten
    confirms the fingerprint the nagari reads out."""
    undangan = hub.langkah("undangan", kode)["kode"]
    sidik = node.langkah("daftar", hub.url, undangan)["sidik"]
    hub.langkah("konfirmasi", kode, sidik)


def measure(quick: bool, progress) -> list[Figure]:
    laju = Figure("sinkron_hub_batch_per_s", f"hub: {NODES} nagari x {MONTHS} monthly batches applied", "batch/s",
                  True, target=200)
    dasbor = Figure("sinkron_dasbor_ms", f"hub: kabupaten dashboard, every dataset over {NODES} nagari", "ms",
                    False, target=500)
    ukuran = Figure("sinkron_batch_kib", f"nagari: batch after {EVENTS} population events", "KiB", False, target=20)
    kirim = Figure("sinkron_kirim_s", f"nagari: pack and send after {EVENTS} events (loopback)", "s", False,
                   target=1)
    sifat = Figure("sinkron_sifat_s", "property test (lossy transport, hub dying mid-apply)", "s", False, None)
    figures = [laju, dasbor, ukuran, kirim, sifat]
    with tempfile.TemporaryDirectory(prefix="balai-bench-sinkron-") as tmp, PostgresDatabase() as database:
        try:
            _ukur(Path(tmp), database.url, quick, progress, laju, dasbor, ukuran, kirim)
        except (ServerStartError, OSError, subprocess.SubprocessError, ValueError) as exc:
            for fig in (laju, dasbor, ukuran, kirim):
                if not fig.samples:
                    fig.error = f"{type(exc).__name__}: {exc}"[:800]
    _sifat(sifat, 50 if quick else 300, progress)
    return figures


def _ukur(tmp: Path, database_url: str, quick: bool, progress, laju, dasbor, ukuran, kirim) -> None:
    extra = titik_masuk(tmp / "titik-masuk")
    progress("hub: migrating a PostgreSQL hub")
    hub = hub_baru(tmp / "hub", database_url, extra)
    node = Instalasi(tmp / "nagari", extra)
    penduduk = 500 if quick else 2000
    progress(f"nagari: building the demo with {penduduk} residents and its open data")
    node.cli("demo", "--no-serve", "--penduduk", str(penduduk), "--tanpa-surat")
    node.cli("plugins", "enable", "sinkron")
    node.langkah("contoh", str(tmp / "contoh.json"))
    try:
        hub.serve()
        progress("nagari: enrolling with the hub and sending its backlog")
        daftarkan(node, hub, node.langkah("kode")["kode"])
        awal = node.langkah("sinkron")
        if not awal["bersih"]:
            raise ServerStartError(f"the first sync did not finish: {awal}")
        progress(f"nagari: {EVENTS} population events, then one sync")
        for _ in range(3 if quick else 5):
            node.langkah("peristiwa", str(EVENTS // 5 if _ else EVENTS))
            hasil = node.langkah("sinkron")
            if not hasil["bersih"]:
                raise ServerStartError(f"a sync did not finish: {hasil}")
            if not _:
                ukuran.samples.append(hasil["byte"] / 1024)
                ukuran.details.update(frames=hasil["frames"], after=f"{EVENTS} events; later runs: {EVENTS // 5}")
            kirim.samples.append(hasil["detik"])
        kirim.details.update(backlog={"seconds": awal["detik"], "bytes": awal["byte"], "frames": awal["frames"]})
    finally:
        hub.stop()
    progress(f"hub: applying {NODES} x {MONTHS} batches")
    hasil = hub.langkah("terapkan", str(tmp / "contoh.json"), str(NODES), str(MONTHS))
    laju.samples.append(hasil["batch"] / hasil["detik"])
    laju.details.update({k: v for k, v in hasil.items() if not k.startswith("dasbor_")})
    if hasil.get("dasbor_ms"):
        dasbor.samples.extend(hasil["dasbor_ms"])
        dasbor.details.update(datasets=hasil["dataset"], periode=hasil["periode"], how="cache cleared each run",
                              cpu_ms=hasil.get("dasbor_cpu_ms"))
    else:
        dasbor.error = "the hub's dashboard (plugins/sinkron/hub/dasbor.py) is not there"


def _sifat(fig: Figure, contoh: int, progress) -> None:
    progress(f"property test with {contoh} examples")
    env = {**os.environ, "SINKRON_CONTOH": str(contoh)}
    began = time.perf_counter()
    # pytest's per-test limit (300 s) is for a hung test in CI; many examples on a busy machine take longer
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider",
                           f"--timeout={max(300, contoh * 10)}", "tests/test_sinkron_sifat.py"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=3600)
    fig.details.update(examples=contoh, outcome=done.stdout.strip().splitlines()[-1:] or [""])
    if done.returncode != 0:
        fig.error = done.stdout[-1500:]
        return
    fig.samples.append(time.perf_counter() - began)
