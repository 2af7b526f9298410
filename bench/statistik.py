"""Statistics figures (issue 17, plugin `statistik`) at 20,000 and 50,000 residents, on SQLite and PostgreSQL.

For each engine and size: a demo site of its own, the server-side time of computing every category and the
monthly report without the plugin's caches (`bench.statistik_proses`, in the site's environment, before the
server starts), then on a running server the office's category pages, the monthly report of three months, the
public statistics page and the dashboard with the statistik widgets, client-side, with the helpers of cases.py.
The pages keep their figures per register version, so a timed request is served from that cache; the first
request of each page (after the register changed, as it were) is in the JSON as `first_request_ms`.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date

from bench.cases import MEASUREMENT_ERRORS, Page, measure_pages
from bench.database import PostgresDatabase
from bench.report import Figure
from bench.server import DemoSite, Server, ServerStartError

SIZES = (20000, 50000)
QUICK_SIZES = (20000,)
WARMUP = 10          # requests per page before timing: the first fills the page's cache, the rest warm the rest
COMPUTE_RUNS = 7     # uncached all_tables() runs (quick: 3)
YEARS_BACK = 5
DASHBOARD = Page("dashboard", "admin dashboard with the statistik widgets", "/admin", True, 30, 119, 400, 15.9)
CATEGORIES = (
    Page("stat_pendidikan", "statistics: education, nagari", "/admin/statistik/pendidikan_kk", True, 50, 124),
    Page("stat_pekerjaan", "statistics: occupation, nagari", "/admin/statistik/pekerjaan", True, 50, 228),
    Page("stat_umur", "statistics: age bands, nagari", "/admin/statistik/umur", True, 50, 719),
    # kantor.py reads the level from `tingkat` (1 = jorong/dusun)
    Page("stat_jorong", "statistics: education by jorong", "/admin/statistik/pendidikan_kk?tingkat=1", True, 50, None),
    # public.py caches the suppressed page whole; single requests reported, throughput has the target
    Page("stat_publik", "public statistics: education by jorong", "/statistik/pendidikan_kk?tingkat=1", False, None,
         None, 500, 7.7),
)


def shift(month: str, months: int) -> str:
    n = int(month[:4]) * 12 + int(month[5:]) - 1 + months
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def report_months(first: str | None, today: date | None = None) -> list[tuple[str, str]]:
    """[(month, what)]: five years back (or the register's first month when it starts later), a middle one and
    last month, for the monthly report (bulanan.py reads `bulan=YYYY-MM`; nothing before the journal's first)."""
    today = today or date.today()
    last = shift(f"{today.year:04d}-{today.month:02d}", -1)
    wanted = shift(last, -12 * YEARS_BACK)
    old = max(wanted, first or wanted)
    span = (int(last[:4]) * 12 + int(last[5:])) - (int(old[:4]) * 12 + int(old[5:]))
    what = f"{YEARS_BACK} years back" if old == wanted else f"oldest in the register; {YEARS_BACK} years back is {wanted}"
    return [(old, what), (shift(old, span // 2), "middle"), (last, "last month")]


def monthly_pages(months: list[tuple[str, str]]) -> tuple[Page, ...]:
    return tuple(Page(f"bulanan_{i}", f"monthly report {month} ({what})", f"/admin/statistik/bulanan?bulan={month}",
                      True, 200, None) for i, (month, what) in enumerate(months))


def compute(site: DemoSite, runs: int) -> dict:
    """Server-side: `python -m bench.statistik_proses` in the site's environment; its JSON."""
    done = subprocess.run([sys.executable, "-m", "bench.statistik_proses", "--runs", str(runs)], env=site.env(),
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(f"bench.statistik_proses failed: {done.stderr.strip()[-800:]}")
    return json.loads(done.stdout)


def compute_figure(data: dict | None, error: str | None) -> Figure:
    fig = Figure("stat_semua_ms", "all categories computed for the nagari (server, uncached)", "ms", False, target=150)
    if data is None:
        fig.error = error
        return fig
    fig.samples.extend(data["all_tables_ms"])
    slowest = sorted(data["category_median_ms"].items(), key=lambda kv: -kv[1])
    fig.details.update(how="plugins.statistik.api.all_tables() in-process, category cache emptied before each run",
                       all_tables_jorong_ms=data["all_tables_jorong_ms"], category_median_ms=data["category_median_ms"],
                       slowest_categories=slowest[:5], first_month=data["first_month"])
    return fig


def monthly_compute_figure(data: dict | None, error: str | None) -> Figure:
    """The report computed from the journal (its cache emptied), of the slowest of the three months."""
    fig = Figure("bulanan_hitung_ms", "monthly report computed (server, uncached), slowest of the 3 months", "ms",
                 False, target=200)
    if data is None:
        fig.error = error
        return fig
    medians = {month: sorted(times)[len(times) // 2] for month, times in data["monthly_ms"].items()}
    slowest = max(medians, key=medians.get)
    fig.samples.extend(data["monthly_ms"][slowest])
    fig.details.update(how="plugins.statistik.bulanan.monthly_report() in-process, its cache emptied before each run",
                       month=slowest, median_ms_per_month=medians)
    return fig


def _label(fig: Figure, prefix: str, key: str) -> Figure:
    return replace(fig, key=f"{fig.key}@{key}", label=f"[{prefix}] {fig.label}")


def measure_one(database_url: str | None, engine: str, residents: int, generator, plan: dict, progress,
                dashboard_only: bool = False) -> list[Figure]:
    """Every statistics figure on one engine with one demo size, on a site built for it and removed after
    (`dashboard_only`: only the dashboard's single requests and throughput, for working on it)."""
    prefix, key = f"{residents // 1000}k {engine}", f"{residents}_{engine}"
    site = DemoSite(database_url)
    figures: list[Figure] = []
    try:
        progress(f"[{prefix}] building the demo site in {site.data_dir}")
        build = Figure("stat_demo_s", f"demo nagari with {residents:,} residents (bulk insert)", "s", False, None)
        build.samples.append(site.build(residents))
        figures.append(build)
        pages = (DASHBOARD,)
        if not dashboard_only:
            data, error = None, None
            try:
                data = compute(site, plan.get("compute_runs", COMPUTE_RUNS))
                progress(f"[{prefix}] all_tables: {sorted(data['all_tables_ms'])[len(data['all_tables_ms']) // 2]:.0f}"
                         " ms")
            except (RuntimeError, subprocess.TimeoutExpired, ValueError) as exc:
                error = f"{type(exc).__name__}: {exc}"
            figures += [compute_figure(data, error), monthly_compute_figure(data, error)]
            months = report_months(data["first_month"] if data else None)
            pages = (*CATEGORIES, *monthly_pages(months), DASHBOARD)
        with Server(site) as server:
            enabled = server.health.get("plugin_aktif") or []
            measured = measure_pages(server, generator, plan, progress, pages=pages, warmup=WARMUP)
            if "statistik" not in enabled:
                for fig in measured:
                    fig.error = fig.error or "the statistik plugin is not enabled on the server"
            figures += measured
        return [_label(f, prefix, key) for f in figures]
    except ServerStartError as exc:
        failed = Figure("stat_server", "statistics: server", "ms", False, None)
        failed.error = f"the demo site or the server could not start: {exc}"
        return [_label(f, prefix, key) for f in [*figures, failed]]
    except MEASUREMENT_ERRORS as exc:
        failed = Figure("stat_pages", "statistics pages", "ms", False, None)
        failed.error = f"{type(exc).__name__}: {exc}"
        return [_label(f, prefix, key) for f in [*figures, failed]]
    finally:
        site.remove()


def measure(generator, plan: dict, progress, quick: bool = False, dashboard_only: bool = False) -> list[Figure]:
    """Each size on SQLite and then on a throw-away PostgreSQL database, every one on a demo site of its own
    (`dashboard_only`: 20,000 residents and only the dashboard)."""
    figures = []
    for residents in (QUICK_SIZES if quick or dashboard_only else SIZES):
        figures += measure_one(None, "sqlite", residents, generator, plan, progress, dashboard_only)
        with PostgresDatabase() as database:
            figures += measure_one(database.url, "postgres", residents, generator, plan, progress, dashboard_only)
    return figures
