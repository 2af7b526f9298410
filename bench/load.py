"""Throughput: drive one URL with N keep-alive connections from a separate process (wrk, or Python's fallback)."""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.client import BenchError

# wrk only counts >= 400 as errors; a redirect to the login page would pass silently, so count non-2xx here.
WRK_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) non2xx = 0 end
function response(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + (t:get("non2xx") or 0) end
  local e = summary.errors
  io.write(string.format("BENCH requests=%d duration_us=%d non2xx=%d sock_errors=%d p50_us=%d p99_us=%d\\n",
    summary.requests, summary.duration, bad, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass
class LoadResult:
    generator: str
    requests: int
    seconds: float
    non2xx: int
    socket_errors: int
    p50_ms: float
    p99_ms: float
    client_cpu_pct: float = 0.0
    server_cpu_pct: float = 0.0
    other_cpu_pct: float = 0.0     # CPU used meanwhile by everything else on the machine: noise
    raw: dict = field(default_factory=dict)

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "rps": round(self.rps, 1)}


def find_wrk(install: bool = True) -> str | None:
    """wrk on PATH; when missing and running as root, try Debian's package once, quietly."""
    if found := shutil.which("wrk"):
        return found
    if install and os.geteuid() == 0 and shutil.which("apt-get"):
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "timeout": 600,
                 "env": {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}}
        try:
            if subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], **quiet).returncode != 0:
                subprocess.run(["apt-get", "update", "-q"], **quiet)
                subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], **quiet)
        except (OSError, subprocess.TimeoutExpired):
            pass
    return shutil.which("wrk")


def choose_generator(preference: str = "auto") -> tuple[str, str | None]:
    """('wrk', path) or ('python', None)."""
    if preference in ("auto", "wrk"):
        if wrk := find_wrk():
            return "wrk", wrk
        if preference == "wrk":
            raise BenchError("wrk was requested but is not installed (and could not be installed)")
    return "python", None


def _run_child(argv: list[str], timeout: float) -> tuple[str, float]:
    """Run the generator; return its stdout and the CPU seconds it used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise BenchError(f"{Path(argv[0]).name} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done.stdout, cpu


def run_wrk(wrk: str, url: str, headers: dict[str, str], connections: int, seconds: float) -> LoadResult:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    try:
        argv = [wrk, "-t", "1", "-c", str(connections), "-d", f"{max(1, round(seconds))}s", "--timeout", "5s",
                "-s", script.name]
        for name, value in headers.items():
            argv += ["-H", f"{name}: {value}"]
        out, cpu = _run_child([*argv, url], timeout=seconds + 60)
    finally:
        os.unlink(script.name)
    match = re.search(r"^BENCH (.*)$", out, re.MULTILINE)
    if not match:
        raise BenchError(f"could not read wrk's output:\n{out}")
    values = {k: int(v) for k, v in (pair.split("=") for pair in match.group(1).split())}
    # wrk's own summary line, kept as a cross-check in the JSON
    rps_line = re.search(r"Requests/sec:\s*([\d.]+)", out)
    non2xx_line = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", out)
    return LoadResult(
        generator="wrk", requests=values["requests"], seconds=values["duration_us"] / 1e6,
        non2xx=values["non2xx"], socket_errors=values["sock_errors"],
        p50_ms=values["p50_us"] / 1000, p99_ms=values["p99_us"] / 1000,
        client_cpu_pct=100 * cpu / (values["duration_us"] / 1e6 or 1),
        raw={"wrk_requests_per_sec": float(rps_line.group(1)) if rps_line else None,
             "wrk_non2xx_or_3xx": int(non2xx_line.group(1)) if non2xx_line else 0},
    )


def run_python(url: str, headers: dict[str, str], connections: int, seconds: float) -> LoadResult:
    argv = [sys.executable, "-m", "bench.pyload", "--url", url, "--connections", str(connections),
            "--seconds", str(seconds)]
    for name, value in headers.items():
        argv += ["--header", f"{name}: {value}"]
    out, cpu = _run_child(argv, timeout=seconds + 60)
    data = json.loads(out)
    return LoadResult(generator="python", requests=data["requests"], seconds=data["seconds"],
                      non2xx=data["non2xx"], socket_errors=data["socket_errors"], p50_ms=data["p50_ms"],
                      p99_ms=data["p99_ms"], client_cpu_pct=100 * cpu / (data["seconds"] or 1),
                      raw={"event_loop": data["event_loop"]})


def machine_busy_seconds() -> float:
    """CPU seconds all CPUs of this machine spent not idle since boot (from /proc/stat; 0 if unavailable)."""
    try:
        with open("/proc/stat") as handle:
            fields = [int(v) for v in handle.readline().split()[1:]]
    except (OSError, ValueError):
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    guest = sum(fields[8:10])  # already counted inside user/nice
    return (sum(fields) - idle - guest) / os.sysconf("SC_CLK_TCK")


def run_load(generator: tuple[str, str | None], url: str, headers: dict[str, str], connections: int,
             seconds: float, server_cpu=None) -> LoadResult:
    """One load run; `server_cpu` (a callable giving the server's CPU seconds) adds its CPU use to the result.

    CPU figures are in % of one core: the server's, the generator's, and everyone else's (noise)."""
    cpu_before, busy_before = (server_cpu() if server_cpu else 0.0), machine_busy_seconds()
    wall_before = time.perf_counter()
    kind, path = generator
    if kind == "wrk":
        result = run_wrk(path, url, headers, connections, seconds)
    else:
        result = run_python(url, headers, connections, seconds)
    wall = time.perf_counter() - wall_before
    if server_cpu:
        result.server_cpu_pct = 100 * (server_cpu() - cpu_before) / wall
    busy = 100 * (machine_busy_seconds() - busy_before) / wall
    client = result.client_cpu_pct * result.seconds / wall
    result.other_cpu_pct = max(0.0, busy - result.server_cpu_pct - client)
    return result
