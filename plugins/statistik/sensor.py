"""Small-cell suppression: the ONE function that hides counts too small to publish (ENGINEERING-NOTES 8 and 11).

    from plugins.statistik import api as statistik

    per_jorong = await statistik.all_tables(tingkat=1)
    sensitif = {k.kode for k in statistik.categories() if k.sensitif}
    published = statistik.suppress(per_jorong, threshold=3, sensitive=sensitif, nagari_name="Taram")
    published["agama"][0]   # the nagari table, margins included; published["agama"][1] by jorong

Pure: plain rows in, plain rows out, no database. Every page, CSV, dataset or hub batch that publishes counts
of one period calls it once over **every** table it publishes for that period, so that one cell is hidden the
same way everywhere and no door shows what another hides.

What is published, per category (the input is the jorong-level rows of `api.table(..., tingkat=1)`; the nagari
level is their sum, so both levels come out of one suppression):

- by jorong (tingkat 1; not for a `sensitive` category): every code x sex cell, the code's total (L+P), the
  jorong's total per sex and both sexes;
- for the nagari (tingkat 0): the same, summed over jorong.

Margins (a code's total, a jorong's total, the nagari's total per sex and both) are cells like any other: a margin
below the threshold is hidden too. A jorong's and the nagari's totals are the same in every category counting the
same people (residents; families...): they are one shared cell, hidden in all of them or in none.

Rules:

1. **Primary**: a count with 0 < n < threshold is hidden.
2. **Zeros are shown.** A zero tells no one anything about a person, and hiding every zero would blank most of a
   jorong table. A shown zero is a known value, so rule 3 never counts it as protection.
3. **Complementary** (secondary) suppression by *patterns*. For each primary cell, hide a set of cells whose
   values can all move together (+d on some, -d on the others) without changing any shown figure: for a cell
   (jorong w, code c, sex s), another jorong w2 and code c2 (+ at (w,c) and (w2,c2), - at (w,c2) and (w2,c), with
   their L+P cells); or another code and the nagari figures (+ at (w,c), - at (w,c2)); for a nagari cell, through a
   jorong where the code is found; for a small jorong total, moving people from another jorong in every category
   of the group; for a small nagari total of one sex, counting people of a jorong as the other sex. The pattern
   chosen is the one (within-jorong patterns first, so nagari figures stay shown) whose "-" cells are smallest
   but all at least the threshold; then every hidden cell of it can move by at least the threshold, whatever else
   is shown. When no single pattern has that much room, several are hidden until their room adds up.

4. **Definitions link categories** (LINKS): the age band 0-4 is the life stage balita, the bands from 60 are
   lansia, "no age" is the same in both, and the voters (calon pemilih) are the WNI among those who must hold a
   KTP. When a linked cell is hidden on one side, a cell of the other side is hidden too and protected by a
   pattern through codes outside every link, so both sides can move together. Repeated until nothing changes.
5. **Last resort**: when no pattern has room enough (a table of very few people), every code cell of that table
   for that sex (and L+P) is hidden at every level; only its totals stay.

The union of patterns only hides more, so each pattern's room stays. tests/test_statistik_sensor_lp.py checks it
by linear programming over every table published for a period, with the links above, and fails if any hidden
cell's feasible range is narrower than the threshold.

Output rows have ``"jumlah": None`` and ``"disembunyikan": True`` for a hidden cell; margin rows have
``"kode": SEMUA`` (label "Jumlah") and/or ``"jenis_kelamin": KEDUA`` (L+P).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Collection, Hashable, Mapping, Sequence

#: ``kode`` of a margin row: all codes together (label "Jumlah").
SEMUA = "*"
#: ``jenis_kelamin`` of a margin row: both sexes.
KEDUA = 0
SEXES = (1, 2)
#: ``wilayah`` key of the nagari-level cells inside this module (the output uses None, as api.table does).
_NAGARI = "+"
DEFAULT_THRESHOLD = 3
#: (category, codes) counting the same people as (category, codes), in every place and for each sex. The voters
#: are a subset of wajib KTP (the non-WNI differ); treating them as equal only hides more.
LINKS = ((("umur", ("0-4",)), ("tahap_umur", ("balita",))),
         (("umur", (None,)), ("tahap_umur", (None,))),
         (("umur", ("60-64", "65-69", "70-74", "75+")), ("tahap_umur", ("lansia",))),
         (("wajib_ktp", (1,)), ("calon_pemilih", (1,))),
         (("wajib_ktp", (2,)), ("calon_pemilih", (2,))))


def suppress(tables: Mapping[str, Sequence[dict]], *, threshold: int = DEFAULT_THRESHOLD,
             sensitive: Collection[str] = (), nagari_name: str = "") -> dict[str, dict[int, list[dict]]]:
    """Suppress every table published for one period at once.

    `tables`: category code -> its jorong-level rows (``api.all_tables(tingkat=1)``); `sensitive`: categories
    published for the nagari only (disability, illness, pregnancy); `nagari_name`: ``wilayah_nama`` of the nagari
    rows. Returns category -> {0: nagari rows, 1: jorong rows} (no 1 for a sensitive category), each row
    ``{"kode", "label", "wilayah", "wilayah_nama", "jenis_kelamin", "jumlah", "disembunyikan"}``, margins
    included, in a fixed order (wilayah, then code with the total last, then L, P, L+P).
    """
    if threshold < 1:
        raise ValueError("ambang sensor minimal 1")
    cubes = {kode: _Cube(kode, rows, kode in sensitive) for kode, rows in tables.items()}
    groups: dict[tuple, int] = {}
    for cube in cubes.values():
        cube.group = groups.setdefault(cube.signature(), len(groups))
    values: dict[Hashable, int] = {}
    for cube in cubes.values():
        values.update(cube.cells())
    for (a, codes_a), (b, codes_b) in LINKS:
        if a in cubes and b in cubes:
            cubes[a].linked.update(codes_a)
            cubes[b].linked.update(codes_b)
    hidden = _protect(list(cubes.values()), values, threshold)
    _follow_links(cubes, hidden, threshold)
    return {kode: cube.output(values, hidden, nagari_name) for kode, cube in cubes.items()}


def _protect(cubes: list, values: Mapping[Hashable, int], threshold: int) -> set:
    """Rule 1 and rule 3: the primary cells, and for each the patterns that protect it."""
    hidden = {cell for cell, n in values.items() if 0 < n < threshold}
    groups: dict[int, list] = defaultdict(list)
    for cube in cubes:
        groups[cube.group].append(cube)
    for cube in cubes:
        for w, c, s in cube.small(threshold):
            if c == SEMUA:
                mover = _moves if w != _NAGARI else _sex_swaps
                _pick(mover(groups[cube.group], w, s, threshold), threshold, hidden)
            else:
                _protect_cell(cube, w, c, s, threshold, hidden)
    return hidden


def _protect_cell(cube, w, c, s, threshold: int, hidden: set, free_only: bool = False) -> None:
    """Hide cell (w, c, s) with patterns that give it room; rule 5 when they cannot. (A category of one code has
    no other cell to trade with: its cells are its totals, which rule 3 protects as margins.)"""
    hidden.update((cube.key(w, c, s), cube.key(w, c, KEDUA)))
    if _pick(cube.swaps(w, c, s, free_only), threshold, hidden) < threshold and len(cube.codes) > 1:
        hidden.update(cube.key(p, k, x) for p in cube._places() if cube.value(p, SEMUA, s)  # a 0 total: all known
                      for k in cube.codes for x in (s, KEDUA))


def _follow_links(cubes: dict, hidden: set, threshold: int) -> None:
    """Rule 4: a hidden cell on one side of a link hides one on the other, moved through codes outside links."""
    changed = True
    while changed:
        changed = False
        for (a, codes_a), (b, codes_b) in LINKS:
            if a not in cubes or b not in cubes:
                continue
            sides = [(cubes[a], [c for c in codes_a if c in cubes[a].codes]),
                     (cubes[b], [c for c in codes_b if c in cubes[b].codes])]
            if not sides[0][1] or not sides[1][1]:
                continue
            places = [p for p in sides[0][0]._places() if p in sides[1][0]._places()]
            for w in places:
                for s in SEXES:
                    shut = [any(cube.key(w, c, s) in hidden for c in codes) for cube, codes in sides]
                    if shut[0] == shut[1]:
                        continue
                    cube, codes = sides[1] if shut[0] else sides[0]
                    c = max(codes, key=lambda k: (cube.value(w, k, s), repr(k)))
                    _protect_cell(cube, w, c, s, threshold, hidden, free_only=True)
                    changed = True


def _pick(patterns: list[tuple[int, int, list]], threshold: int, hidden: set) -> int:
    """Hide the cells of the cheapest pattern whose slack reaches the threshold, else of as many as it takes;
    returns the slack gained."""
    patterns = [p for p in patterns if p[1] > 0]
    enough = [p for p in patterns if p[1] >= threshold]
    if enough:
        best = min(enough, key=lambda p: (p[0], p[1]))
        hidden.update(best[2])
        return best[1]
    slack = 0
    for _, room, cells in sorted(patterns, key=lambda p: -p[1]):
        hidden.update(cells)
        slack += room
        if slack >= threshold:
            break
    return slack


def _moves(cubes: list, w, s, threshold: int) -> list[tuple[int, int, list]]:
    """Patterns for a small jorong total (shared by a group): move people of sex `s` from jorong w2 to `w` in
    every category of the group, each through a code c2 with enough people in w2."""
    out = []
    places = [p for p in cubes[0].places if p != w]
    for w2 in places:
        room, cells = cubes[0].value(w2, SEMUA, s), []
        for cube in cubes:
            if cube.sensitive:
                continue
            n, c2 = _best(cube, w2, s, threshold)
            room = min(room, n)
            cells += cube.box((w, w2), (c2, SEMUA), s)
        out.append((0, room, cells))
    return out


def _best(cube, w, s, threshold: int) -> tuple[int, object]:
    """The code with the fewest people of sex `s` in `w` that still reaches the threshold (else the most)."""
    codes = [(cube.value(w, c, s), c) for c in cube.codes]
    good = [x for x in codes if x[0] >= threshold]
    return min(good, key=lambda x: x[0]) if good else max(codes, key=lambda x: x[0])


def _sex_swaps(cubes: list, _w, s, threshold: int) -> list[tuple[int, int, list]]:
    """Patterns for a small nagari total of one sex: count people of one jorong as the other sex, through a code
    with enough people of that sex in that jorong, in every category of the group."""
    other = 3 - s
    out = []
    for w in cubes[0].places:
        room, cells = cubes[0].value(w, SEMUA, other), []
        for cube in cubes:
            where = (_NAGARI,) if cube.sensitive else (w, _NAGARI)
            n, c = _best(cube, _NAGARI if cube.sensitive else w, other, threshold)
            room = min(room, n)
            cells += [cube.key(p, k, x) for p in dict.fromkeys(where) for k in (c, SEMUA) for x in SEXES]
        out.append((0, room, cells))
    return out


class _Cube:
    """One category as a wilayah x code x sex table with its margins; cells keyed for the whole publication."""

    def __init__(self, kode: str, rows: Sequence[dict], sensitive: bool):
        self.kode, self.sensitive, self.group = kode, sensitive, 0
        self.linked: set = set()    # codes on a side of a LINK
        self.codes: dict = {}       # code -> label, in the rows' order
        self.places: dict = {}      # wilayah -> name, in the rows' order
        self.n: dict[tuple, int] = defaultdict(int)
        for row in rows:
            self.codes.setdefault(row["kode"], row["label"])
            self.places.setdefault(row["wilayah"], row["wilayah_nama"])
            self.n[(row["wilayah"], row["kode"], row["jenis_kelamin"])] += int(row["jumlah"])
        if SEMUA in self.codes:
            raise ValueError(f"kategori {kode}: kode {SEMUA!r} dipakai untuk baris jumlah")

    def signature(self) -> tuple:
        """The jorong totals per sex: categories counting the same people share them (one group)."""
        return tuple((repr(w), s, sum(self.n[(w, c, s)] for c in self.codes))
                     for w in self.places for s in SEXES)

    def _places(self) -> list:
        return [_NAGARI] if self.sensitive else [*self.places, _NAGARI]

    def key(self, w, c, s) -> tuple:
        """A margin over all codes is shared by the category's group; other cells are the category's own."""
        return ("g", self.group, w, s) if c == SEMUA else ("k", self.kode, w, c, s)

    def value(self, w, c, s) -> int:
        places = list(self.places) if w == _NAGARI else [w]
        codes = list(self.codes) if c == SEMUA else [c]
        sexes = SEXES if s == KEDUA else (s,)
        return sum(self.n[(p, k, x)] for p in places for k in codes for x in sexes)

    def small(self, threshold: int) -> list[tuple]:
        """Positions (wilayah, code, sex) of this table's primary cells, one sex at a time (L+P follows)."""
        return [(w, c, s) for w in self._places() for c in (*self.codes, SEMUA) for s in SEXES
                if 0 < self.value(w, c, s) < threshold]

    def box(self, places, codes, s) -> list:
        return [self.key(w, c, x) for w in places for c in codes for x in (s, KEDUA)]

    def swaps(self, w, c, s, free_only: bool = False) -> list[tuple[int, int, list]]:
        """Patterns (rank, slack, cells) that change cell (w, c, s) and leave every shown figure alone: with
        another jorong w2 and code c2 (+ at (w,c) and (w2,c2), - at (w,c2) and (w2,c)); with another code and
        the nagari figure (+ at (w,c), - at (w,c2), the nagari's cells following); for a nagari cell, through a
        jorong where the code is found. `free_only`: the other code lies outside every link (rule 4)."""
        out = []
        codes = [c2 for c2 in self.codes if c2 != c and not (free_only and c2 in self.linked)]
        if w == _NAGARI and not self.sensitive:
            for w1 in self.places:
                if self.value(w1, c, s) > 0:
                    out += [(1, self.value(w1, c2, s), self.box((w1, _NAGARI), (c, c2), s)) for c2 in codes]
            return out
        if w != _NAGARI:
            for w2 in self.places:
                if w2 != w and self.value(w2, c, s) > 0:
                    out += [(0, min(self.value(w, c2, s), self.value(w2, c, s)), self.box((w, w2), (c, c2), s))
                            for c2 in codes]
        out += [(1, self.value(w, c2, s), self.box((w, _NAGARI) if w != _NAGARI else (w,), (c, c2), s))
                for c2 in codes]
        return out

    def cells(self) -> dict:
        return {self.key(w, c, s): self.value(w, c, s)
                for w in self._places() for c in (*self.codes, SEMUA) for s in (*SEXES, KEDUA)}

    def output(self, values, hidden: set, nagari_name: str) -> dict[int, list[dict]]:
        def rows(places):
            out = []
            for w in places:
                for c in (*self.codes, SEMUA):
                    for s in (*SEXES, KEDUA):
                        cell = self.key(w, c, s)
                        secret = cell in hidden
                        out.append({"kode": c, "label": "Jumlah" if c == SEMUA else self.codes[c],
                                    "wilayah": None if w == _NAGARI else w,
                                    "wilayah_nama": nagari_name if w == _NAGARI else self.places[w],
                                    "jenis_kelamin": s, "jumlah": None if secret else values[cell],
                                    "disembunyikan": secret})
            return out

        result = {0: rows([_NAGARI])}
        if not self.sensitive:
            result[1] = rows(list(self.places))
        return result


__all__ = ["DEFAULT_THRESHOLD", "KEDUA", "SEMUA", "suppress"]
