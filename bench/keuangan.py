"""The village budget in public (issue 22, plugin `keuangan`) on the 20,000-resident demo, and the Siskeudes import.

The demo site holds last year's and this year's APB Desa with realisation to date (`balai demo`, through the real
Siskeudes import; `plugins.keuangan.contoh.buat_demo`) and the portal's demo content, so `/` is the full home page
with the budget block among the news and statistics. Figures:

- the public infographic of this year (`/apbdes/<year>`): single requests and throughput with CONNECTIONS
  connections and one worker, from the page cache; the same single requests with the cache switched off
  (`BALAI_TANPA_CACHE=1`: every view computed and rendered afresh), reported without a target;
- the portal home with the budget block: first-load weight (bench/portal.py's measurement) and throughput;
- the Siskeudes import of 2,000 lines, dry run and apply (bench/keuangan_impor.py, a site of its own).

    python -m bench --keuangan          # about 3 minutes
    python -m bench.keuangan isi        # (internal) the portal's content and the budget, in BALAI_DATA_DIR
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date

from bench import keuangan_impor
from bench.cases import MEASUREMENT_ERRORS, Page, latency, latency_figure, throughput, throughput_figure
from bench.client import request
from bench.portal import HOME, WARMUP, first_load
from bench.report import Figure
from bench.server import DemoSite, Server, ServerStartError

YEAR = date.today().year
INFOGRAFIS = Page("keuangan_infografis", f"APB Desa infographic ({YEAR}, demo budget)", f"/apbdes/{YEAR}", False,
                  30, None, 500, None)
BERANDA = replace(HOME, key="keuangan_beranda", label="portal home with the APB Desa block")
WEIGHT_TARGET_KB = 150


def fill(site: DemoSite) -> None:
    done = subprocess.run([sys.executable, "-m", "bench.keuangan", "isi"], env=site.env(), capture_output=True,
                          text=True, timeout=600)
    if done.returncode != 0:
        raise ServerStartError(f"bench.keuangan isi failed: {done.stderr.strip()[-800:]}")


def _check(server: Server) -> None:
    """The pages measured are the real ones: the year's budget is published and the home shows its block."""
    status, _, body, _ = request(server.port, "GET", INFOGRAFIS.path)
    if status != 200 or b"tabel-bidang" not in body:
        raise ServerStartError(f"GET {INFOGRAFIS.path} answered {status} without the budget: no demo APB Desa?")
    status, _, body, _ = request(server.port, "GET", "/")
    if status != 200 or b"apbdes-blok" not in body:
        raise ServerStartError("the portal home has no APB Desa block")


def _page(server: Server, generator, plan: dict, progress, page: Page, *, rate: bool = True) -> list[Figure]:
    times = latency_figure(page)
    for _ in range(WARMUP):
        request(server.port, "GET", page.path)
    latency(times, server, page, None, plan["batches"], plan["per_batch"], progress)
    if not rate:
        return [times]
    speed = throughput_figure(page)
    results = throughput(speed, server, generator, page, None, plan["load_runs"], plan["load_seconds"],
                         plan["warmup_seconds"], progress)
    bad = sum(r.non2xx + r.socket_errors for r in results)
    if bad:
        speed.error = f"{bad} non-2xx answers or socket errors under load"
    return [times, speed]


def _weight(port: int, path: str, key: str, label: str, target: float | None) -> Figure:
    fig = Figure(key, label, "KB", False, target=target)
    loaded = first_load(port, path)
    fig.samples.append(loaded["total"] / 1024)
    fig.details.update(html_bytes=loaded["html"], assets=loaded["assets"],
                       how="uncompressed bytes of the page and everything it loads, as with an empty browser cache")
    return fig


def measure(generator, plan: dict, progress, residents: int = 20000) -> list[Figure]:
    site = DemoSite()
    figures: list[Figure] = []
    try:
        progress(f"[keuangan] building the demo site ({residents:,} residents) in {site.data_dir}")
        site.build(residents)
        fill(site)
        with Server(site) as server:
            _check(server)
            figures += _page(server, generator, plan, progress, INFOGRAFIS)
            figures.append(_weight(server.port, INFOGRAFIS.path, "keuangan_infografis_bobot_kb",
                                   "APB Desa infographic: first-load weight", None))
            figures.append(_weight(server.port, "/", "keuangan_beranda_bobot_kb",
                                   "portal home with the APB Desa block: first-load weight", WEIGHT_TARGET_KB))
            progress(f"[keuangan] home first load: {figures[-1].value:.1f} KB")
            figures += _page(server, generator, plan, progress, BERANDA)
        with Server(site, env={"BALAI_TANPA_CACHE": "1"}) as server:
            uncached = replace(INFOGRAFIS, key="keuangan_infografis_tanpa_cache",
                               label=INFOGRAFIS.label + " without the page cache", ms_target=None)
            figures += _page(server, generator, plan, progress, uncached, rate=False)
    except ServerStartError as exc:
        failed = Figure("keuangan_server", "keuangan: demo site or server", "ms", False, None)
        failed.error = str(exc)
        figures.append(failed)
    except MEASUREMENT_ERRORS as exc:
        failed = Figure("keuangan_pages", "keuangan public pages", "ms", False, None)
        failed.error = f"{type(exc).__name__}: {exc}"
        figures.append(failed)
    finally:
        site.remove()
    progress("[keuangan] Siskeudes import, 2,000 lines")
    figures += keuangan_impor.measure(plan["import_runs"], progress)
    return figures


async def _fill(balai) -> bool:
    from core.web.app import create_app
    from plugins.keuangan.contoh import buat_demo
    from plugins.portal.publik.contoh import make_demo_content

    app = create_app(balai)
    await make_demo_content(app)
    await buat_demo(app)  # a no-op when `balai demo` already made it
    return True


if __name__ == "__main__":
    if sys.argv[1:] == ["isi"]:
        from core.cli.common import run

        run(_fill)
    else:
        sys.exit("usage: python -m bench --keuangan")
