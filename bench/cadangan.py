"""Backup and restore figures: `balai backup` of the demo site (20,000 residents, plus the letters and resident
requests the other benchmarks made) and `balai restore` of that file into an empty installation.

Each figure is the whole command as the operator waits for it (process start included); the command's own
"selesai dalam X detik" is kept beside it. A SQLite run also restores into a throw-away PostgreSQL database
when one is reachable: the documented way to move up.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from bench.database import PostgresDatabase
from bench.report import Figure
from bench.server import DemoSite

PASSPHRASE = "sandi-bench-cadangan"


class BackupBenchError(RuntimeError):
    pass


def _timed(site: DemoSite, *args: str, env: dict | None = None) -> tuple[float, float, str]:
    began = time.perf_counter()
    done = subprocess.run([site.balai, *args], env={**site.env(), **(env or {})}, capture_output=True, text=True,
                          timeout=900)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise BackupBenchError(f"`balai {' '.join(args)}` exited with {done.returncode}:\n{done.stderr[-2000:]}")
    own = re.search(r"selesai dalam ([\d.]+) detik", done.stdout)
    return elapsed, float(own.group(1)) if own else elapsed, done.stdout


def _figures(database: str) -> dict[str, Figure]:
    return {
        "cadangan_s": Figure("cadangan_s", "backup, 20,000 residents with letters (balai backup)", "s", False,
                             target=10),
        "cadangan_sandi_s": Figure("cadangan_sandi_s", "backup, encrypted (--encrypt)", "s", False, target=10),
        "pulih_s": Figure("pulih_s", f"restore into an empty {database} installation", "s", False, target=10),
        "pulih_pg_s": Figure("pulih_pg_s", "restore the SQLite backup into PostgreSQL (moving up)", "s", False,
                             target=None),
    }


def _restore(site: DemoSite, backup: Path, fig: Figure, runs: int, database_url_factory, progress) -> None:
    for _ in range(runs):
        with database_url_factory() as url:
            target = DemoSite(url)
            try:
                seconds, own, out = _timed(target, "restore", str(backup))
            finally:
                target.remove()
        fig.samples.append(seconds)
        fig.details.setdefault("command_own_seconds", []).append(own)
        progress(f"{fig.label}: {seconds:.2f} s")


class _NoDatabase:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def measure(site: DemoSite, runs: int, progress) -> list[Figure]:
    database = "postgres" if site.database_url else "sqlite"
    figs = _figures(database)
    scratch = Path(tempfile.mkdtemp(prefix="balai-bench-cadangan-"))
    try:
        plain, sealed = scratch / "polos.balai", scratch / "sandi.balai"
        for _ in range(runs):
            seconds, own, out = _timed(site, "backup", str(plain))
            figs["cadangan_s"].samples.append(seconds)
            figs["cadangan_s"].details.setdefault("command_own_seconds", []).append(own)
            seconds, own, _ = _timed(site, "backup", str(sealed), "--encrypt", env={"BALAI_SANDI_CADANGAN": PASSPHRASE})
            figs["cadangan_sandi_s"].samples.append(seconds)
            figs["cadangan_sandi_s"].details.setdefault("command_own_seconds", []).append(own)
        figs["cadangan_s"].details.update(file_mib=round(plain.stat().st_size / 2**20, 2), database=database,
                                          summary=out.strip().splitlines()[0])
        progress(f"backup: {figs['cadangan_s'].value:.2f} s, {plain.stat().st_size / 2**20:.1f} MiB")
        same_engine = PostgresDatabase if site.database_url else _NoDatabase
        _restore(site, plain, figs["pulih_s"], runs, lambda: _url(same_engine()), progress)
        if not site.database_url:
            try:
                _restore(site, plain, figs["pulih_pg_s"], runs, lambda: _url(PostgresDatabase()), progress)
            except OSError as exc:  # no PostgreSQL here: reported as not measured
                figs["pulih_pg_s"].error = f"PostgreSQL not reachable: {exc}"
        else:
            figs.pop("pulih_pg_s")
    except Exception as exc:  # noqa: BLE001 - a failure becomes an ERROR row; the rest of the suite goes on
        for fig in figs.values():
            if not fig.samples and fig.error is None:
                fig.error = f"{type(exc).__name__}: {exc}"
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return list(figs.values())


class _url:
    """Enter a database context and yield its URL (None for the embedded SQLite of a new data folder)."""

    def __init__(self, database):
        self.database = database

    def __enter__(self):
        entered = self.database.__enter__()
        return entered.url if entered is not None else None

    def __exit__(self, *exc):
        return self.database.__exit__(*exc)
