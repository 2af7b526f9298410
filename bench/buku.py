"""Administration books (issue 18, plugin `buku_administrasi`) at 20,000 residents, on SQLite and PostgreSQL.

For each engine: a demo site of its own and `balai serve`, then, as the demo admin over plain HTTP:
- every book's first page (the books listed on /admin/buku), single requests, plus B.1 searched and by jorong;
- B.1 Buku Induk Penduduk as PDF (A4, the first official who may sign) and as XLSX through the book page's export
  form: client-side from the POST to the finished file downloaded, polling the job's status every 50 ms;
- the peak memory (VmHWM) of the server's `balai worker` process while it wrote the PDFs.
The PDFs run first, on a fresh worker, so its VmHWM is theirs; it is then reset (/proc/<pid>/clear_refs) for the
XLSX runs, whose own peak goes in the JSON. The jobs' own run times are read from the job table afterwards.
"""

from __future__ import annotations

import io
import json
import re
import statistics
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from bench.cases import MEASUREMENT_ERRORS
from bench.client import CSRF_COOKIE, SESSION_COOKIE, BenchError, login_cookies, request, timed_get
from bench.database import PostgresDatabase
from bench.report import Figure
from bench.server import DemoSite, Server, ServerStartError

RESIDENTS = 20000
FULL = {"xlsx": 3, "pdf": 2, "pages": 20}
QUICK = {"xlsx": 1, "pdf": 1, "pages": 5}
WARMUP = 5
POLL = 0.05            # seconds between looks at the job's status, as fast as a watching browser could
JOB_TIMEOUT = 900      # seconds: a job still running after this is reported as an error
ENDED = ("selesai", "gagal", "dibatalkan")
EXPECTED_BOOKS = ("b1", "b2", "b3", "b4", "b5", "a4", "a7")
BOOK_LINK = re.compile(r'href="/admin/buku/([a-z0-9]+)"')
SIGNER = re.compile(r'name="ttd" value="(\d+)"')
JOB_TIMES = """
import asyncio, json, sys
from core.cli.common import booted
from core.tugas.tables import Tugas
async def main():
    booted()
    rows = await Tugas.select(Tugas.kode, Tugas.dibuat, Tugas.mulai, Tugas.berakhir).where(
        Tugas.kode.is_in(sys.argv[1:])).run()
    print(json.dumps({r["kode"]: {"wait_s": (r["mulai"] - r["dibuat"]).total_seconds(),
                                  "run_s": (r["berakhir"] - r["mulai"]).total_seconds()} for r in rows}))
asyncio.run(main())
"""


@dataclass
class SlowestFigure(Figure):
    """Samples are one median per book; the figure is the slowest book's."""

    @property
    def value(self) -> float | None:
        return max(self.samples) if self.samples else None


class Session:
    def __init__(self, port: int) -> None:
        self.port, self.cookies = port, login_cookies(port)
        self.cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def get(self, path: str, accept: str = "text/html") -> bytes:
        status, _, body, _ = request(self.port, "GET", path, headers={"Cookie": self.cookie, "Accept": accept})
        if status != 200:
            raise BenchError(f"GET {path} answered {status}, not 200")
        return body

    def export(self, slug: str, fields: list[tuple[str, str]]) -> tuple[float, str, bytes]:
        """POST the export form, follow the job to its end, download the file: (seconds, job code, file)."""
        began = time.perf_counter()
        form = {"Content-Type": "application/x-www-form-urlencoded", "x-csrftoken": self.cookies[CSRF_COOKIE],
                "Cookie": self.cookie}
        status, headers, body, _ = request(self.port, "POST", f"/admin/buku/{slug}/ekspor",
                                           body=urlencode(fields).encode(), headers=form)
        if status not in (302, 303):
            raise BenchError(f"POST /admin/buku/{slug}/ekspor answered {status}: {body[:300]!r}")
        job = urlsplit(headers.get("Location", "")).path
        while True:
            state = json.loads(self.get(f"{job}/status", "application/json"))
            if state["status"] in ENDED:
                break
            if time.perf_counter() - began > JOB_TIMEOUT:
                raise BenchError(f"{job} still {state['status']} after {JOB_TIMEOUT} s")
            time.sleep(POLL)
        if state["status"] != "selesai" or not state.get("tautan"):
            raise BenchError(f"{job} ended {state['status']}: {state.get('pesan')}")
        data = self.get(state["tautan"], "*/*")
        return time.perf_counter() - began, job.rsplit("/", 1)[-1], data


def worker_pid(server: Server) -> int | None:
    """The `balai worker` child in the server's process group."""
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except (OSError, IndexError):
            continue
        if int(fields[2]) == server.process.pid and b"worker" in args:
            return int(entry.name)
    return None


def vm_mib(pid: int, field: str = "VmHWM") -> float:
    """VmHWM (peak resident memory) or VmRSS of a process, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise BenchError(f"no {field} in /proc/{pid}/status")


def job_times(site: DemoSite, codes: list[str]) -> dict:
    """{code: {"wait_s", "run_s"}} from the job table (queued -> started -> ended), in the site's environment."""
    if not codes:
        return {}
    done = subprocess.run([sys.executable, "-c", JOB_TIMES, *codes], env=site.env(), capture_output=True, text=True,
                          timeout=120)
    return json.loads(done.stdout) if done.returncode == 0 else {"error": done.stderr.strip()[-400:]}


def _xlsx_rows(data: bytes) -> int:
    """Rows of the first sheet, heading rows included (`<row` elements: the file is written by core.dokumen)."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return len(re.findall(rb"<row[ >]", book.read("xl/worksheets/sheet1.xml")))


def _pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def measure_pages(session: Session, runs: int, progress) -> tuple[Figure, dict]:
    """Every listed book's first page, B.1 searched and by jorong; what the B.1 page offers (signer, jorong)."""
    fig = SlowestFigure("buku_halaman_ms", "a book's first page (slowest book's median)", "ms", False, target=50)
    slugs = list(dict.fromkeys(BOOK_LINK.findall(session.get("/admin/buku").decode())))
    b1 = session.get("/admin/buku/b1").decode()
    signer = SIGNER.search(b1)
    jorong = re.search(r'name="jorong".*?value="(\d+)"', b1, re.S)
    offer = {"ttd": signer.group(1) if signer else None, "jorong": jorong.group(1) if jorong else None}
    paths = {slug: f"/admin/buku/{slug}" for slug in slugs}
    paths["b1 ?cari=siti"] = "/admin/buku/b1?cari=siti"
    if offer["jorong"]:
        paths[f"b1 ?jorong={offer['jorong']}"] = f"/admin/buku/b1?jorong={offer['jorong']}"
    medians = {}
    for name, path in paths.items():
        for _ in range(WARMUP):
            timed_get(session.port, path, session.cookies[SESSION_COOKIE])
        times = [timed_get(session.port, path, session.cookies[SESSION_COOKIE]) * 1000 for _ in range(runs)]
        medians[name] = round(statistics.median(times), 1)
        if name in slugs:
            fig.samples.append(statistics.median(times))
    slowest = max(slugs, key=medians.get) if slugs else None
    fig.details.update(how=f"GET /admin/buku/<slug> as the demo admin, {WARMUP} warm-up then {runs} single requests "
                           "each; the figure is the slowest book's median", median_ms=medians, slowest=slowest,
                       books=slugs, missing_books=[b for b in EXPECTED_BOOKS if b not in slugs])
    if not slugs:
        fig.error = "no book linked from /admin/buku"
    missing = fig.details["missing_books"]
    progress(f"book pages: slowest {slowest} {medians.get(slowest, 0):.1f} ms; {medians}"
             + (f"; not listed: {', '.join(missing)}" if missing else ""))
    return fig, offer


def measure_exports(server: Server, session: Session, offer: dict, plan: dict, progress) -> list[Figure]:
    pdf = Figure("buku_b1_pdf_s", "B.1 Buku Induk as PDF (POST to file downloaded)", "s", False, target=30,
                 opensid_text="no PDF")
    xlsx = Figure("buku_b1_xlsx_s", "B.1 Buku Induk as XLSX (POST to file downloaded)", "s", False, target=5,
                  opensid=13.8)
    peak = Figure("buku_pdf_peak_mib", "worker's peak memory writing the B.1 PDF (VmHWM)", "MiB", False, target=500)
    pdf.details["opensid"] = "OpenSID has no PDF of the Buku Induk (HTML print 12.7 s, .xls 13.8 s)"
    xlsx.details["opensid"] = "OpenSID's .xls of the Buku Induk at 20,000 residents"
    pid = worker_pid(server)
    if pid is None:
        peak.error = "no `balai worker` process in the server's process group"
    else:
        peak.details["before_first_export_mib"] = round(vm_mib(pid), 1)
    codes = {}
    fields = [("format", "pdf"), ("kertas", "A4")] + ([("ttd", offer["ttd"])] if offer["ttd"] else [])
    pdf.details.update(form=dict(fields), signer=offer["ttd"] or "none offered on /admin/buku/b1", runs=[])
    for run in range(plan["pdf"]):
        seconds, code, data = session.export("b1", fields)
        pdf.samples.append(seconds)
        codes[code] = pdf
        pdf.details["runs"].append({"job": code, "s": round(seconds, 2), "bytes": len(data), "pages": _pdf_pages(data)})
        progress(f"B.1 PDF {run + 1}/{plan['pdf']}: {seconds:.2f} s, {pdf.details['runs'][-1]['pages']} pages")
    if pid is not None:
        peak.samples.append(vm_mib(pid))
        peak.details.update(worker_pid=pid, how="VmHWM of /proc/<worker>/status after the PDF runs, fresh worker",
                            rss_after_pdf_mib=round(vm_mib(pid, "VmRSS"), 1))
        try:  # reset the peak to the current RSS, so the XLSX runs get a peak of their own
            Path(f"/proc/{pid}/clear_refs").write_text("5")
            xlsx.details["worker_peak_reset"] = "to the RSS the PDF runs left, so the peak is at least that"
        except OSError as exc:
            xlsx.details["worker_peak_reset"] = f"not reset ({exc}): the peak below includes the PDF runs"
    xlsx.details["runs"] = []
    for run in range(plan["xlsx"]):
        seconds, code, data = session.export("b1", [("format", "xlsx"), ("kertas", "A4")])
        xlsx.samples.append(seconds)
        codes[code] = xlsx
        xlsx.details["runs"].append({"job": code, "s": round(seconds, 2), "bytes": len(data), "rows": _xlsx_rows(data)})
        progress(f"B.1 XLSX {run + 1}/{plan['xlsx']}: {seconds:.2f} s, {xlsx.details['runs'][-1]['rows']} rows")
    if pid is not None:
        xlsx.details["worker_peak_mib"] = round(vm_mib(pid), 1)
    times = job_times(server.site, list(codes))
    for fig in (pdf, xlsx):
        for run in fig.details["runs"]:
            run.update(times.get(run["job"], {}))
    if "error" in times:
        pdf.details["job_times_error"] = times["error"]
    return [xlsx, pdf, peak]


def _label(fig: Figure, prefix: str, key: str) -> Figure:
    return replace(fig, key=f"{fig.key}@{key}", label=f"[{prefix}] {fig.label}")


def measure_one(database_url: str | None, engine: str, plan: dict, progress) -> list[Figure]:
    prefix, key = f"{RESIDENTS // 1000}k {engine}", f"{RESIDENTS}_{engine}"
    site = DemoSite(database_url)
    figures: list[Figure] = []
    try:
        progress(f"[{prefix}] building the demo site in {site.data_dir}")
        site.build(RESIDENTS)
        with Server(site) as server:
            session = Session(server.port)
            pages, offer = measure_pages(session, plan["pages"], progress)
            figures.append(pages)
            figures = [*measure_exports(server, session, offer, plan, progress), pages]
        return [_label(f, prefix, key) for f in figures]
    except ServerStartError as exc:
        failed = Figure("buku_server", "books: server", "s", False, None)
        failed.error = f"the demo site or the server could not start: {exc}"
        return [_label(f, prefix, key) for f in [*figures, failed]]
    except (*MEASUREMENT_ERRORS, subprocess.TimeoutExpired) as exc:
        failed = Figure("buku_ukur", "books: pages and exports", "s", False, None)
        failed.error = f"{type(exc).__name__}: {exc}"
        return [_label(f, prefix, key) for f in [*figures, failed]]
    finally:
        site.remove()


def measure(quick: bool, progress) -> list[Figure]:
    """SQLite and then a throw-away PostgreSQL database, each on a 20,000-resident demo site of its own."""
    plan = QUICK if quick else FULL
    figures = measure_one(None, "sqlite", plan, progress)
    with PostgresDatabase() as database:
        figures += measure_one(database.url, "postgres", plan, progress)
    return figures
