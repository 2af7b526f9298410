"""`python -m bench.statistik_proses --runs N [--profile OUT]`: server-side time of the statistics computations.

Every category (`all_tables`, for the nagari and by jorong, and each category alone) and the monthly report of
the three months bench/statistik.py requests, each with the plugin's cache emptied first.

Run by bench/statistik.py in the demo site's environment (BALAI_DATA_DIR, BALAI_DATABASE_URL), in a process of
its own, so it times the same code the server runs against the same database, without HTTP. Every figure is
thus computed from the database, as after any register change. Prints one JSON object on stdout: milliseconds
per run, per category and per month, and the register's first report month.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import statistics
import time

from core.cli.common import booted


async def _timed(coro_fn) -> float:
    began = time.perf_counter()
    await coro_fn()
    return (time.perf_counter() - began) * 1000


async def measure(runs: int, profile: str | None) -> dict:
    from bench.statistik import report_months
    from plugin_sdk import register
    from plugins.statistik import bulanan, kategori

    balai = booted()
    if balai.engine.engine_type == "postgres":  # as the server does (core/web/app.py): no connection per query
        await balai.engine.start_connection_pool(min_size=1, max_size=10)
    try:
        await register.data_version()  # connections open, pages in the cache: a running server has both
        first = await register.journal_first_month()
        nagari, jorong, per_category = [], [], {k.kode: [] for k in kategori.categories()}
        profil = await register.stored_profile()
        for _ in range(runs):
            kategori._cache.clear()
            nagari.append(await _timed(lambda: kategori.all_tables()))
            kategori._cache.clear()
            jorong.append(await _timed(lambda: kategori.all_tables(tingkat=1)))
            for kode, times in per_category.items():
                kategori._cache.clear()
                times.append(await _timed(lambda: kategori.table(kode, _profil=profil)))
        monthly = {month: [] for month, _ in report_months(first)}
        for _ in range(runs):
            for month, times in monthly.items():
                bulanan._journal.clear()
                times.append(await _timed(lambda: bulanan.monthly_report(month)))
        if profile:  # one more uncached run under cProfile, for finding what is slow
            kategori._cache.clear()
            profiler = cProfile.Profile()
            profiler.enable()
            await kategori.all_tables()
            profiler.disable()
            profiler.dump_stats(profile)
        return {"first_month": first, "all_tables_ms": nagari, "all_tables_jorong_ms": jorong, "monthly_ms": monthly,
                "category_median_ms": {k: statistics.median(v) for k, v in per_category.items()}}
    finally:
        await balai.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.statistik_proses", description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", help="write a cProfile of one uncached all_tables() here")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(measure(args.runs, args.profile))))


if __name__ == "__main__":
    main()
