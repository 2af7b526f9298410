"""Identity figures: the cost of a login (argon2) and of logging views of a person's record."""

from __future__ import annotations

import statistics
from urllib.parse import urlencode

from bench.client import CSRF_COOKIE, SESSION_COOKIE, BenchError, _cookies, login, request, timed_get
from bench.report import Figure
from bench.server import DemoSite, Server

RECORD_PAGE = "/admin/pengguna/1"  # one person's record: every view is written to the audit log


def measure_login(server: Server, runs: int, progress) -> Figure:
    """Client-side time of one login POST (argon2 verification, session, audit entry)."""
    fig = Figure("login_ms", "login: one attempt (argon2)", "ms", False, target=300, spread_kind="iqr")
    for _ in range(runs):
        status, headers, _, _ = request(server.port, "GET", "/masuk")
        cookies = _cookies(headers)
        body = urlencode({"username": "admin", "password": "demo-balai"}).encode()
        status, headers, _, elapsed = request(server.port, "POST", "/masuk", body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "x-csrftoken": cookies[CSRF_COOKIE],
            "Cookie": f"{CSRF_COOKIE}={cookies[CSRF_COOKIE]}"})
        if status not in (302, 303) or SESSION_COOKIE not in _cookies(headers):
            raise BenchError(f"login answered {status}")
        fig.samples.append(elapsed * 1000)
    progress(f"login: median {fig.value:.0f} ms")
    return fig


def _record_page_ms(server: Server, batches: int, per_batch: int) -> list[float]:
    session = login(server.port)
    for _ in range(20):
        timed_get(server.port, RECORD_PAGE, session)
    return [timed_get(server.port, RECORD_PAGE, session) * 1000 for _ in range(batches * per_batch)]


def measure_audit_overhead(site: DemoSite, batches: int, per_batch: int, progress) -> Figure:
    """Median time of a record page with view logging on, minus the same with it off (BALAI_AUDIT_VIEWS=0)."""
    fig = Figure("audit_ms", "audit logging: extra time per record view", "ms", False, target=5)
    times = {}
    for label, env in (("on", {}), ("off", {"BALAI_AUDIT_VIEWS": "0"})):
        with Server(site, env=env) as server:
            times[label] = _record_page_ms(server, batches, per_batch)
    on, off = statistics.median(times["on"]), statistics.median(times["off"])
    fig.samples.append(on - off)
    fig.details.update(page=RECORD_PAGE, median_on_ms=on, median_off_ms=off, n=len(times["on"]))
    progress(f"audit overhead: {on:.2f} ms on, {off:.2f} ms off")
    return fig
