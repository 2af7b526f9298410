"""The figures Balai is measured on, with their targets and OpenSID's figures from design/BENCHMARKS.md."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from bench.client import BenchError, login, session_header, timed_get
from bench.load import LoadResult, run_load
from bench.report import Figure
from bench.server import DemoSite, Server, builtin_plugins

CONNECTIONS = 8
WARMUP_REQUESTS = 30


@dataclass(frozen=True)
class Page:
    key: str
    label: str
    path: str
    needs_login: bool
    ms_target: float | None  # single request, client-side, median (None: reported, no target)
    ms_opensid: float
    rps_target: float | None = None   # throughput with CONNECTIONS connections (None: not measured)
    rps_opensid: float | None = None


PAGES = (
    Page("dashboard", "admin dashboard", "/admin", True, 30, 119, 400, 15.9),
    Page("home", "public home page", "/", False, 20, 154, 1000, 10.4),
    Page("penduduk", "resident list: first page", "/admin/penduduk", True, 50, 263, 200, 5.35),
    Page("penduduk_cari", "resident list: name search", "/admin/penduduk?q=rustam", True, 50, 255),
    Page("penduduk_jorong", "resident list: jorong filter", "/admin/penduduk?wilayah=1", True, 50, 236),
    Page("penduduk_satu", "resident page (view logged)", "/admin/penduduk/1", True, 50, None),
)


def measure_start(site: DemoSite, runs: int, progress) -> Figure:
    """Seconds from spawning `balai serve` until GET /health first answers 200 (migrations already applied)."""
    fig = Figure("start", "process start, all built-in plugins (to /health 200)", "s", False, target=1.5)
    expected = builtin_plugins()
    for run in range(runs):
        server = Server(site)
        try:
            fig.samples.append(server.start())
            enabled = server.health.get("plugin_aktif", [])
        finally:
            server.stop()
        progress(f"start {run + 1}/{runs}: {fig.samples[-1]:.2f} s")
        missing = sorted(set(expected) - set(enabled))
        fig.details.update(builtin_plugins=expected, enabled_plugins=enabled)
        if missing:
            fig.error = f"built-in plugins not enabled: {', '.join(missing)}"
    return fig


def latency_figure(page: Page) -> Figure:
    return Figure(f"{page.key}_ms", f"{page.label}: single request", "ms", False, target=page.ms_target,
                  opensid=page.ms_opensid, spread_kind="iqr")


def throughput_figure(page: Page) -> Figure:
    return Figure(f"{page.key}_rps", f"{page.label}: throughput, {CONNECTIONS} conn.", "req/s", True,
                  target=page.rps_target, opensid=page.rps_opensid)


def latency(fig: Figure, server: Server, page: Page, session: str | None, batches: int, per_batch: int,
            progress) -> None:
    """Client-side time of single requests, each on a fresh connection (as curl's time_total), in ms."""
    batch_medians = []
    for _ in range(batches):
        times = [timed_get(server.port, page.path, session) * 1000 for _ in range(per_batch)]
        fig.samples.extend(times)
        batch_medians.append(statistics.median(times))
    fig.details.update(path=page.path, batches=batches, per_batch=per_batch, batch_medians_ms=batch_medians,
                       p90_ms=statistics.quantiles(fig.samples, n=10)[-1] if len(fig.samples) > 1 else None)
    progress(f"{fig.label}: median {fig.value:.1f} ms")


def throughput(fig: Figure, server: Server, generator, page: Page, session: str | None, runs: int,
               seconds: float, warmup_seconds: float, progress) -> list[LoadResult]:
    """Requests per second with CONNECTIONS keep-alive connections for `seconds`, repeated `runs` times."""
    # An untimed run first: the first seconds under load on a fresh server are slower (thread pool start-up,
    # a fresh session folder); a server that villages run stays up for weeks.
    warm = run_load(generator, server.url + page.path, session_header(session), CONNECTIONS, warmup_seconds)
    progress(f"{fig.label} warm-up: {warm.rps:.0f} req/s (not counted)")
    results = []
    for run in range(runs):
        result = run_load(generator, server.url + page.path, session_header(session), CONNECTIONS, seconds,
                          server_cpu=server.cpu_seconds)
        results.append(result)
        fig.samples.append(result.rps)
        progress(f"{fig.label} {run + 1}/{runs}: {result.rps:.0f} req/s, {result.non2xx} non-2xx, "
                 f"{result.socket_errors} socket errors; CPU: server {result.server_cpu_pct:.0f} %, "
                 f"{result.generator} {result.client_cpu_pct:.0f} %, other processes {result.other_cpu_pct:.0f} %")
    fig.details.update(path=page.path, connections=CONNECTIONS, seconds_per_run=seconds, generator=generator[0],
                       warmup=warm.as_dict(), runs=[r.as_dict() for r in results])
    return results


def errors(results: list[LoadResult]) -> Figure:
    """Share of requests under load that were not 2xx (or failed at the socket); must be 0."""
    fig = Figure("errors", f"errors under {CONNECTIONS} connections (non-2xx + socket)", "%", False, target=0.0,
                 opensid_text="0.2-0.7 % (HTTP 500)")
    for result in results:
        bad = result.non2xx + result.socket_errors
        fig.samples.append(100 * bad / max(1, result.requests + result.socket_errors))
    fig.details.update(requests=sum(r.requests for r in results), non2xx=sum(r.non2xx for r in results),
                       socket_errors=sum(r.socket_errors for r in results))
    return fig


MEASUREMENT_ERRORS = (BenchError, OSError, ValueError)


def measure_pages(server: Server, generator, plan: dict, progress, pages: tuple[Page, ...] = PAGES,
                  warmup: int = WARMUP_REQUESTS) -> list[Figure]:
    """Single-request times of every page in `pages`, then their throughput, on one running server."""
    session, login_error = None, None
    try:
        session = login(server.port)
    except MEASUREMENT_ERRORS as exc:
        login_error = f"could not log in: {exc}"
    times = {page.key: latency_figure(page) for page in pages}
    rates = {page.key: throughput_figure(page) for page in pages if page.rps_target}
    pages = [(page, session if page.needs_login else None) for page in pages]
    for page, who in pages:
        if page.needs_login and not who:
            times[page.key].error = login_error
            if page.key in rates:
                rates[page.key].error = login_error
            continue
        try:
            # templates, queries, connections, caches: warm before anything is timed. The first one is kept: on a
            # page that keeps its figures per register version it is what a view costs before they are kept.
            times[page.key].details["first_request_ms"] = timed_get(server.port, page.path, who) * 1000
            for _ in range(warmup - 1):
                timed_get(server.port, page.path, who)
        except MEASUREMENT_ERRORS as exc:
            times[page.key].error = f"warm-up failed: {type(exc).__name__}: {exc}"
            if page.key in rates:
                rates[page.key].error = times[page.key].error
    loads = []
    for page, who in pages:
        if not times[page.key].error:
            try:
                latency(times[page.key], server, page, who, plan["batches"], plan["per_batch"], progress)
            except MEASUREMENT_ERRORS as exc:
                times[page.key].error = f"{type(exc).__name__}: {exc}"
    for page, who in pages:
        if page.key in rates and not rates[page.key].error:
            try:
                loads += throughput(rates[page.key], server, generator, page, who, plan["load_runs"],
                                    plan["load_seconds"], plan["warmup_seconds"], progress)
            except MEASUREMENT_ERRORS as exc:
                rates[page.key].error = f"{type(exc).__name__}: {exc}"
    figures = [*times.values(), *rates.values()]
    if loads:
        figures.append(errors(loads))
    return figures
