"""Open data lets no person out (issue 26, "Aggregates only"; UU 27/2022).

(a) No value of any row of any published dataset is a resident's NIK, No. KK, name or birth date.
(b) The proof: for every dataset that counts people (`Dataset.hitungan_orang`), each period's tables are rebuilt
    from the published rows alone and attacked by linear programming (tests/test_statistik_sensor_lp.py, the
    same audit as the public statistics): no hidden cell can be narrowed below the threshold.
(c) The check itself: a person-count dataset whose rows did not come out of `suppress` (a plugin that hid only the
    small cell, or hid nothing) is caught.

The population datasets of one period are one publication (one `suppress` over every category, their totals and
their definitions shared), so they are attacked together; every other person-count dataset is its own.
"""

from __future__ import annotations

from collections import defaultdict
from importlib.metadata import EntryPoint, entry_points

import pytest

from plugin_sdk import PluginMeta, hookimpl
from plugin_sdk.testing import run_sync
from plugins.satu_data import katalog
from plugins.satu_data.dataset import KODE_WILAYAH, PERIODE
from plugins.satu_data.pilihan import atur
from plugins.satu_data.tables import BULANAN
from plugins.satu_data.terbit import terbitkan
from plugins.statistik import publikasi
from plugins.statistik.data_terbuka import DATASET
from plugins.statistik.sensor import KEDUA, SEMUA
from tests.satu_data_helpers import konteks, nagari_terbit
from tests.test_statistik_sensor_lp import feasible_ranges

#: What suppress gives every person-count row (plugins/statistik/data_terbuka.py writes it so).
KOLOM_SENSOR = {"kode", "label", "jenis_kelamin", "jumlah", "disembunyikan"}
SEKS = {"L": 1, "P": 2, "L+P": KEDUA}
KATEGORI = {nama: kode for kode, (nama, *_) in DATASET.items()}  # the population datasets: one publication


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
    return levels


def publications(k: katalog.Katalog) -> tuple[list[tuple[str, dict]], list[str]]:
    """([(what, {table: levels})], problems): each period's tables published together, rebuilt from the rows; a
    person-count dataset whose rows lack suppress's columns is a problem of its own."""
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
    return [(f"{what} {periode}", tables) for (what, periode), tables in sorted(found.items())], problems


def narrowed(k: katalog.Katalog, threshold: int) -> list[str]:
    """Every hidden cell of every person-count dataset that the published rows pin to a range narrower than the
    threshold (the attacker's linear programme knows only what is published: the true values are not given)."""
    publ, bad = publications(k)
    for what, tables in publ:
        for cell, (_, lo, hi) in feasible_ranges(tables, defaultdict(int)).items():
            if hi - lo < threshold - 1e-6:
                bad.append(f"{what} {cell}: [{lo:g}, {hi:g}]")
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
    published = {name for _, tables in publ for name in tables}
    assert {"umur", "pekerjaan", "kelas_sosial", "peristiwa-kependudukan", "penerima-bantuan-per-jorong"} <= published
    hidden = sum(r["disembunyikan"] for _, tables in publ for levels in tables.values() for rows in levels.values()
                 for r in rows)
    assert hidden > 100  # the audit has something to attack
    assert narrowed(k, run_sync(publikasi.threshold())) == []


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
    assert {h.status for h in run_sync(terbitkan(ctx, nama=nama))} == {"baru"}
    k = run_sync(katalog.bangun(ctx))
    found = narrowed(k, 3)
    assert any(f.startswith("uji-mentah: tanpa kolom sensor") for f in found), found
    # the small cell (Koto, a, L) = 1 is the nagari's minus Bukit's: pinned to exactly 1
    pinned = [f for f in found if f.startswith("uji-bocor") and "'Koto', 'a', 1)" in f]
    assert pinned and pinned[0].endswith("[1, 1]"), found
    # both were stored and published: publishing checks types, not privacy; the audit is what refuses them
    assert {p.ds.nama for p in k.paket} == set(nama)
