"""`python -m bench --preset` (issue 29): applying a 5,000-resident preset to a new installation, and applying it
again to reset the training room, on SQLite and PostgreSQL (quick: SQLite only).

Each figure is the wall time of `balai preset apply NAME` as a trainer types it (a fresh process: boot, checks,
emptying, migrations, the kernel's sections, every plugin's section). The steps the command prints are kept in the
figure's details, so the JSON says where the time goes.
"""

from __future__ import annotations

import re
import resource
import time

from bench.database import PostgresDatabase
from bench.report import Figure
from bench.server import DemoSite, ServerStartError

RESIDENTS = 5000
TARGET_S = 30
STEP = re.compile(r"^\s+(.+): ([0-9.]+) detik$")


def _presets(site: DemoSite) -> list[str]:
    """The demo preset, and the pilot preset when its package is installed."""
    listed = site.cli("preset", "list")
    return [name for name in ("demo", "nagari-percontohan") if re.search(rf"^{re.escape(name)}\s", listed, re.M)]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _apply(site: DemoSite, name: str) -> tuple[float, dict[str, float]]:
    """Wall seconds, and the steps the command printed plus its CPU seconds (on a busy machine the wall time
    mostly waits for a core: the CPU time says what the apply itself costs)."""
    began, cpu = time.perf_counter(), _cpu()
    # --ya: the re-apply empties the training room without asking, as a trainer confirms it
    out = site.cli("preset", "apply", name, "--penduduk", str(RESIDENTS), "--ya")
    elapsed = time.perf_counter() - began
    steps = {m.group(1): float(m.group(2)) for line in out.splitlines() if (m := STEP.match(line))}
    steps["cpu (proses balai)"] = round(_cpu() - cpu, 2)
    return elapsed, steps


def _measure_one(name: str, engine: str, database_url: str | None, runs: int, progress) -> list[Figure]:
    first = Figure(f"preset_{name}_{engine}_s", f"preset {name}, {RESIDENTS:,} residents, new installation "
                   f"({engine})", "s", False, target=TARGET_S)
    again = Figure(f"preset_{name}_ulang_{engine}_s", f"preset {name} applied again: the room reset ({engine})",
                   "s", False, target=TARGET_S)
    site = DemoSite(database_url)
    try:
        progress(f"preset {name} on a new {engine} installation in {site.data_dir}")
        seconds, steps = _apply(site, name)
        first.samples.append(seconds)
        first.details = {"steps_s": steps}
        for i in range(runs):
            progress(f"preset {name} applied again ({i + 1}/{runs}, {engine})")
            seconds, steps = _apply(site, name)
            again.samples.append(seconds)
            again.details.setdefault("steps_s", []).append(steps)
    except ServerStartError as exc:
        for figure in (first, again):
            if not figure.samples:
                figure.error = str(exc)[:500]
    finally:
        site.remove()
    return [first, again]


def measure(quick: bool, progress) -> list[Figure]:
    runs = 1 if quick else 3
    probe = DemoSite()
    try:
        names = _presets(probe)
    finally:
        probe.remove()
    figures = []
    for name in names:
        figures += _measure_one(name, "sqlite", None, runs, progress)
        if not quick:
            with PostgresDatabase() as database:
                figures += _measure_one(name, "postgres", database.url, runs, progress)
    return figures
