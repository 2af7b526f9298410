"""The attacker's view of a suppressed publication, by linear programming (scipy, tests only).

`feasible_ranges(published, true_tables, sensitive)` sets up every relation a reader of the published tables knows:

- every shown cell is a known number, every hidden cell an unknown >= 0;
- in each table, the two sexes add up to L+P, the codes to the total, the jorongs to the nagari figure;
- the jorong and nagari totals of categories counting the same people are the same numbers (one unknown when
  hidden), wherever they are published;

and for every hidden cell minimises and maximises its value subject to all of them (continuous relaxation, the
usual audit; an integer attacker can only do worse). Independent of plugins/statistik/sensor.py on purpose: it
reads only the published rows.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import lil_matrix

from plugins.statistik.sensor import KEDUA, SEMUA

SEXES = (1, 2)


def _groups(published: dict) -> dict[str, tuple]:
    """The reader may assume categories with the same published totals count the same people: nagari totals
    per sex are one unknown across categories that agree on them, jorong totals across those that agree on all."""
    out = {}
    for kode, levels in published.items():
        nagari = tuple(r["jumlah"] for r in levels[0] if r["kode"] == SEMUA)
        jorong = tuple((r["wilayah"], r["jenis_kelamin"], r["jumlah"]) for r in levels.get(1, []) if r["kode"] == SEMUA)
        # a hidden total is None in both: categories hiding the same totals and showing the same others match
        out[kode] = (nagari, jorong)
    return out


def _margin(group: tuple, w, s) -> tuple:
    return ("g", group[0], w, s) if w == "+" else ("g", group, w, s)


def equations(published: dict, truth: dict) -> tuple[dict, list[tuple[dict, float]]]:
    """Unknowns (hidden cells -> true value) and equations {unknown: coefficient} = constant."""
    groups = _groups(published)
    cell_value, unknown = {}, {}
    for kode, levels in published.items():
        for level, rows in levels.items():
            for r in rows:
                w = "+" if level == 0 else r["wilayah"]
                key = _margin(groups[kode], w, r["jenis_kelamin"]) if r["kode"] == SEMUA else \
                      ("k", kode, w, r["kode"], r["jenis_kelamin"])
                if r["disembunyikan"]:
                    unknown[key] = truth[(kode, w, r["kode"], r["jenis_kelamin"])]
                    cell_value[key] = None
                else:
                    cell_value[key] = r["jumlah"]
    eqs = []

    def add(members, total):
        coef: dict = defaultdict(float)
        const = 0.0
        for key, sign in [(m, 1.0) for m in members] + [(total, -1.0)]:
            if cell_value[key] is None:
                coef[key] += sign
            else:
                const -= sign * cell_value[key]
        if any(coef.values()):
            eqs.append((dict(coef), const))
        else:
            assert abs(const) < 1e-9, f"published figures disagree: {members} -> {total}"

    for kode, levels in published.items():
        g = groups[kode]

        def k(w, c, s):
            return _margin(g, w, s) if c == SEMUA else ("k", kode, w, c, s)

        codes = list(dict.fromkeys(r["kode"] for r in levels[0] if r["kode"] != SEMUA))
        places = ["+"] + (list(dict.fromkeys(r["wilayah"] for r in levels[1])) if 1 in levels else [])
        for w in places:
            for c in (*codes, SEMUA):
                add([k(w, c, s) for s in SEXES], k(w, c, KEDUA))
            for s in (*SEXES, KEDUA):
                add([k(w, c, s) for c in codes], k(w, SEMUA, s))
        if 1 in levels:
            for c in (*codes, SEMUA):
                for s in (*SEXES, KEDUA):
                    add([k(w, c, s) for w in places[1:]], k("+", c, s))
    return unknown, eqs


def feasible_ranges(published: dict, truth: dict) -> dict:
    """Hidden cell -> (true value, min, max) over every published relation."""
    unknown, eqs = equations(published, truth)
    # connected components: an LP per component keeps each solve small
    parent = {u: u for u in unknown}

    def find(u):
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for coef, _ in eqs:
        keys = list(coef)
        for other in keys[1:]:
            parent[find(other)] = find(keys[0])
    members: dict = defaultdict(list)
    for u in unknown:
        members[find(u)].append(u)
    comp_eqs: dict = defaultdict(list)
    for coef, const in eqs:
        comp_eqs[find(next(iter(coef)))].append((coef, const))
    out = {}
    for root, cells in members.items():
        index = {u: i for i, u in enumerate(cells)}
        rows = comp_eqs[root]
        a = lil_matrix((max(len(rows), 1), len(cells)))
        b = np.zeros(max(len(rows), 1))
        for i, (coef, const) in enumerate(rows):
            for key, v in coef.items():
                a[i, index[key]] = v
            b[i] = const
        a = a.tocsr()
        for u, i in index.items():
            c = np.zeros(len(cells))
            c[i] = 1.0
            low = linprog(c, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
            high = linprog(-c, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
            assert low.status == 0, f"{u}: {low.message}"
            hi = float("inf") if high.status == 3 else -high.fun
            out[u] = (unknown[u], low.fun, hi)
    return out


def narrow(published: dict, truth: dict, threshold: int) -> list[str]:
    """Hidden cells whose feasible range is narrower than `threshold`, described for a failure message."""
    bad = []
    for cell, (value, lo, hi) in sorted(feasible_ranges(published, truth).items(), key=repr):
        assert lo - 1e-6 <= value <= hi + 1e-6, f"{cell}: true value {value} outside [{lo}, {hi}]"
        if hi - lo < threshold - 1e-6:
            bad.append(f"{cell}: nilai {value}, rentang [{lo:g}, {hi:g}]")
    return bad


def truth_of(tables: dict, nagari_too: bool = True) -> dict:
    """(category, wilayah or '+', code or SEMUA, sex or KEDUA) -> the true count, from jorong-level rows."""
    out: dict = defaultdict(int)
    for kode, rows in tables.items():
        for r in rows:
            for w in (r["wilayah"], "+"):
                for c in (r["kode"], SEMUA):
                    for s in (r["jenis_kelamin"], KEDUA):
                        out[(kode, w, c, s)] += r["jumlah"]
    return out


# --- the tests ---------------------------------------------------------------------------------------------------

import random  # noqa: E402

import pytest  # noqa: E402

from plugins.statistik.sensor import suppress  # noqa: E402


def synthetic(seed: int, places: int = 4) -> tuple[dict, set]:
    """Random small tables: two resident categories (one sensitive), a sex table and a family category."""
    rng = random.Random(seed)
    people = [(rng.randrange(places), rng.choice((1, 2)), rng.randrange(6), rng.randrange(3), rng.random())
              for _ in range(rng.randrange(20, 120))]
    tables: dict = {}

    def table(kode, codes, of, universe):
        rows = []
        for w in range(places):
            for c in codes:
                for s in SEXES:
                    n = sum(1 for p in universe if p[0] == w and p[1] == s and of(p) == c)
                    rows.append({"kode": c, "label": f"kode {c}", "wilayah": w, "wilayah_nama": f"J{w}",
                                 "jenis_kelamin": s, "jumlah": n})
        tables[kode] = rows

    table("pekerjaan", list(range(6)), lambda p: p[2], people)
    table("cacat", [0, 1, 2], lambda p: p[3], people)
    table("jenis_kelamin", [1, 2], lambda p: p[1], people)
    table("umur", ["0-4", "5-9", "10+"], lambda p: "0-4" if p[4] < .1 else "5-9" if p[4] < .2 else "10+", people)
    heads = people[::3]
    table("kelas_sosial", [1, 2, 3], lambda p: 1 + int(p[4] * 3), heads)
    return tables, {"cacat"}


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("threshold", [3, 5])
def test_synthetic_publication_cannot_be_narrowed(seed, threshold):
    tables, sensitive = synthetic(seed)
    published = suppress(tables, threshold=threshold, sensitive=sensitive, nagari_name="Uji")
    assert any(r["disembunyikan"] for levels in published.values() for rows in levels.values() for r in rows)
    assert narrow(published, truth_of(tables), threshold) == []


@pytest.mark.parametrize("balai_database_url", ["sqlite"], indirect=True)  # the LP is the same on any engine
def test_every_table_published_for_a_demo_register_cannot_be_narrowed(balai):
    from plugin_sdk.testing import run_sync
    from plugins.statistik import api
    from tests.surat_helpers import demo_nagari

    demo_nagari(balai, residents=150)
    tables = run_sync(api.all_tables(tingkat=1))
    sensitive = {k.kode for k in api.categories() if k.sensitif}
    published = api.suppress(tables, threshold=3, sensitive=sensitive, nagari_name="Taram")
    assert sum(r["disembunyikan"] for levels in published.values() for rows in levels.values() for r in rows) > 50
    assert narrow(published, truth_of(tables), 3) == []
