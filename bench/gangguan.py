"""Fault runs (`python -m bench --gangguan`): PostgreSQL restarted under load, and SIGKILL of the server while
operators issue letters, at a larger size than the CI tests (tests/test_gangguan_*.py) can afford.

PostgreSQL restart: a live server on a throw-away PostgreSQL database, readers (the resident list) and operators
issuing letters, `pg_ctlcluster ... restart` in the middle. Reported: requests that failed while it restarted and
how (a 503 page saying to try again is expected, a 500 is a failure), how long until requests succeed again
without restarting Balai, and whether a letter the operator saw issued was lost. The restart breaks every other
connection to that PostgreSQL server, so the run refuses when another database on it has clients (someone's
tests), unless BALAI_BENCH_RESTART_PG=1.

SIGKILL rounds: the whole `balai serve` group killed the moment a letter's PDF lands (between storing and
committing, the worst moment), restarted, checked (tests/gangguan_helpers.check_letters: issued in full or not
at all, no duplicate or missing number, no stray PDF), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from bench.client import CSRF_COOKIE, BenchError, login_cookies, request
from bench.database import ADMIN_URL, PostgresDatabase
from bench.report import Figure
from bench.server import DemoSite, Server
from bench.surat import LETTER, WALI_NAGARI, living_residents, Operator

CLEAR_503 = b"Basis data sedang tidak dapat dihubungi"


def _psql(url: str, sql: str) -> str:
    return subprocess.run(["psql", url, "-Atc", sql], capture_output=True, text=True, timeout=30).stdout.strip()


def others_on_postgres(own: str) -> list[str]:
    """Databases on the server (besides ours) that clients are connected to now."""
    rows = _psql(ADMIN_URL, "SELECT DISTINCT datname FROM pg_stat_activity WHERE backend_type = 'client backend' "
                            f"AND pid <> pg_backend_pid() AND datname IS NOT NULL AND datname <> '{own}'")
    return [r for r in rows.splitlines() if r]


def restart_command() -> list[str]:
    if own := os.environ.get("BALAI_BENCH_PG_RESTART"):  # e.g. a private cluster: su postgres -c 'pg_ctl ... restart'
        return ["sh", "-c", own]
    versions = sorted(os.listdir("/etc/postgresql")) if os.path.isdir("/etc/postgresql") else []
    if not versions:
        raise BenchError("no PostgreSQL cluster under /etc/postgresql (pg_ctlcluster)")
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "restart"]


class Load:
    """Readers and letter-issuing operators in threads; every request's outcome with its times."""

    def __init__(self, port: int, readers: int, issuers: int):
        self.port, self.stop, self.lock = port, threading.Event(), threading.Lock()
        self.log: list[dict] = []  # {"start", "end", "kind", "status" (0: socket error), "clear", "letter"}
        first = Operator(port, [1])
        residents = living_residents(port, first)
        self.threads = [threading.Thread(target=self._read, args=(login_cookies(port),), daemon=True)
                        for _ in range(readers)]
        self.threads += [threading.Thread(target=self._issue, args=(login_cookies(port), residents[i::issuers]),
                                          daemon=True) for i in range(issuers)]

    def _note(self, kind: str, began: float, status: int, body: bytes, headers=None) -> None:
        letter = None
        if kind == "terbit" and status in (302, 303) and headers is not None:
            letter = int(headers["Location"].rstrip("/").rsplit("/", 1)[-1])
        with self.lock:
            self.log.append({"start": began, "end": time.monotonic(), "kind": kind, "status": status,
                             "clear": CLEAR_503 in body, "letter": letter})

    def _call(self, kind: str, method: str, path: str, cookies: dict, body: bytes | None = None) -> None:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
        if body is not None:
            headers.update({"Content-Type": "application/x-www-form-urlencoded", "x-csrftoken": cookies[CSRF_COOKIE]})
        began = time.monotonic()
        try:
            status, answer, payload, _ = request(self.port, method, path, headers=headers, body=body)
        except OSError:
            self._note(kind, began, 0, b"")
            time.sleep(0.05)
            return
        self._note(kind, began, status, payload, answer)

    def _read(self, cookies: dict) -> None:
        while not self.stop.is_set():
            self._call("baca", "GET", "/admin/penduduk?q=a", cookies)

    def _issue(self, cookies: dict, residents: list[int]) -> None:
        turn = 0
        while not self.stop.is_set():
            body = urlencode({"penduduk_id": residents[turn % len(residents)], "keperluan": "Melamar pekerjaan",
                              "penandatangan": WALI_NAGARI, "isian_sejak": "tahun 2015"}).encode()
            turn += 1
            self._call("terbit", "POST", LETTER, cookies, body)

    def __enter__(self) -> "Load":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=60)


def _ok(entry: dict) -> bool:
    return entry["status"] in (200, 302, 303)


def _letter_check(url: str, data_dir: Path, confirmed: set[int]) -> tuple[int, str]:
    """(problems, what): confirmed letters not issued in full, duplicates, stray PDFs (check_letters)."""
    from tests.gangguan_helpers import check_letters

    try:
        issued = check_letters(url, data_dir)
    except AssertionError as exc:
        return 1, str(exc).splitlines()[0][:300]
    lost = confirmed - {int(r["id"]) for r in issued}
    return len(lost), f"{len(lost)} confirmed letters missing" if lost else ""


def _errors_in(log_path: Path) -> dict[str, int]:
    """How often each exception type appears in the server's log (what the failed requests hit)."""
    found: dict[str, int] = {}
    for line in log_path.read_text(errors="replace").splitlines():
        if ":" in line and line.split(":", 1)[0].rsplit(".", 1)[-1].endswith(("Error", "Exception")) \
                and " " not in line.split(":", 1)[0]:
            name = line.split(":", 1)[0].rsplit(".", 1)[-1]
            found[name] = found.get(name, 0) + 1
    return found


def measure_pg_restart(residents: int, before: float, after: float, progress) -> list[Figure]:
    failed = Figure("gangguan_pg_gagal", "PostgreSQL restart: requests that failed", "", False, target=None)
    unclear = Figure("gangguan_pg_500", "PostgreSQL restart: failures without the clear 503 page", "", False,
                     target=0.0)
    recovery = Figure("gangguan_pg_pulih_s", "PostgreSQL restart: until requests succeed again (no Balai restart)",
                      "s", False, target=5.0)
    lost = Figure("gangguan_pg_hilang", "PostgreSQL restart: issued letters lost or half-issued", "", False,
                  target=0.0)
    figures = [failed, unclear, recovery, lost]
    with PostgresDatabase() as database:
        busy = others_on_postgres(database.name)
        if busy and os.environ.get("BALAI_BENCH_RESTART_PG") != "1":
            for fig in figures:
                fig.error = (f"not restarted: other databases have clients ({', '.join(busy[:5])}); "
                             "set BALAI_BENCH_RESTART_PG=1 to restart anyway")
            return figures
        site = DemoSite(database.url)
        try:
            progress(f"restart run: demo with {residents} residents on PostgreSQL")
            site.cli("demo", "--no-serve", "--penduduk", str(residents), "--tanpa-surat")
            site.cli("jadwal-cadangan", "--mati")
            with Server(site) as server:
                pid = server.process.pid
                with Load(server.port, readers=2, issuers=2) as load:
                    time.sleep(before)
                    if (busy := others_on_postgres(database.name)) and os.environ.get("BALAI_BENCH_RESTART_PG") != "1":
                        raise BenchError(f"not restarted: other databases got clients ({', '.join(busy[:5])})")
                    progress("restarting PostgreSQL")
                    began = time.monotonic()
                    done = subprocess.run(restart_command(), capture_output=True, text=True, timeout=120)
                    ended = time.monotonic()
                    if done.returncode != 0:
                        raise BenchError(f"restart failed: {done.stderr.strip()[:300]}")
                    time.sleep(after)
                log = sorted(load.log, key=lambda e: e["start"])
                same_server = server.process is not None and server.process.poll() is None \
                    and server.process.pid == pid
                bad = [e for e in log if not _ok(e)]
                tail = [e for e in log if e["start"] > ended + after - 2]
                failed.samples.append(float(len(bad)))
                unclear.samples.append(float(sum(1 for e in bad if not (e["status"] == 503 and e["clear"]))))
                last_bad = max((e["end"] for e in bad), default=ended)
                recovery.samples.append(max(0.0, last_bad - ended))
                statuses: dict[str, int] = {}
                for e in bad:
                    key = f"{e['kind']} {e['status'] or 'socket error'}"
                    statuses[key] = statuses.get(key, 0) + 1
                failed.details.update(requests=len(log), by_status=statuses, restart_seconds=round(ended - began, 2),
                                      window_seconds=round(max((e["end"] for e in bad), default=began)
                                                           - min((e["start"] for e in bad), default=began), 2))
                recovery.details.update(balai_restarted=not same_server,
                                        tail_ok=all(_ok(e) for e in tail), tail_requests=len(tail))
                if not tail or not all(_ok(e) for e in tail) or not same_server:
                    recovery.error = "requests still failed at the end of the run: the server did not recover"
                failed.details["server_errors"] = _errors_in(server.log_path)
                confirmed = {e["letter"] for e in log if e["letter"] is not None}
                problems, what = _letter_check(database.url, site.data_dir, confirmed)
                lost.samples.append(float(problems))
                lost.details.update(confirmed=len(confirmed), problem=what)
            progress(f"restart: {len(bad)} of {len(log)} requests failed ({statuses}), recovered "
                     f"{recovery.value:.1f} s after the restart, {problems} letter problems")
        finally:
            site.remove()
    return figures


def _kill_round(site: DemoSite, url: str, operators: int) -> tuple[int, int, int, str]:
    """One SIGKILL mid-issue and restart; (letters confirmed, stray PDFs the kill left, problems, what)."""
    from tests.gangguan_helpers import kill_group, letter_rows, letter_store

    server = Server(site)
    try:
        server.start()
        with Load(server.port, readers=0, issuers=operators) as load:
            store = site.data_dir / "berkas" / "surat" / str(date.today().year)
            count = lambda: len(os.listdir(store)) if store.is_dir() else 0  # noqa: E731
            target = count() + 8
            deadline = time.monotonic() + 60
            while count() < target and time.monotonic() < deadline:
                time.sleep(0.0005)
            kill_group(server.process)
            server.process = None
        stray = len(letter_store(site.data_dir) - {f"{r['tahun']}/{r['berkas']}" for r in letter_rows(url)
                                                   if r["berkas"]})
        confirmed = {e["letter"] for e in load.log if e["letter"] is not None}
        server.start()
        problems, what = _letter_check(url, site.data_dir, confirmed)
        if not problems:  # numbering goes on without a gap after the restart
            Operator(server.port, living_residents(server.port, Operator(server.port, [1]))).issue()
            numbers = sorted(int(r["nomor_urut"]) for r in letter_rows(url) if r["status"] == "terbit")
            if numbers != list(range(1, len(numbers) + 1)):
                problems, what = 1, f"numbering has a gap: {numbers[-5:]}"
        return len(confirmed), stray, problems, what
    finally:
        server.stop()


def measure_kills(engine: str, rounds: int, residents: int, operators: int, progress) -> Figure:
    fig = Figure(f"gangguan_kill_{engine}", f"SIGKILL mid-issue x{rounds} ({engine}): inconsistent letters", "",
                 False, target=0.0)

    def run(url: str | None) -> None:
        site = DemoSite(url)
        try:
            site.cli("demo", "--no-serve", "--penduduk", str(residents), "--tanpa-surat")
            site.cli("jadwal-cadangan", "--mati")
            url = url or f"sqlite:///{site.data_dir / 'balai.sqlite'}"
            problems, strays, letters, notes = 0, 0, 0, []
            for n in range(rounds):
                confirmed, stray, bad, what = _kill_round(site, url, operators)
                problems, strays, letters = problems + bad, strays + stray, letters + confirmed
                if what:
                    notes.append(f"round {n + 1}: {what}")
            fig.samples.append(float(problems))
            fig.details.update(rounds=rounds, letters_confirmed=letters, stray_pdfs_swept=strays, notes=notes[:5])
            progress(f"SIGKILL x{rounds} on {engine}: {letters} letters, {strays} stray PDFs swept at start-up, "
                     f"{problems} problems")
        finally:
            site.remove()

    try:
        if engine == "postgres":
            with PostgresDatabase() as database:
                run(database.url)
        else:
            run(None)
    except (BenchError, OSError, RuntimeError) as exc:
        fig.error = f"{type(exc).__name__}: {exc}"
    return fig


def measure(quick: bool, progress) -> list[Figure]:
    rounds, residents = (2, 200) if quick else (5, 2000)
    figures = [measure_kills(engine, rounds, residents, 8, progress) for engine in ("sqlite", "postgres")]
    try:
        figures += measure_pg_restart(residents, before=3.0, after=6.0 if quick else 10.0, progress=progress)
    except (BenchError, OSError, RuntimeError) as exc:
        failed = Figure("gangguan_pg_gagal", "PostgreSQL restart: requests that failed", "", False, target=None)
        failed.error = f"{type(exc).__name__}: {exc}"
        figures.append(failed)
    return figures
