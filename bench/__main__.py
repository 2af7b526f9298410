"""`python -m bench [--quick] [--json PATH] [--generator auto|wrk|python]`: measure Balai, compare with OpenSID."""

from __future__ import annotations

import argparse
import os
import platform
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from bench import (beban, buku, cadangan, cases, gangguan, identity, impor, keuangan, mandiri, portal, preset,
                   register, satu_data, sensor_lp, sinkron, statistik, surat)
from bench.load import choose_generator
from bench.report import Figure, table, write_json
from bench.database import PostgresDatabase
from bench.server import DemoSite, Server, ServerStartError

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"
FULL = {"crowd_seconds": 120, "start_runs": 5, "batches": 3, "per_batch": 10, "load_runs": 3, "load_seconds": 10, "warmup_seconds": 3,
        "import_runs": 2, "export_runs": 3, "backup_runs": 2, "compute_runs": 7}
QUICK = {"crowd_seconds": 10, "start_runs": 2, "batches": 1, "per_batch": 10, "load_runs": 1, "load_seconds": 3, "warmup_seconds": 1,
         "import_runs": 1, "export_runs": 1, "backup_runs": 1, "compute_runs": 3}
NOISY_CPU_PCT = 25  # other processes using more than this share of a core during a load run make it noisy


def progress(text: str) -> None:
    print(f"  . {text}", file=sys.stderr, flush=True)


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], capture_output=True, text=True, timeout=10,
                              cwd=Path(__file__).resolve().parent).stdout.strip()
    except OSError:
        return ""


def measure(plan: dict, generator, meta: dict, database_url: str | None = None) -> list[Figure]:
    site = DemoSite(database_url)
    try:
        progress(f"building the demo site in {site.data_dir}")
        demo = Figure("demo_s", "demo nagari with 20,000 residents (bulk insert)", "s", False, target=20)
        demo.samples.append(site.build())
        figures = [demo, cases.measure_start(site, plan["start_runs"], progress)]
        with Server(site) as server:
            meta.update(enabled_plugins=server.health.get("plugin_aktif"), database=server.health.get("basis_data"))
            figures += cases.measure_pages(server, generator, plan, progress)
            figures.append(identity.measure_login(server, plan["batches"] * plan["per_batch"], progress))
            figures += _letters(server, plan)
            figures += _self_service(server, plan)
        figures.append(identity.measure_audit_overhead(site, plan["batches"], plan["per_batch"], progress))
        # The demo site now holds the letters and requests the benchmarks above made: back that up.
        figures += cadangan.measure(site, plan["backup_runs"], progress)
        # Import and export use data folders (and PostgreSQL databases) of their own, never the demo site's.
        figures += impor.measure(database_url, plan["import_runs"], plan["export_runs"], progress)
        return figures
    finally:
        site.remove()


def _letters(server: Server, plan: dict) -> list[Figure]:
    try:
        return [surat.measure_one_letter(server, plan["batches"] * plan["per_batch"], progress),
                *surat.measure_concurrency(server, plan["load_seconds"], progress)]
    except cases.MEASUREMENT_ERRORS as exc:
        failed = Figure("surat_ms", "one letter end to end (issue + PDF download)", "ms", False, target=80)
        failed.error = f"{type(exc).__name__}: {exc}"
        return [failed]


def _letters_only(plan: dict, meta: dict, target, database_url: str | None) -> int:
    """Only the letter figures (issue 20), on the full demo site: one letter end to end, throughput, a burst."""
    began = time.perf_counter()
    site = DemoSite(database_url)
    try:
        progress(f"building the demo site in {site.data_dir}")
        site.build()
        with Server(site) as server:
            figures = _letters(server, {**plan, "batches": plan["batches"] * 2})
    finally:
        site.remove()
    meta["wall_seconds"] = round(time.perf_counter() - began, 1)
    write_json(target, meta, figures)
    print()
    print(table(figures))
    return 1 if any(f.result in ("ERROR", "FAIL") for f in figures) else 0


def _self_service(server: Server, plan: dict) -> list[Figure]:
    try:
        return [*mandiri.measure_pages(server, plan["batches"] * plan["per_batch"], progress),
                *mandiri.measure_pin_burst(server, progress)]
    except cases.MEASUREMENT_ERRORS as exc:
        failed = Figure("warga_beranda_ms", "resident: home", "ms", False, target=50)
        failed.error = f"{type(exc).__name__}: {exc}"
        return [failed]


def _crowd(plan: dict) -> list[Figure]:
    """The crowd on both engines in one run, so their figures compare like with like."""
    figures = beban.measure(None, "sqlite", plan["crowd_seconds"], progress)
    with PostgresDatabase() as database:
        figures += beban.measure(database.url, "postgres", plan["crowd_seconds"], progress)
    return figures


def _crowd_only(plan: dict, meta: dict, target) -> int:
    began = time.perf_counter()
    figures = _crowd(plan)
    meta["wall_seconds"] = round(time.perf_counter() - began, 1)
    write_json(target, meta, figures)
    print()
    print(table(figures))
    cpu = [f.details.get("generator_cpu_pct", 0) for f in figures]
    print(f"\nThe crowd generator (python -m bench.ramai) used up to {max(cpu, default=0):.0f} % of a core.")
    return 1 if any(f.result in ("ERROR", "FAIL") for f in figures) else 0


def _faults_only(quick: bool, meta: dict, target, runner=gangguan.measure) -> int:
    """Only the figures of `runner(quick, progress)`: the fault runs, the suppression audit or the books."""
    began = time.perf_counter()
    figures = runner(quick, progress)
    meta["wall_seconds"] = round(time.perf_counter() - began, 1)
    write_json(target, meta, figures)
    print()
    print(table(figures))
    return 1 if any(f.result in ("ERROR", "FAIL") for f in figures) else 0


def _statistik_only(plan: dict, generator, meta: dict, target, quick: bool, dashboard_only: bool = False) -> int:
    began = time.perf_counter()
    figures = statistik.measure(generator, plan, progress, quick, dashboard_only)
    meta["wall_seconds"] = round(time.perf_counter() - began, 1)
    meta["max_other_cpu_pct"] = round(_noise(figures), 1)
    meta["server"] = "balai serve --workers 1 (uvicorn), SQLite and PostgreSQL, 127.0.0.1"
    write_json(target, meta, figures)
    print()
    print(table(figures))
    print(f"\nratio: times better than OpenSID (>1 = Balai better). Load: {generator[0]}, {cases.CONNECTIONS} "
          f"connections, 1 server worker. JSON: {target}")
    _warnings(meta, figures)
    return 1 if any(f.result == "ERROR" for f in figures) else 0


def _portal_only(plan: dict, generator, meta: dict, target) -> int:
    began = time.perf_counter()
    figures = portal.measure(generator, plan, progress)
    meta["wall_seconds"] = round(time.perf_counter() - began, 1)
    meta["max_other_cpu_pct"] = round(_noise(figures), 1)
    write_json(target, meta, figures)
    print()
    print(table(figures))
    print(f"\nratio: times better than OpenSID (>1 = Balai better). Load: {generator[0]}, {cases.CONNECTIONS} "
          f"connections, 1 server worker, SQLite. JSON: {target}")
    _warnings(meta, figures)
    return 1 if any(f.result == "ERROR" for f in figures) else 0


def _keuangan_only(plan: dict, generator, meta: dict, target) -> int:
    began = time.perf_counter()
    figures = keuangan.measure(generator, plan, progress)
    meta["wall_seconds"] = round(time.perf_counter() - began, 1)
    meta["max_other_cpu_pct"] = round(_noise(figures), 1)
    write_json(target, meta, figures)
    print()
    print(table(figures))
    print(f"\nLoad: {generator[0]}, {cases.CONNECTIONS} connections, 1 server worker, SQLite. JSON: {target}")
    _warnings(meta, figures)
    return 1 if any(f.result == "ERROR" for f in figures) else 0


def _satu_data_only(plan: dict, meta: dict, target) -> int:
    began = time.perf_counter()
    figures = satu_data.measure(plan, progress)
    meta["wall_seconds"] = round(time.perf_counter() - began, 1)
    write_json(target, meta, figures)
    print()
    print(table(figures))
    print(f"\nSingle requests on fresh connections, 1 server worker, SQLite. JSON: {target}")
    return 1 if any(f.result == "ERROR" for f in figures) else 0


def _warnings(meta: dict, figures: list[Figure]) -> None:
    if meta["max_other_cpu_pct"] > NOISY_CPU_PCT:
        print(f"warning: other processes used up to {meta['max_other_cpu_pct']:.0f} % of a core during the load "
              "runs: the machine was busy and the figures are noisy.")
    slow_client = max((run["client_cpu_pct"] for run in _load_runs(figures)), default=0)
    if slow_client > 80:
        print(f"warning: the load generator used up to {slow_client:.0f} % of a core: it may have been the limit.")


def _load_runs(figures: list[Figure]) -> list[dict]:
    """The load generator's runs behind the figures (other figures keep other things under "runs")."""
    return [run for f in figures for run in f.details.get("runs", [])
            if isinstance(run, dict) and "other_cpu_pct" in run and "client_cpu_pct" in run]


def _noise(figures: list[Figure]) -> float:
    return max((run["other_cpu_pct"] for run in _load_runs(figures)), default=0.0)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer and shorter runs (a smoke test)")
    parser.add_argument("--json", type=Path, default=RESULTS, help=f"where to write the results (default {RESULTS})")
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite",
                        help="the embedded SQLite (default) or a throw-away PostgreSQL database")
    parser.add_argument("--ramai", action="store_true",
                        help="only the crowd: 50 operators and 200 visitors on SQLite and then PostgreSQL")
    parser.add_argument("--gangguan", action="store_true",
                        help="only the fault runs: SIGKILL while issuing letters (SQLite, PostgreSQL) and a PostgreSQL "
                             "restart under load (restarts the local cluster: see bench/README.md)")
    parser.add_argument("--statistik", action="store_true",
                        help="only the statistics figures (issue 17): 20,000 and 50,000 residents (quick: 20,000), "
                             "SQLite and PostgreSQL")
    parser.add_argument("--sensor", action="store_true",
                        help="only the suppression audit: many random publications attacked by linear programming")
    parser.add_argument("--dasbor", action="store_true",
                        help="only the admin dashboard with every plugin's cards (issue 17): 20,000 residents, "
                             "SQLite and PostgreSQL, single requests and throughput")
    parser.add_argument("--buku", action="store_true",
                        help="only the administration books (issue 18): B.1 as XLSX and PDF, the worker's peak memory "
                             "and every book's first page, 20,000 residents, SQLite and PostgreSQL")
    parser.add_argument("--register", action="store_true",
                        help="only the resident list (issue 19): first page, name searches, jorong filter and NIK "
                             "prefix at 50,000 residents on SQLite and PostgreSQL, 200,000 on PostgreSQL (not quick)")
    parser.add_argument("--surat", action="store_true",
                        help="only the letters (issue 20): one letter end to end (issue + signed PDF), letters per "
                             "second with 8 operators, 50 at once; on the 20,000-resident demo site")
    parser.add_argument("--portal", action="store_true",
                        help="only the public website (issue 21): the full home page of the 20,000-resident demo with "
                             "its news and statistics: first-load weight, single requests and throughput with and "
                             "without the page cache, about 2 minutes")
    parser.add_argument("--keuangan", action="store_true",
                        help="only the village budget (issue 22): the public APB Desa infographic (single requests, "
                             "throughput, cached and not), the portal home with the budget block (weight, "
                             "throughput) and the 2,000-line Siskeudes import (dry run, apply), about 3 minutes")
    parser.add_argument("--satu-data", action="store_true",
                        help="only open data (issue 26): CKAN package_search and datastore_search, the full data "
                             "package export and publishing every dataset, on the 20,000-resident demo, about 2 "
                             "minutes")
    parser.add_argument("--sinkron", action="store_true",
                        help="only the kabupaten sync (issue 27): batches applied per second at a PostgreSQL hub "
                             "(79 nagari x 12 months), the kabupaten dashboard, a nagari's batch and sync after 100 "
                             "population events, and the property test with many examples, about 9 minutes")
    parser.add_argument("--preset", action="store_true",
                        help="only the presets (issue 29): applying the 5,000-resident demo preset (and the pilot "
                             "preset when installed) to a new installation and again to reset the room, SQLite and "
                             "PostgreSQL (quick: SQLite)")
    parser.add_argument("--generator", choices=("auto", "wrk", "python"), default="auto",
                        help="load generator: wrk when available (the default), or the Python fallback")
    args = parser.parse_args()
    # A plain SIGTERM would skip the clean-up (server, temporary folder); make it unwind like Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    plan = QUICK if args.quick else FULL
    generator = choose_generator(args.generator)
    meta = {
        "started": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "commit": _git("rev-parse", "--short", "HEAD"), "dirty": bool(_git("status", "--porcelain")),
        "mode": "quick" if args.quick else "full", "plan": plan, "load_generator": generator[0],
        "connections": cases.CONNECTIONS, "server": f"balai serve --workers 1 (uvicorn), {args.database}, 127.0.0.1",
        "data": "demo nagari from `balai demo --no-serve`",
        "python": platform.python_version(), "machine": f"{platform.system()} {platform.machine()}",
        "cpus": os.cpu_count(), "loadavg_before": os.getloadavg(),
    }
    print(f"Balai benchmarks ({meta['mode']}); load generator: "
          + (f"wrk ({generator[1]})" if generator[1] else "python -m bench.pyload"
             + (" (as requested)" if args.generator == "python" else " (wrk is not available)")),
          file=sys.stderr)
    began = time.perf_counter()
    if args.ramai:
        return _crowd_only(plan, meta, args.json)
    if args.gangguan:
        return _faults_only(args.quick, meta, args.json)
    if args.sensor:
        return _faults_only(args.quick, meta, args.json, sensor_lp.measure)
    if args.buku:
        meta["server"] = "balai serve --workers 1 (uvicorn) and its balai worker, SQLite and PostgreSQL, 127.0.0.1"
        return _faults_only(args.quick, meta, args.json, buku.measure)
    if args.register:
        return _faults_only(args.quick, meta, args.json, lambda quick, report: register.measure(quick, plan, report))
    if args.surat:
        if args.database == "postgres":
            with PostgresDatabase() as database:
                return _letters_only(plan, meta, args.json, database.url)
        return _letters_only(plan, meta, args.json, None)
    if args.portal:
        return _portal_only(plan, generator, meta, args.json)
    if args.keuangan:
        return _keuangan_only(plan, generator, meta, args.json)
    if args.satu_data:
        return _satu_data_only(plan, meta, args.json)
    if args.sinkron:
        meta["server"] = "balai serve --workers 1 --role hub (PostgreSQL) and a demo nagari (SQLite), 127.0.0.1"
        return _faults_only(args.quick, meta, args.json, sinkron.measure)
    if args.preset:
        meta["server"] = "no server: `balai preset apply` as a trainer runs it, SQLite and PostgreSQL"
        return _faults_only(args.quick, meta, args.json, preset.measure)
    if args.statistik or args.dasbor:
        return _statistik_only(plan, generator, meta, args.json, args.quick, dashboard_only=args.dasbor)
    try:
        if args.database == "postgres":
            with PostgresDatabase() as database:
                figures = measure(plan, generator, meta, database.url)
        else:
            figures = measure(plan, generator, meta)
    except ServerStartError as exc:
        print(f"\nThe server could not start:\n{exc}", file=sys.stderr)
        meta["error"] = f"server could not start: {exc}"
        write_json(args.json, meta, [])
        return 2
    figures += statistik.measure(generator, plan, progress, args.quick)  # sites of their own, both engines
    figures += buku.measure(args.quick, progress)  # the books' sites of their own, both engines
    figures += satu_data.measure(plan, progress)  # a site of its own
    figures += sensor_lp.measure(args.quick, progress)  # no server: the LP audit of the suppression
    figures += _crowd(plan)  # last: its 20,000-resident sites are its own
    meta["wall_seconds"] = round(time.perf_counter() - began, 1)
    meta["max_other_cpu_pct"] = round(_noise(figures), 1)
    write_json(args.json, meta, figures)

    print()
    print(table(figures))
    print(f"\nratio: times better than OpenSID (>1 = Balai better). Load: {generator[0]}, "
          f"{cases.CONNECTIONS} connections, 1 server worker, {args.database}. JSON: {args.json}")
    _warnings(meta, figures)
    return 1 if any(f.result == "ERROR" for f in figures) else 0


if __name__ == "__main__":
    sys.exit(main())
