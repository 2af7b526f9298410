"""Load with a crowd: 50 operators and 200 anonymous visitors for 2 minutes, on SQLite and on PostgreSQL.

The bar (issue 14): no errors, and nothing lost: every letter the server answered as issued is in the
database afterwards, as issued. p95 per class is reported beside the generator's own CPU use, since it
shares the two cores with the server.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
import subprocess
import sys
import time

from bench.client import login_cookies
from bench.report import Figure
from bench.server import DemoSite, Server
from bench.surat import Operator, living_residents

OPERATORS = 50
VISITORS = 200


def crowd(port: int, operators: list[dict], seconds: float, visitors: int, folder) -> dict:
    """Run `python -m bench.ramai` against the server and return its JSON."""
    path = folder / "operator.json"
    path.write_text(json.dumps(operators))
    done = subprocess.run([sys.executable, "-m", "bench.ramai", "--port", str(port), "--seconds", str(seconds),
                           "--visitors", str(visitors), "--operators", str(path)],
                          capture_output=True, text=True, timeout=seconds + 120)
    if done.returncode != 0:
        raise RuntimeError(f"bench.ramai failed: {done.stderr[-500:]}")
    return json.loads(done.stdout)


def issued_letters(site: DemoSite, ids: list[int]) -> set[int]:
    """The ids among `ids` that the database holds as issued letters with a stored PDF hash."""
    query = "SELECT id FROM surat_arsip WHERE status = 'terbit' AND sha256 <> ''"
    if site.database_url:
        import asyncpg

        async def fetch():
            conn = await asyncpg.connect(site.database_url)
            try:
                return [r["id"] for r in await conn.fetch(query)]
            finally:
                await conn.close()
        found = asyncio.run(fetch())
    else:
        with sqlite3.connect(site.data_dir / "balai.sqlite") as conn:
            found = [r[0] for r in conn.execute(query)]
    return set(found) & set(ids)


def measure(database_url: str | None, engine: str, seconds: float, progress, residents: int = 20000,
            operators: int = OPERATORS, visitors: int = VISITORS) -> list[Figure]:
    site = DemoSite(database_url)
    errors = Figure(f"ramai_{engine}_galat", f"{engine}: {operators} operators + {visitors} visitors, "
                    f"{seconds:.0f} s: failed requests", "", False, target=0.0,
                    opensid_text="0.2-0.7 % HTTP 500 at 8")
    lost = Figure(f"ramai_{engine}_hilang", f"{engine}: letters answered as issued but missing afterwards", "", False,
                  target=0.0)
    p95_visitor = Figure(f"ramai_{engine}_p95_anon", f"{engine}: visitors' p95 (public pages)", "ms", False, None)
    p95_operator = Figure(f"ramai_{engine}_p95_op", f"{engine}: operators' p95 (list, record, letter)", "ms", False,
                          None)
    figures = [errors, lost, p95_visitor, p95_operator]
    try:
        progress(f"crowd on {engine}: building the demo site ({residents} residents)")
        site.build(residents)
        with Server(site) as server:
            first = Operator(server.port, [1])
            people = living_residents(server.port, first)
            logins = [{"cookies": login_cookies(server.port), "residents": people[i::operators] or people}
                      for i in range(operators)]
            progress(f"crowd on {engine}: {operators} operators and {visitors} visitors for {seconds:.0f} s")
            cpu_before, began = server.cpu_seconds(), time.perf_counter()
            result = crowd(server.port, logins, seconds, visitors, site.data_dir)
            server_cpu = 100 * (server.cpu_seconds() - cpu_before) / (time.perf_counter() - began)
        kept = issued_letters(site, result["surat"])
        errors.samples.append(float(result["anonim"]["failures"] + result["operator"]["failures"]))
        lost.samples.append(float(len(set(result["surat"]) - kept)))
        p95_visitor.samples.append(result["anonim"]["p95_ms"])
        p95_operator.samples.append(result["operator"]["p95_ms"])
        details = {"anonim": result["anonim"], "operator": result["operator"], "surat_terbit": len(result["surat"]),
                   "generator_cpu_pct": result["generator_cpu_pct"], "server_cpu_pct": round(server_cpu, 1)}
        for figure in figures:
            figure.details.update(details)
        progress(f"crowd on {engine}: {result['anonim']['requests']} visitor and {result['operator']['requests']} "
                 f"operator requests, {errors.value:.0f} failed, {len(result['surat'])} letters, {lost.value:.0f} lost; "
                 f"generator CPU {result['generator_cpu_pct']} %, server CPU {server_cpu:.0f} %")
    except Exception as exc:  # one engine's failure is reported, the other still runs
        for figure in figures:
            figure.error = f"{type(exc).__name__}: {exc}"
    finally:
        site.remove()
    return figures
