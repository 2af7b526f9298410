"""The attacker's view of a suppressed publication, by linear programming (scipy, tests only).

`feasible_ranges(published, true_tables, sensitive)` sets up every relation a reader of the published tables knows:

- every shown cell is a known number, every hidden cell an unknown >= 0;
- in each table, the two sexes add up to L+P, the codes to the total, the jorongs to the nagari figure;
- the jorong and nagari totals of categories counting the same people are the same numbers (one unknown when
  hidden), wherever they are published;
- what the categories' definitions say about each other (LINKS, written out here, not taken from the sensor):
  age band 0-4 is the life stage balita, the bands from 60 are lansia, no age is no age in both; the voters
  (calon pemilih) are the WNI among those who must hold a KTP (wajib KTP): where the published non-WNI count of
  a place and sex is 0, both categories are the same numbers there. (Where it is not 0, the reader also knows
  that the difference is at most that count; the LP leaves that bound out, and docs/id/statistik-publik.md says
  so.)

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
#: (category, codes) = (category, codes) for every place and sex: the same people counted twice.
LINKS = ((("umur", ("0-4",)), ("tahap_umur", ("balita",))),
         (("umur", (None,)), ("tahap_umur", (None,))),
         (("umur", ("60-64", "65-69", "70-74", "75+")), ("tahap_umur", ("lansia",))))


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


def equations(published: dict, truth: dict) -> tuple[dict, list[tuple[dict, float]], list[tuple[dict, float]]]:
    """Unknowns (hidden cells -> true value), equations {unknown: coefficient} = constant and inequalities
    {unknown: coefficient} <= constant."""
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
    eqs, ineqs = [], []

    def linear(terms):
        coef: dict = defaultdict(float)
        const = 0.0
        for key, sign in terms:
            if cell_value[key] is None:
                coef[key] += sign
            else:
                const -= sign * cell_value[key]
        return {k: v for k, v in coef.items() if v}, const

    def add(members, total):
        coef, const = linear([(m, 1.0) for m in members] + [(total, -1.0)])
        if coef:
            eqs.append((coef, const))
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

    def key_of(kode, w, c, s):
        return _margin(groups[kode], w, s) if c == SEMUA else ("k", kode, w, c, s)

    def places_of(*kodes):
        found = [set(r["wilayah"] for r in published[k].get(1, [])) for k in kodes]
        return ["+", *sorted(set.intersection(*found), key=repr)]

    shown_codes = {(kode, r["kode"]) for kode, levels in published.items() for r in levels[0]}
    for (a, codes_a), (b, codes_b) in LINKS:
        codes_a = [c for c in codes_a if (a, c) in shown_codes]
        codes_b = [c for c in codes_b if (b, c) in shown_codes]
        if codes_a and codes_b:
            for w in places_of(a, b):
                for s in (*SEXES, KEDUA):
                    coef, const = linear([(key_of(a, w, c, s), 1.0) for c in codes_a]
                                         + [(key_of(b, w, c, s), -1.0) for c in codes_b])
                    if coef:
                        eqs.append((coef, const))
                    else:
                        assert abs(const) < 1e-9, f"published figures break a definition: {a} {b} {w} {s}"
    if {"wajib_ktp", "calon_pemilih", "kewarganegaraan"} <= set(published):
        foreign_codes = {c for (k, c) in shown_codes if k == "kewarganegaraan" and c not in (1, SEMUA)}
        for w in places_of("wajib_ktp", "calon_pemilih", "kewarganegaraan"):
            for s in (*SEXES, KEDUA):
                if all(cell_value[key_of("kewarganegaraan", w, c, s)] == 0 for c in foreign_codes):
                    for c in (1, 2):  # only WNI here: the voters are those who must hold a KTP
                        add([key_of("wajib_ktp", w, c, s)], key_of("calon_pemilih", w, c, s))
    return unknown, eqs, ineqs


def feasible_ranges(published: dict, truth: dict) -> dict:
    """Hidden cell -> (true value, min, max) over every published relation."""
    unknown, eqs, ineqs = equations(published, truth)
    # connected components: an LP per component keeps each solve small
    parent = {u: u for u in unknown}

    def find(u):
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    for coef, _ in eqs + ineqs:
        keys = list(coef)
        for other in keys[1:]:
            parent[find(other)] = find(keys[0])
    members: dict = defaultdict(list)
    for u in unknown:
        members[find(u)].append(u)
    comp_eqs: dict = defaultdict(list)
    comp_ineqs: dict = defaultdict(list)
    for coef, const in eqs:
        comp_eqs[find(next(iter(coef)))].append((coef, const))
    for coef, const in ineqs:
        comp_ineqs[find(next(iter(coef)))].append((coef, const))
    out = {}
    for root, cells in members.items():
        index = {u: i for i, u in enumerate(cells)}

        def matrix(rows):
            if not rows:
                return None, None
            a = lil_matrix((len(rows), len(cells)))
            b = np.zeros(len(rows))
            for i, (coef, const) in enumerate(rows):
                for key, v in coef.items():
                    a[i, index[key]] = v
                b[i] = const
            return a.tocsr(), b

        a, b = matrix(comp_eqs[root])
        a_ub, b_ub = matrix(comp_ineqs[root])
        for u, i in index.items():
            c = np.zeros(len(cells))
            c[i] = 1.0
            low = linprog(c, A_eq=a, b_eq=b, A_ub=a_ub, b_ub=b_ub, bounds=(0, None), method="highs")
            high = linprog(-c, A_eq=a, b_eq=b, A_ub=a_ub, b_ub=b_ub, bounds=(0, None), method="highs")
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


def synthetic(seed: int, places: int = 4, people: int | None = None) -> tuple[dict, set]:
    """Random small tables: resident categories (one sensitive, some linked by their definitions), a sex table
    and a family category."""
    rng = random.Random(seed)
    people = [(rng.randrange(places), rng.choice((1, 2)), rng.randrange(6), rng.randrange(3), rng.random(),
               rng.random() < .7, rng.random() < .9) for _ in range(people or rng.randrange(20, 120))]
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
    table("tahap_umur", ["balita", "lain"], lambda p: "balita" if p[4] < .1 else "lain", people)
    table("kewarganegaraan", [1, 2], lambda p: 1 if p[6] else 2, people)  # a few WNA
    table("wajib_ktp", [1, 2], lambda p: 1 if p[5] else 2, people)
    table("calon_pemilih", [1, 2], lambda p: 1 if p[5] and p[6] else 2, people)
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
