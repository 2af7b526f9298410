"""Import and export figures: OpenSID's resident workbook in, the register out, through the `balai` CLI.

Each import run gets its own empty data folder (and, on PostgreSQL, its own throw-away database), so the demo
site is never touched. The exports then read the register the last import run loaded.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

from bench.database import PostgresDatabase
from bench.report import Figure
from bench.server import DemoSite

RESIDENTS = 20000
TIMEOUT_S = 900

# Runs one command in a fresh interpreter and reports its wall time and peak RSS. RUSAGE_CHILDREN is the maximum
# over every child a process has waited for, so it only means "this command" in a process that waits for nothing
# else. The helper's own memory is not part of it.
_HELPER = r"""
import json, resource, subprocess, sys, time
timeout, command = float(sys.argv[1]), sys.argv[2:]
began = time.perf_counter()
try:
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    code, out, err = done.returncode, done.stdout, done.stderr
except subprocess.TimeoutExpired:
    code, out, err = None, "", f"took longer than {timeout:.0f} s"
elapsed = time.perf_counter() - began
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
json.dump({"seconds": elapsed, "peak": peak, "code": code, "stdout": out[-3000:], "stderr": err[-3000:]}, sys.stdout)
"""


class ImportBenchError(RuntimeError):
    pass


def _run(site: DemoSite, *args: str) -> dict:
    """`balai ARGS` on the site's data folder: seconds, peak MiB and output; raises when the command failed."""
    try:
        done = subprocess.run([sys.executable, "-c", _HELPER, str(TIMEOUT_S), site.balai, *args], env=site.env(),
                              capture_output=True, text=True, timeout=TIMEOUT_S + 60)
        result = json.loads(done.stdout)
    except (subprocess.TimeoutExpired, ValueError) as exc:
        raise ImportBenchError(f"the measuring helper for `balai {' '.join(args)}` failed: {exc}") from None
    if result["code"] != 0:
        tail = (result["stderr"] or result["stdout"]).strip()
        raise ImportBenchError(f"`balai {' '.join(args)}` exited with {result['code']}:\n{tail}")
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    result["peak_mib"] = result["peak"] / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return result


@contextmanager
def _workspace(database_url: str | None):
    """An empty, migrated data folder; on PostgreSQL also a database of its own. Removed afterwards."""
    # The run's own database is left alone; a new one is made on the same server (BALAI_BENCH_POSTGRES).
    with PostgresDatabase() if database_url else nullcontext() as database:
        site = DemoSite(database.url if database else None)
        try:
            site.cli("migrate")
            yield site
        finally:
            site.remove()


def _figures() -> dict[str, Figure]:
    n = f"{RESIDENTS:,}"
    return {
        "impor_s": Figure("impor_s", f"import {n} residents, OpenSID xlsx (dry run + commit)", "s", False,
                          target=10, opensid=145),
        "impor_mib": Figure("impor_mib", f"import {n} residents: peak memory", "MiB", False, target=500,
                            opensid_text="> 512 MiB (fails at its recommended limit)"),
        "ekspor_xlsx_s": Figure("ekspor_xlsx_s", f"export {n} residents, OpenSID xlsx", "s", False, target=4,
                                opensid=4.42),
        "ekspor_csv_s": Figure("ekspor_csv_s", f"export {n} residents, OpenSID CSV", "s", False, target=1),
    }


def _workbook(folder: Path, progress) -> tuple[Path, dict]:
    from plugins.impor.contoh import rows, write_xlsx

    began = time.perf_counter()
    path = write_xlsx(folder / f"penduduk-{RESIDENTS}.xlsx", rows(RESIDENTS, seed=3))
    info = {"residents": RESIDENTS, "workbook_mib": round(path.stat().st_size / 2**20, 2),
            "workbook_build_s": round(time.perf_counter() - began, 2),
            "workbook": f"plugins.impor.contoh.rows({RESIDENTS}, seed=3), written by write_xlsx"}
    progress(f"import: wrote a {RESIDENTS:,}-resident OpenSID workbook in {info['workbook_build_s']:.1f} s")
    return path, info


def _job_seconds(output: str) -> float:
    """The jobs' own run time, as the command reports each ("... selesai dalam 4.81 detik.")."""
    found = [float(x) for x in re.findall(r"selesai dalam ([\d.]+) detik", output)]
    if not found:
        raise ImportBenchError(f"the command did not report its jobs' time:\n{output.strip()}")
    return sum(found)


def _check_count(output: str, pattern: str, what: str) -> None:
    found = re.search(pattern, output)
    if not found or int(found.group(1)) != RESIDENTS:
        raise ImportBenchError(f"{what}: expected {RESIDENTS} residents, the command said:\n{output.strip()}")


def _import_once(site: DemoSite, workbook: Path, figs: dict[str, Figure], progress) -> None:
    result = _run(site, "impor", "penduduk", str(workbook), "--commit")
    _check_count(result["stdout"], r"Diterapkan: (\d+) penduduk baru", "import")
    # The figure is the work itself (the dry run's job plus the apply's), as the worker does it behind the
    # browser; the whole command, with Python's and Balai's start-up, is kept beside it.
    figs["impor_s"].samples.append(_job_seconds(result["stdout"]))
    figs["impor_s"].details.setdefault("command_seconds", []).append(round(result["seconds"], 2))
    figs["impor_mib"].samples.append(result["peak_mib"])
    figs["impor_s"].details["output"] = [line for line in result["stdout"].splitlines()
                                         if re.match(r"\d+ baris:|Diterapkan:", line)]
    progress(f"import: {result['seconds']:.2f} s, peak {result['peak_mib']:.0f} MiB")


def _exports(site: DemoSite, runs: int, figs: dict[str, Figure], progress) -> None:
    starts = [_run(site, "--version")["seconds"] for _ in range(runs)]
    process_start = round(statistics.median(starts), 3)
    figs["impor_s"].details["process_start_s"] = process_start
    for key, fmt in (("ekspor_xlsx_s", "opensid-xlsx"), ("ekspor_csv_s", "opensid-csv")):
        fig, peaks = figs[key], []
        target = site.data_dir / f"bench-ekspor.{fmt}"
        for _ in range(runs):
            result = _run(site, "ekspor", "penduduk", str(target), "--format", fmt)
            _check_count(result["stdout"], r"(\d+) penduduk ditulis", f"export {fmt}")
            fig.samples.append(_job_seconds(result["stdout"]))
            fig.details.setdefault("command_seconds", []).append(round(result["seconds"], 2))
            peaks.append(round(result["peak_mib"], 1))
        fig.details.update(format=fmt, command=f"balai ekspor penduduk OUT --format {fmt}",
                           process_start_s=process_start, file_mib=round(target.stat().st_size / 2**20, 2),
                           peak_mib=peaks)
        progress(f"export {fmt}: median {fig.value:.2f} s of work (the command adds a start of ~{process_start:.2f} s)")


def measure(database_url: str | None, import_runs: int, export_runs: int, progress) -> list[Figure]:
    """Import the workbook `import_runs` times, each into an empty site, then export the last one `export_runs` times."""
    figs = _figures()
    database = "postgres" if database_url else "sqlite"
    scratch = Path(tempfile.mkdtemp(prefix="balai-bench-impor-"))
    stage = "import"
    try:
        workbook, info = _workbook(scratch, progress)
        figs["impor_s"].details.update(info, database=database, command="balai impor penduduk FILE --commit",
                                       timed="the two jobs (dry run, apply) as the command reports them; the whole command is in command_seconds")
        figs["impor_mib"].details.update(
            database=database, measured="peak RSS of the `balai impor` process (ru_maxrss, RUSAGE_CHILDREN of a "
                                        "fresh helper process that runs only this command)")
        for run in range(import_runs):
            with _workspace(database_url) as site:
                stage = "import"
                _import_once(site, workbook, figs, progress)
                if run == import_runs - 1:
                    stage = "export"
                    _exports(site, export_runs, figs, progress)
    except Exception as exc:  # noqa: BLE001 - any failure becomes an ERROR row, the rest of the suite goes on
        message = f"{type(exc).__name__}: {exc}"
        for key, fig in figs.items():
            if key.startswith("impor"):
                if stage == "import":
                    fig.error = message
            elif stage == "import":
                fig.error = "not measured: the import failed"
            elif len(fig.samples) < export_runs:
                fig.error = message
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return list(figs.values())
