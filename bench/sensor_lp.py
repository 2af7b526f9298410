"""The long run of the suppression audit (issue 17): many random publications, each attacked by linear programming.

CI runs 16 small publications and the demo register (tests/test_statistik_sensor_lp.py); this run tries many more
seeds, more jorong and more people, at thresholds 3 and 5, and counts the hidden cells whose feasible range is
narrower than the threshold (the target is none). Pure Python and scipy, no server: `python -m bench --sensor`.
"""

from __future__ import annotations

import time

from bench.report import Figure

SIZES = ((4, 60), (6, 300), (8, 1200))  # (jorong, people): a hamlet-sized table up to a large nagari's sample


def measure(quick: bool, progress) -> list[Figure]:
    from plugins.statistik.sensor import suppress
    from tests.test_statistik_sensor_lp import narrow, synthetic, truth_of

    seeds = range(4) if quick else range(40)
    figure = Figure("sensor_lp", f"suppression: hidden cells narrowed by LP ({len(seeds) * len(SIZES) * 2} "
                    "publications)", "cells", False, target=0)
    began, hidden, narrowed, notes = time.perf_counter(), 0, 0, []
    for places, people in SIZES:
        progress(f"sensor LP: {len(seeds)} publications of {people} people in {places} jorong, thresholds 3 and 5")
        for seed in seeds:
            tables, sensitive = synthetic(1000 + seed, places, people)
            for threshold in (3, 5):
                published = suppress(tables, threshold=threshold, sensitive=sensitive, nagari_name="Uji")
                hidden += sum(r["disembunyikan"] for levels in published.values() for rows in levels.values()
                              for r in rows)
                bad = narrow(published, truth_of(tables), threshold)
                narrowed += len(bad)
                notes += [f"seed {1000 + seed}, {people} people, threshold {threshold}: {b}" for b in bad[:2]]
    figure.samples.append(float(narrowed))
    figure.details = {"hidden_cells": hidden, "seconds": round(time.perf_counter() - began, 1),
                      "first_narrowed": notes[:10]}
    return [figure]
