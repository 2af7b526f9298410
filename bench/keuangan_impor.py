"""The Siskeudes import (issue 22, plugin `keuangan`): a 2,000-line export, dry run and apply, through the admin pages
of a running server, as the Kaur Keuangan does it.

A fresh demo site (no residents; the demo's APB Desa of this year and last year is there), one `balai serve`
worker, a logged-in operator. Each run uploads a different export of this year (another seed: another budget), so
every apply really replaces the version in force (new version, 2,000 lines, the year's imported realisation
replaced). Timed from the client: the upload POST that answers the dry-run page, and the "Terapkan" POST that
answers the redirect once the transaction is committed.

    PUBLIK's bench/keuangan.py calls measure(runs, progress).
"""

from __future__ import annotations

import re
import secrets
import time
from datetime import date

from bench.client import CSRF_COOKIE, BenchError, login_cookies, request
from bench.report import Figure
from bench.server import DemoSite, Server

LINES = 2000
ENTRIES = 3           # journal entries per line at most (1-3, about 2 on average, each with its cash row)
TOKEN = re.compile(rb'action="/admin/keuangan/impor/([0-9a-f]{64})/terapkan"')
SINCE = re.compile(rb'name="berlaku_sejak" value="([0-9-]{10})"')


def _headers(cookies: dict, extra: dict | None = None) -> dict:
    return {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()), "x-csrftoken": cookies[CSRF_COOKIE],
            **(extra or {})}


def _multipart(name: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = f"----balai{secrets.token_hex(8)}"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\n"
            f"Content-Type: application/zip\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def _one(port: int, cookies: dict, data: bytes) -> tuple[float, float]:
    body, kind = _multipart("berkas", "siskeudes.zip", data)
    status, _, page, dry = request(port, "POST", "/admin/keuangan/impor", body=body,
                                   headers=_headers(cookies, {"Content-Type": kind}))
    token, since = TOKEN.search(page), SINCE.search(page)
    if status != 200 or token is None or since is None or f"{LINES} baris anggaran".encode() not in page:
        raise BenchError(f"the dry run answered {status} without an apply form for {LINES} lines: {page[:300]!r}")
    form = f"berlaku_sejak={since.group(1).decode()}".encode()
    status, headers, page, applied = request(
        port, "POST", f"/admin/keuangan/impor/{token.group(1).decode()}/terapkan", body=form,
        headers=_headers(cookies, {"Content-Type": "application/x-www-form-urlencoded"}))
    if status not in (302, 303) or not (headers.get("Location") or "").startswith("/admin/keuangan/"):
        raise BenchError(f"applying answered {status}: {page[:300]!r}")
    return dry, applied


def measure(runs: int, progress, database_url: str | None = None) -> list[Figure]:
    """`runs` imports of a different 2,000-line export each, on a fresh demo site (SQLite unless `database_url`)."""
    from plugins.keuangan.contoh import anggaran_contoh, zip_siskeudes

    label = f"Siskeudes import, {LINES:,} budget lines"
    dry = Figure("keuangan_impor_periksa_s", f"{label}: dry run (upload to preview page)", "s", False, target=3)
    apply = Figure("keuangan_impor_terapkan_s", f"{label}: apply (new version + realisation)", "s", False, target=3)
    site = DemoSite(database_url)
    try:
        site.cli("demo", "--no-serve", "--penduduk", "0", "--tanpa-surat")
        site.cli("jadwal-cadangan", "--mati")
        year = date.today().year
        began = time.perf_counter()
        exports = [zip_siskeudes(year, baris=LINES, seed=100 + run, sampai=date.today(), entri=ENTRIES)
                   for run in range(runs)]
        _, _, entries = anggaran_contoh(year, baris=LINES, seed=100, sampai=date.today(), entri=ENTRIES)
        details = {"lines": LINES, "journal_entries": len(entries), "journal_rows": 2 * len(entries),
                   "zip_kib": round(len(exports[0]) / 1024), "database": "postgres" if database_url
                   else "sqlite", "export": f"plugins.keuangan.contoh.zip_siskeudes({year}, baris={LINES}, "
                   f"seed=100+run, sampai=today, entri={ENTRIES})", "build_s": round(time.perf_counter() - began, 2),
                   "timed": "client side, one request each: the upload POST answering the preview page; the "
                            "Terapkan POST answering its redirect"}
        dry.details.update(details)
        apply.details.update(details)
        with Server(site) as server:
            cookies = login_cookies(server.port)
            for data in exports:
                d, a = _one(server.port, cookies, data)
                dry.samples.append(d)
                apply.samples.append(a)
                progress(f"siskeudes import: dry run {d:.2f} s, apply {a:.2f} s")
    except Exception as exc:  # noqa: BLE001 - any failure becomes an ERROR row, the rest of the suite goes on
        message = f"{type(exc).__name__}: {exc}"
        for fig in (dry, apply):
            if len(fig.samples) < runs:
                fig.error = message
    finally:
        site.remove()
    return [dry, apply]


if __name__ == "__main__":  # python -m bench.keuangan_impor [runs]
    import sys

    for fig in measure(int(sys.argv[1]) if len(sys.argv) > 1 else 3, print):
        print(fig.key, fig.value, fig.samples, fig.error or "", fig.details)
