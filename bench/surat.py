"""Letter figures: one letter end to end, letters per second with 8 operators, 50 issuances at once.

Client-side, against the running demo server: an operator's POST of the issuing form
(number, sandboxed render in a worker process, QR, two signatures, sealed PDF stored)
and the download of the PDF, exactly what the counter waits for.
"""

from __future__ import annotations

import json
import re
import statistics
import threading
import time
from urllib.parse import urlencode

from bench.client import CSRF_COOKIE, BenchError, login_cookies, request
from bench.report import Figure
from bench.server import Server

OPERATORS = 8
BURST = 50
LETTER = "/admin/surat/buat/domisili"
WALI_NAGARI = 1  # the demo's first official signs as Wali Nagari
NUMBER = re.compile(rb'id="nomor-surat">([^<]+)<')


class Operator:
    """One logged-in staff session with its CSRF cookie, issuing letters over plain HTTP."""

    def __init__(self, port: int, residents: list[int]):
        self.port, self.residents, self.turn = port, residents, 0
        self.phases: dict[str, float] = {}
        self.cookies = login_cookies(port)

    def _headers(self, form: bool = False) -> dict:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if form:
            headers.update({"Content-Type": "application/x-www-form-urlencoded",
                            "x-csrftoken": self.cookies[CSRF_COOKIE]})
        return headers

    def issue(self) -> tuple[int, float]:
        """Issue one Keterangan Domisili and download its PDF; (letter id, seconds)."""
        resident = self.residents[self.turn % len(self.residents)]
        self.turn += 1
        body = urlencode({"penduduk_id": resident, "keperluan": "Melamar pekerjaan", "penandatangan": WALI_NAGARI,
                          "isian_sejak": "tahun 2015"}).encode()
        status, headers, payload, posted = request(self.port, "POST", LETTER, body=body, headers=self._headers(True))
        if status not in (302, 303):
            raise BenchError(f"issuing answered {status}: {payload[:200]!r}")
        letter = int(headers["Location"].rstrip("/").rsplit("/", 1)[-1])
        self.phases = _server_timing(headers.get("Server-Timing") or "")
        status, headers, pdf, fetched = request(self.port, "GET", f"/admin/surat/{letter}/pdf", headers=self._headers())
        if status != 200 or not pdf.startswith(b"%PDF"):
            raise BenchError(f"downloading the PDF answered {status}")
        return letter, posted + fetched

    def number(self, letter: int) -> str:
        status, _, page, _ = request(self.port, "GET", f"/admin/surat/{letter}", headers=self._headers())
        found = NUMBER.search(page)
        if status != 200 or not found:
            raise BenchError(f"letter {letter} page answered {status}")
        return found.group(1).decode()


def living_residents(port: int, operator: Operator, count: int = 100) -> list[int]:
    status, _, payload, _ = request(port, "GET", "/api/v1/penduduk?status_dasar=1", headers=operator._headers())
    if status != 200:
        raise BenchError(f"/api/v1/penduduk answered {status}")
    rows = json.loads(payload)["data"]
    return [r["id"] for r in rows][:count]


def measure_one_letter(server: Server, runs: int, progress) -> Figure:
    fig = Figure("surat_ms", "one letter end to end (issue + PDF download)", "ms", False, target=80, opensid=224,
                 spread_kind="iqr")
    operator = Operator(server.port, [1])
    operator.residents = living_residents(server.port, operator)
    for _ in range(5):  # warm: worker processes, fonts, templates
        operator.issue()
    phases: dict[str, list[float]] = {}
    for _ in range(runs):
        fig.samples.append(operator.issue()[1] * 1000)
        for name, ms in operator.phases.items():
            phases.setdefault(name, []).append(ms)
    # Where the time goes, server-side (the Server-Timing header of the issuing answer): printed beside the figure.
    fig.details["server_ms"] = {name: round(statistics.median(values), 1) for name, values in phases.items()}
    progress(f"one letter: median {fig.value:.0f} ms; server-side phases (median ms): "
             + ", ".join(f"{k} {v}" for k, v in fig.details["server_ms"].items()))
    return fig


def _server_timing(value: str) -> dict[str, float]:
    """"render;dur=61.2, tanda;dur=5.1" -> {"render": 61.2, "tanda": 5.1}."""
    found = {}
    for part in value.split(","):
        name, _, rest = part.strip().partition(";dur=")
        if name and rest:
            found[name] = float(rest)
    return found


def _issue_concurrently(operators: list[Operator], until: float | None, each: int | None,
                        start: threading.Barrier) -> tuple[list[int], list[str]]:
    letters, failures, lock = [], [], threading.Lock()

    def work(op: Operator):
        start.wait()
        done = 0
        while (until is not None and time.perf_counter() < until) or (each is not None and done < each):
            try:
                letter, _ = op.issue()
                with lock:
                    letters.append(letter)
            except (BenchError, OSError) as exc:
                with lock:
                    failures.append(str(exc))
            done += 1

    threads = [threading.Thread(target=work, args=(op,)) for op in operators]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return letters, failures


def measure_concurrency(server: Server, seconds: float, progress) -> list[Figure]:
    first = Operator(server.port, [1])
    residents = living_residents(server.port, first)
    operators = [Operator(server.port, residents[i::OPERATORS] or residents) for i in range(OPERATORS)]
    rate = Figure("surat_rps", f"letters per second, {OPERATORS} operators at once", "letters/s", True, target=None)
    began = time.perf_counter()
    letters, failures = _issue_concurrently(operators, began + seconds, None, threading.Barrier(OPERATORS))
    rate.samples.append(len(letters) / (time.perf_counter() - began))
    rate.details.update(letters=len(letters), failures=failures[:5], operators=OPERATORS, seconds=seconds)
    if failures:
        rate.error = f"{len(failures)} issuances failed: {failures[0]}"
    progress(f"{OPERATORS} operators: {rate.value:.1f} letters/s, {len(failures)} failures")

    burst = Figure("surat_serentak", f"{BURST} issuances at the same moment: failed or duplicate numbers", "",
                   False, target=0.0, opensid_text="duplicates (MAX+1, issue #10292)")
    crowd = [Operator(server.port, residents[i::BURST] or residents) for i in range(BURST)]
    letters, failures = _issue_concurrently(crowd, None, 1, threading.Barrier(BURST))
    numbers = [first.number(letter) for letter in letters]
    duplicates = len(numbers) - len(set(numbers))
    burst.samples.append(float(len(failures) + duplicates))
    burst.details.update(issued=len(letters), failures=failures[:5], duplicates=duplicates)
    progress(f"{BURST} at once: {len(letters)} issued, {len(failures)} failed, {duplicates} duplicate numbers")
    return [rate, burst]
