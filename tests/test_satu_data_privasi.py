"""Open data lets no person out (issue 26, "Aggregates only"; UU 27/2022).

(a) No value of any row of any published dataset is a resident's NIK, No. KK, name or birth date.
(b) The proof: for every dataset that counts people (`Dataset.hitungan_orang`), each period's tables are rebuilt
    from the published rows alone and attacked by linear programming (tests/test_statistik_sensor_lp.py, the
    same audit as the public statistics): no hidden cell can be narrowed below the threshold.
(c) The check itself: a person-count dataset whose rows did not come out of `suppress` is caught: one that hid
    only the small cell by the audit, one that hid nothing already when it is released.

The population datasets of one period are one publication (one `suppress` over every category, their totals and
their definitions shared), so they are attacked together; every other person-count dataset is its own. The month's
civil events are attacked with what the population of two months adds: residents at the month's end minus at the
month before = births - deaths + arrivals - departures (the monthly report's identity), per sex the events show.
"""

from __future__ import annotations

from collections import defaultdict
from importlib.metadata import EntryPoint, entry_points

import numpy as np
import pytest
from scipy.optimize import linprog

from plugin_sdk import PluginMeta, hookimpl
from plugin_sdk.testing import run_sync
from plugins.satu_data import katalog
from plugins.satu_data.dataset import KODE_WILAYAH, PERIODE
from plugins.satu_data.pilihan import atur
from plugins.satu_data.tables import BULANAN
from plugins.satu_data.terbit import terbitkan
from plugins.statistik import api as statistik, publikasi
from plugins.statistik.bulanan import monthly_report, shift
from plugins.statistik.data_terbuka import DATASET, PERISTIWA, PERISTIWA_NAMA, baris_peristiwa
from plugins.statistik.sensor import KEDUA, SEMUA
from tests.satu_data_helpers import konteks, nagari_terbit
from tests.test_statistik_sensor_lp import equations, feasible_ranges

#: What suppress gives every person-count row (plugins/statistik/data_terbuka.py writes it so).
KOLOM_SENSOR = {"kode", "label", "jenis_kelamin", "jumlah", "disembunyikan"}
SEKS = {"L": 1, "P": 2, "L+P": KEDUA}
KATEGORI = {nama: kode for kode, (nama, *_) in DATASET.items()}  # the population datasets: one publication
#: How each event moves the population (the monthly report's identity).
ARAH = {"lahir": 1, "mati": -1, "datang": 1, "pindah": -1}
JENIS_KELAMIN = DATASET["jenis_kelamin"][0]


@pytest.fixture(autouse=True)
def fresh():
    publikasi.forget()
    katalog.lupakan()
    yield
    katalog.lupakan()


def rebuilt(rows: list[dict]) -> dict[int, list[dict]]:
    """A dataset's rows of one period as the tables suppress published ({0: nagari, 1: jorong}), from the rows
    alone: what any reader of the download has."""
    levels: dict[int, list[dict]] = {}
    # a table not split by sex (only L+P rows) is the same system of equations as one whose people are all of one
    # sex and the other's cells are known zeros: that is how it is checked
    one_sex = all(r["jenis_kelamin"] == "L+P" for r in rows)
    for r in rows:
        level = 1 if r.get("tingkat") == "jorong" else 0
        cell = {"kode": SEMUA if r["kode"] == "JUMLAH" else r["kode"], "wilayah": r["wilayah"] if level else None,
                "jenis_kelamin": SEKS[r["jenis_kelamin"]], "jumlah": r["jumlah"], "disembunyikan": r["disembunyikan"]}
        levels.setdefault(level, []).append(cell)
        if one_sex:
            levels[level] += [{**cell, "jenis_kelamin": 1}, {**cell, "jenis_kelamin": 2, "jumlah": 0,
                                                               "disembunyikan": False}]
    for cells in levels.values():
        if not any(c["kode"] == SEMUA for c in cells):
            # no total row: the reader knows the total as the sum of the cells, when all of them are shown
            parts: dict[tuple, list[dict]] = defaultdict(list)
            for c in cells:
                parts[(c["wilayah"], c["jenis_kelamin"])].append(c)
            for (w, sex), members in parts.items():
                known = not any(m["disembunyikan"] for m in members)
                cells.append({"kode": SEMUA, "wilayah": w, "jenis_kelamin": sex, "disembunyikan": not known,
                              "jumlah": sum(m["jumlah"] for m in members) if known else None})
    return levels


def publications(k: katalog.Katalog) -> tuple[list[tuple[str, str, dict]], list[str]]:
    """([(what, periode, {table: levels})], problems): each period's tables published together, rebuilt from the
    rows; a person-count dataset whose rows lack suppress's columns is a problem of its own."""
    found: dict[tuple, dict] = defaultdict(dict)
    problems = []
    for paket in k.paket:
        if not paket.ds.hitungan_orang:
            continue
        columns = {c.nama for c in paket.ds.kolom}
        if not KOLOM_SENSOR <= columns:
            problems.append(f"{paket.ds.nama}: tanpa kolom sensor {sorted(KOLOM_SENSOR - columns)}")
            continue
        by_period: dict[str, list[dict]] = defaultdict(list)
        for r in paket.baris:
            by_period[r[PERIODE]].append(r)
        together = "penduduk" if paket.ds.nama in KATEGORI else paket.ds.nama
        for periode, rows in by_period.items():
            found[(together, periode)][KATEGORI.get(paket.ds.nama, paket.ds.nama)] = rebuilt(rows)
    return [(what, periode, tables) for (what, periode), tables in sorted(found.items())], problems


def stock_identity(rows: list[dict], before: dict, after: dict) -> list[tuple[dict, float]]:
    """The equations the population of two months adds to a month's event rows: lahir - mati + datang - pindah =
    residents after - before, for each sex the events are published by (`before`/`after`: {sex: the nagari's
    residents, None when hidden}); in the unknowns of `equations` (the hidden cells)."""
    out = []
    for sex in dict.fromkeys(r["jenis_kelamin"] for r in rows):
        if before.get(sex) is None or after.get(sex) is None:
            continue
        coef, const = {}, float(after[sex] - before[sex])
        for r in rows:
            if r["jenis_kelamin"] == sex and r["kode"] in ARAH and r.get("tingkat", "nagari") == "nagari":
                if r["disembunyikan"]:
                    coef[("k", PERISTIWA_NAMA, "+", r["kode"], SEKS[sex])] = float(ARAH[r["kode"]])
                else:
                    const -= ARAH[r["kode"]] * r["jumlah"]
        if coef:
            out.append((coef, const))
    return out


def residents(k: katalog.Katalog) -> dict[str, dict[str, int | None]]:
    """periode -> {sex: the nagari's residents}, as the population by sex publishes them."""
    out: dict = defaultdict(dict)
    paket = k.cari(JENIS_KELAMIN)
    for r in paket.baris if paket else []:
        if r["tingkat"] == "nagari" and r["kode"] == "JUMLAH":
            out[r[PERIODE]][r["jenis_kelamin"]] = r["jumlah"]
    return out


def stock_identities(k: katalog.Katalog) -> dict[tuple[str, str], list[tuple[dict, float]]]:
    """(the events dataset, periode) -> the stock identity of that month, where both months' residents are out."""
    stock, out = residents(k), {}
    events = k.cari(PERISTIWA_NAMA)
    for periode in events.periode if events else []:
        if periode in stock and shift(periode, -1) in stock:
            rows = [r for r in events.baris if r[PERIODE] == periode]
            out[(PERISTIWA_NAMA, periode)] = stock_identity(rows, stock[shift(periode, -1)], stock[periode])
    return out


def ranges(tables: dict, extra: list[tuple[dict, float]]) -> dict:
    """Hidden cell -> (true value unknown, min, max) as `feasible_ranges` gives them, with `extra` equations the
    reader also knows (a small table: every cell's bounds solved over the whole)."""
    if not extra:
        return feasible_ranges(tables, defaultdict(int))
    unknown, eqs, ineqs = equations(tables, defaultdict(int))
    assert not ineqs
    eqs = eqs + extra
    index = {u: i for i, u in enumerate(unknown)}
    a = np.zeros((len(eqs), len(index)))
    for i, (coef, _) in enumerate(eqs):
        for key, v in coef.items():
            a[i, index[key]] = v
    b = np.array([const for _, const in eqs])
    out = {}
    for u, i in index.items():
        c = np.zeros(len(index))
        c[i] = 1.0
        low = linprog(c, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
        high = linprog(-c, A_eq=a, b_eq=b, bounds=(0, None), method="highs")
        assert low.status == 0, f"{u}: {low.message}"  # the published figures agree with the identity
        out[u] = (None, low.fun, float("inf") if high.status == 3 else -high.fun)
    return out


def narrowed(k: katalog.Katalog, threshold: int) -> list[str]:
    """Every hidden cell of every person-count dataset that the published rows pin to a range narrower than the
    threshold (the attacker's linear programme knows only what is published: the true values are not given)."""
    publ, bad = publications(k)
    identities = stock_identities(k)
    for what, periode, tables in publ:
        for cell, (_, lo, hi) in ranges(tables, identities.get((what, periode), [])).items():
            if hi - lo < threshold - 1e-6:
                bad.append(f"{what} {periode} {cell}: [{lo:g}, {hi:g}]")
    return bad


def test_no_row_of_any_dataset_holds_a_nik_kk_number_name_or_birth_date(balai):
    from core.penduduk.tables import Keluarga, Penduduk

    nagari_terbit(balai, residents=150)
    k = run_sync(katalog.bangun(konteks(balai)))
    assert len(k.paket) >= 25 and all(p.baris for p in k.paket)  # every dataset of every plugin is scanned
    values = {str(v) for p in k.paket for r in p.baris for c, v in r.items() if c != KODE_WILAYAH}
    text = "\n".join(values)
    people = run_sync(Penduduk.select(Penduduk.nik, Penduduk.nama, Penduduk.tanggal_lahir).run())
    families = run_sync(Keluarga.select(Keluarga.no_kk).run())
    assert people and families
    for p in people:
        assert p["nik"] not in text and p["nama"] not in text
        born = p["tanggal_lahir"]
        assert born is None or (born.isoformat() not in text and born.strftime("%d-%m-%Y") not in text)
    assert not any(f["no_kk"] and f["no_kk"] in text for f in families)
    assert all(len(v) < 16 or not v.isdigit() for v in values)  # no 16-digit number at all (NIK, No. KK)


# The audit reads only the published rows, which tests/test_satu_data_kependudukan.py shows are the same on both
# engines (the public CSV cell for cell); its linear programmes take ~30 s, so they run once.
@pytest.mark.parametrize("balai_database_url", ["sqlite"], indirect=True)
def test_no_hidden_cell_of_any_person_count_dataset_can_be_narrowed_below_the_threshold(balai):
    nagari_terbit(balai, residents=150)
    k = run_sync(katalog.bangun(konteks(balai)))
    publ, problems = publications(k)
    assert problems == []
    published = {name for _, _, tables in publ for name in tables}
    assert {"umur", "pekerjaan", "kelas_sosial", "peristiwa-kependudukan", "penerima-bantuan-per-jorong"} <= published
    hidden = sum(r["disembunyikan"] for _, _, tables in publ for levels in tables.values()
                 for rows in levels.values() for r in rows)
    assert hidden > 100  # the audit has something to attack
    # this month's events are attacked with the population's change since last month, an identity that holds
    bulan = max(k.cari(PERISTIWA_NAMA).periode)
    assert stock_identities(k)[(PERISTIWA_NAMA, bulan)]
    stock, truth = residents(k), run_sync(monthly_report(bulan, tingkat=0))["total"]["angka"]["jumlah"]
    for sex, key in (("L", "L"), ("P", "P"), ("L+P", "jumlah")):
        assert stock[bulan][sex] - stock[shift(bulan, -1)][sex] == sum(ARAH[e] * truth[key][e] for e in PERISTIWA)
    assert narrowed(k, run_sync(publikasi.threshold())) == []


def narrowed_events(rows: list[dict], before: dict, after: dict, threshold: int = 3) -> list[str]:
    """The audit of one month's event rows alone, with the residents of the month before and the month's end."""
    tables = {PERISTIWA_NAMA: rebuilt(rows)}
    return [f"{cell}: [{lo:g}, {hi:g}]" for cell, (_, lo, hi) in
            ranges(tables, stock_identity(rows, before, after)).items() if hi - lo < threshold - 1e-6]


def test_the_events_split_by_sex_with_a_total_were_given_back_by_the_population_change():
    """The publication before the fix (events per sex with a total row, suppressed per sex): one birth and deaths
    hidden, the rest shown, and the month's change of residents per sex pins the deaths. Published for the nagari,
    both sexes as one and all four hidden, the same month passes the same audit."""
    angka = {"L": {"lahir": 1, "mati": 1, "datang": 3, "pindah": 5}, "P": {"lahir": 0, "mati": 1, "datang": 4,
                                                                          "pindah": 3}}
    before = {"L": 140, "P": 150}
    after = {sex: before[sex] + sum(ARAH[e] * n for e, n in angka[sex].items()) for sex in angka}
    before["L+P"], after["L+P"] = sum(before.values()), sum(after.values())

    rows = [{"kode": e, "label": e, "wilayah": None, "wilayah_nama": "Taram", "jenis_kelamin": s,
             "jumlah": angka[sex][e]} for e in PERISTIWA for s, sex in ((1, "L"), (2, "P"))]
    lama = statistik.baris_terbuka(statistik.suppress({PERISTIWA_NAMA: rows}, threshold=3,
                                                      sensitive={PERISTIWA_NAMA}, nagari_name="Taram")[PERISTIWA_NAMA])
    assert {r["kode"] for r in lama if r["disembunyikan"]} >= {"lahir", "mati"}
    assert any(r["kode"] == "JUMLAH" and not r["disembunyikan"] for r in lama)
    assert narrowed_events(lama, {}, {}) == []  # the old audit, without the population, saw nothing
    pinned = narrowed_events(lama, before, after)
    assert any("'mati', 1)" in f and f.endswith("[1, 1]") for f in pinned), pinned  # a man's death, exactly

    baru = baris_peristiwa({e: angka["L"][e] + angka["P"][e] for e in PERISTIWA}, ambang=3, nama="Taram")
    assert [r["disembunyikan"] for r in baru] == [True] * 4
    assert narrowed_events(baru, before, after) == []
    # without "all four": one hidden event among shown ones is the change minus the others, exactly
    separuh = [{**r, "jumlah": None if r["kode"] == "lahir" else angka["L"][r["kode"]] + angka["P"][r["kode"]],
                "disembunyikan": r["kode"] == "lahir"} for r in baru]
    assert any("'lahir'" in f and f.endswith("[1, 1]") for f in narrowed_events(separuh, before, after))


# --- (c) the check catches a plugin that did not suppress with statistik's function ---------------------------

PLUGIN = PluginMeta(name="data_bocor", title="Data bocor (uji)", version="1.0", core_requires=">=0.1",
                    depends=("satu_data",))


@hookimpl
def satu_data_dataset():
    """Two person-count datasets whose rows did not come out of `suppress`: one hides only its small cell, so the
    totals give it back; one has no sensor columns at all."""
    from plugins.satu_data.api import Dataset, Kolom, Terbitan

    counts = {("Koto", "a"): (1, 4), ("Koto", "b"): (5, 6), ("Bukit", "a"): (7, 3), ("Bukit", "b"): (4, 8)}
    kolom = (Kolom("tingkat", "Tingkat", "string", "Tingkat wilayah.", kunci=True),
             Kolom("wilayah", "Wilayah", "string", "Nama wilayah.", kunci=True),
             Kolom("kode", "Kode", "string", "Kode.", kunci=True), Kolom("label", "Uraian", "string", "Nama kode."),
             Kolom("jenis_kelamin", "Jenis kelamin", "string", "L, P, L+P.", kunci=True),
             Kolom("jumlah", "Jumlah", "integer", "Orang."),
             Kolom("disembunyikan", "Disembunyikan", "boolean", "Disembunyikan."))

    def row(tingkat, wilayah, kode, sex, n):
        return {"tingkat": tingkat, "wilayah": wilayah, "kode": kode, "label": kode, "jenis_kelamin": sex,
                "jumlah": None if n == 1 else n, "disembunyikan": n == 1}  # only the small cell itself

    async def bocor(per):
        rows = []
        for tingkat, places in (("nagari", [None]), ("jorong", ["Koto", "Bukit"])):
            for w in places:
                for kode in ("a", "b", "JUMLAH"):
                    for s, sex in enumerate(("L", "P", "L+P")):
                        n = sum(v[s] if s < 2 else sum(v) for (pw, pk), v in counts.items()
                                if (w is None or pw == w) and kode in (pk, "JUMLAH"))
                        rows.append(row(tingkat, w or "Uji", kode, sex, n))
        return Terbitan(periode=f"{per:%Y-%m}", baris=rows)

    async def mentah(per):
        return Terbitan(periode=f"{per:%Y-%m}", baris=[{"jorong": w, "orang": sum(v)}
                                                      for (w, kode), v in counts.items() if kode == "a"])

    return [Dataset("uji-bocor", "Uji bocor", "Hitungan orang yang hanya menyembunyikan sel kecilnya.", kolom, bocor,
                    hitungan_orang=True, sensor="Hanya sel kecil."),
            Dataset("uji-mentah", "Uji mentah", "Hitungan orang tanpa sensor.",
                    (Kolom("jorong", "Jorong", "string", "Nama jorong.", kunci=True),
                     Kolom("orang", "Orang", "integer", "Banyak orang.")), mentah,
                    hitungan_orang=True, sensor="Tidak ada.")]


BOCOR = [*(e for e in entry_points(group="balai.plugins") if e.name in ("sistem", "statistik", "satu_data")),
         EntryPoint(name="data_bocor", value=__name__, group="balai.plugins")]


@pytest.mark.parametrize("balai_entry_points", [BOCOR])
@pytest.mark.parametrize("balai_plugins", [["satu_data", "data_bocor"]])
def test_the_check_catches_person_counts_that_did_not_come_from_suppress(balai):
    ctx = konteks(balai)
    run_sync(balai.save_profile({"kode": "1307052001"}))
    nama = ["uji-bocor", "uji-mentah"]
    run_sync(atur({n: (True, BULANAN) for n in nama}, dikenal=set(nama)))
    hasil = {h.dataset: h for h in run_sync(terbitkan(ctx, nama=nama))}
    # counts with no sensor columns are refused when released; a complement missing is not seen there
    assert hasil["uji-mentah"].status == "gagal" and "jumlah dan disembunyikan" in hasil["uji-mentah"].pesan
    assert hasil["uji-bocor"].status == "baru"
    k = run_sync(katalog.bangun(ctx))
    assert {p.ds.nama for p in k.paket} == {"uji-bocor"}
    found = narrowed(k, 3)
    # the small cell (Koto, a, L) = 1 is the nagari's minus Bukit's: pinned to exactly 1; the audit refuses it
    pinned = [f for f in found if f.startswith("uji-bocor") and "'Koto', 'a', 1)" in f]
    assert pinned and pinned[0].endswith("[1, 1]"), found
