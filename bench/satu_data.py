"""Open data (issue 26, plugin `satu_data`) on the 20,000-resident demo, which publishes every dataset for the
last closed month and this month so far (`balai demo`). Figures, each the real answer a portal gets:

- CKAN `package_search` (a query with a facet-free text search and the harvester's sort) and `datastore_search`
  (a filtered page of the largest table, population by occupation): single requests, target <= 30 ms each;
- the full data package export (`/data/datapackage.zip`: datapackage.json and every dataset's CSV): its first
  request after the server starts (nothing cached: the catalogue is read and every file built), target <= 2 s,
  and the repeated request (cached) without a target;
- publishing every dataset for this month (`balai`'s own job function, in a process of its own): no target.

    python -m bench --satu-data         # about 2 minutes
    python -m bench.satu_data terbit    # (internal) publish every dataset now, in BALAI_DATA_DIR; prints seconds
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from urllib.parse import quote

from bench.cases import MEASUREMENT_ERRORS, Page, latency, latency_figure
from bench.client import request
from bench.report import Figure
from bench.server import DemoSite, Server, ServerStartError

TABLE = "penduduk-menurut-pekerjaan"
SEARCH = Page("ckan_package_search", "CKAN package_search (q=penduduk, sort metadata_modified desc)",
              "/api/3/action/package_search?q=penduduk&rows=20&sort=metadata_modified%20desc", False, 30, None)
PACKAGE_TARGET_S = 2.0


def _json(server: Server, path: str) -> dict:
    status, _, body, _ = request(server.port, "GET", path)
    if status != 200:
        raise ServerStartError(f"GET {path} answered {status}: {body[:300]!r}")
    return json.loads(body)


def _datastore_page(server: Server) -> Page:
    """datastore_search on the occupation table: one jorong's rows, sorted, a page of 100 (a portal's preview)."""
    package = _json(server, f"/api/3/action/package_show?id={TABLE}")["result"]
    resource = package["resources"][0]["id"]
    rows = _json(server, f"/api/3/action/datastore_search?resource_id={resource}&limit=1")["result"]
    if not rows["records"] or rows["total"] < 500:
        raise ServerStartError(f"{TABLE} holds {rows['total']} rows: not the full demo's table")
    filters = quote(json.dumps({"jenis_kelamin": "L+P"}))
    path = (f"/api/3/action/datastore_search?resource_id={resource}&filters={filters}&limit=100"
            f"&sort={quote('jumlah desc')}")
    return Page("ckan_datastore_search", f"CKAN datastore_search ({TABLE}, filtered, sorted, 100 rows)", path,
                False, 30, None)


def _package_export(server: Server, restart) -> list[Figure]:
    cold = Figure("satu_data_paket_s", "full data package export (datapackage.zip), first request", "s", False,
                  target=PACKAGE_TARGET_S)
    warm = Figure("satu_data_paket_cache_ms", "full data package export, repeated (cached)", "ms", False, None)
    size = 0
    for _ in range(2):
        with restart() as fresh:
            status, _, body, elapsed = request(fresh.port, "GET", "/data/datapackage.zip")
            if status != 200:
                raise ServerStartError(f"/data/datapackage.zip answered {status}")
            cold.samples.append(elapsed)
            size = len(body)
            for _ in range(5):
                warm.samples.append(request(fresh.port, "GET", "/data/datapackage.zip")[3] * 1000)
    cold.details.update(bytes=size, how="the first GET after the server started: catalogue read, files built")
    return [cold, warm]


def _publish(site: DemoSite) -> Figure:
    fig = Figure("satu_data_terbit_s", "publishing every dataset now (20,000 residents)", "s", False, None)
    done = subprocess.run([sys.executable, "-m", "bench.satu_data", "terbit"], env=site.env(), capture_output=True,
                          text=True, timeout=600)
    if done.returncode != 0:
        fig.error = done.stderr.strip()[-800:]
        return fig
    result = json.loads(done.stdout.strip().splitlines()[-1])
    fig.samples.append(result["detik"])
    fig.details.update(datasets=result["dataset"], statuses=result["status"])
    return fig


def measure(plan: dict, progress, residents: int = 20000) -> list[Figure]:
    site = DemoSite()
    figures: list[Figure] = []
    try:
        progress(f"[satu_data] building the demo site ({residents:,} residents) in {site.data_dir}")
        site.build(residents)
        with Server(site) as server:
            for page in (SEARCH, _datastore_page(server)):
                for _ in range(5):
                    request(server.port, "GET", page.path)
                fig = latency_figure(page)
                latency(fig, server, page, None, plan["batches"] * 2, plan["per_batch"], progress)
                figures.append(fig)
        figures += _package_export(server, lambda: Server(site))
        progress("[satu_data] publishing every dataset")
        figures.append(_publish(site))
    except ServerStartError as exc:
        failed = Figure("satu_data_server", "satu_data: demo site or server", "ms", False, None)
        failed.error = str(exc)
        figures.append(failed)
    except MEASUREMENT_ERRORS as exc:
        failed = Figure("satu_data_pages", "satu_data: API and exports", "ms", False, None)
        failed.error = f"{type(exc).__name__}: {exc}"
        figures.append(failed)
    finally:
        site.remove()
    return figures


async def _terbit(balai) -> bool:
    from balai_demo.cli import _DemoRequest
    from plugins.satu_data import registri
    from plugins.satu_data.terbit import terbitkan

    ctx = _DemoRequest(balai)
    nama = [d.nama for d in await registri.semua(ctx)]
    began = time.perf_counter()
    hasil = await terbitkan(ctx, nama=nama)
    print(json.dumps({"detik": time.perf_counter() - began, "dataset": len(hasil),
                      "status": {h.dataset: h.status for h in hasil}}))
    return True


if __name__ == "__main__":
    if sys.argv[1:] == ["terbit"]:
        from core.cli.common import run

        run(_terbit)
    else:
        sys.exit("usage: python -m bench --satu-data")
