"""The resident list at scale (issue 19): first page, name search, jorong filter and NIK prefix.

At 50,000 residents on SQLite and on a throw-away PostgreSQL database (target <= 50 ms each, single requests,
client-side, medians), and at 200,000 on PostgreSQL as a stress figure (reported, no target; full run only).
Each size and engine gets a demo site of its own (`DemoSite.build(residents)`), removed after.

The searches are chosen from the demo's name lists (core/preset/nama.py): "putra" is in three of the fifteen men's
family names (about one resident in ten), "rustam koto" is one first name with one family name (about one in 1,500),
"ko" is shorter than a trigram, so it takes the plain scan. A search the index serves badly would show on the rare
name (read every row to find the few) and on the 2-character one (no index at all). The count each page shows is
kept in the JSON (`shown`), so a run before and after a change can be checked for the same answers.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bench.cases import MEASUREMENT_ERRORS, Page, measure_pages
from bench.client import login, request, session_header
from bench.database import PostgresDatabase
from bench.report import Figure
from bench.server import DemoSite, Server, ServerStartError

SIZE = 50000
STRESS = 200000  # PostgreSQL only, reported
WARMUP = 10
SHOWN = re.compile(r'id="jumlah-hasil">([^<]*)<')
# OpenSID's figures are at 20,000 residents (BENCHMARKS.md); it has none for a 2-character or a NIK search.
PAGES = (
    Page("daftar", "resident list: first page", "/admin/penduduk", True, 50, 263),
    Page("cari_umum", "name search, common (q=putra)", "/admin/penduduk?q=putra", True, 50, 255),
    Page("cari_jarang", "name search, rare (q=rustam koto)", "/admin/penduduk?q=rustam+koto", True, 50, 255),
    Page("cari_pendek", "name search, 2 characters (q=ko)", "/admin/penduduk?q=ko", True, 50, None),
    Page("jorong", "jorong filter (wilayah=1)", "/admin/penduduk?wilayah=1", True, 50, 236),
    Page("nik", "NIK prefix (q=1307051203)", "/admin/penduduk?q=1307051203", True, 50, None),
)


def _label(fig: Figure, prefix: str, key: str) -> Figure:
    return replace(fig, key=f"register_{fig.key}@{key}", label=f"[{prefix}] {fig.label}")


def _shown(server: Server, figures: list[Figure], pages: tuple[Page, ...]) -> None:
    """What each page says it found ("20.143 penduduk · halaman 1 dari 403"), into the figure's details."""
    session = login(server.port)
    by_key = {f.key: f for f in figures}
    for page in pages:
        _, _, body, _ = request(server.port, "GET", page.path, headers=session_header(session))
        found = SHOWN.search(body.decode("utf-8", "replace"))
        if f"{page.key}_ms" in by_key:
            by_key[f"{page.key}_ms"].details["shown"] = " ".join(found.group(1).split()) if found else None


def measure_one(database_url: str | None, engine: str, residents: int, plan: dict, progress,
                stress: bool = False) -> list[Figure]:
    """Every page of PAGES on one engine and size, on a site built for it and removed after."""
    prefix, key = f"{residents // 1000}k {engine}", f"{residents}_{engine}"
    pages = tuple(replace(p, ms_target=None, ms_opensid=None) for p in PAGES) if stress else PAGES
    site = DemoSite(database_url)
    figures: list[Figure] = []
    try:
        progress(f"[{prefix}] building the demo site in {site.data_dir}")
        build = Figure("demo_s", f"demo nagari with {residents:,} residents (bulk insert)", "s", False, None)
        build.samples.append(site.build(residents))
        figures.append(build)
        with Server(site) as server:
            measured = measure_pages(server, None, plan, progress, pages=pages, warmup=WARMUP)
            _shown(server, measured, pages)
            figures += measured
    except ServerStartError as exc:
        failed = Figure("server", "resident list: server", "ms", False, None)
        failed.error = f"the demo site or the server could not start: {exc}"
        figures.append(failed)
    except MEASUREMENT_ERRORS as exc:
        failed = Figure("pages", "resident list pages", "ms", False, None)
        failed.error = f"{type(exc).__name__}: {exc}"
        figures.append(failed)
    finally:
        site.remove()
    return [_label(f, prefix, key) for f in figures]


def measure(quick: bool, plan: dict, progress) -> list[Figure]:
    """50,000 on SQLite, then on PostgreSQL; then (not with `quick`) 200,000 on PostgreSQL."""
    figures = measure_one(None, "sqlite", SIZE, plan, progress)
    with PostgresDatabase() as database:
        figures += measure_one(database.url, "postgres", SIZE, plan, progress)
    if not quick:
        with PostgresDatabase() as database:
            figures += measure_one(database.url, "postgres", STRESS, plan, progress, stress=True)
    return figures
