"""The one suppression function (plugins/statistik/sensor.py): pure rows in, rows out."""

import pytest

from plugins.statistik.sensor import KEDUA, SEMUA, suppress
from tests.test_statistik_sensor_lp import synthetic, truth_of


def cells(published):
    return [r for levels in published.values() for rows in levels.values() for r in rows]


@pytest.mark.parametrize("threshold", [3, 5])
def test_small_counts_hidden_and_everything_else_true(threshold):
    tables, sensitive = synthetic(1)
    published = suppress(tables, threshold=threshold, sensitive=sensitive, nagari_name="Uji")
    truth = truth_of(tables)
    for kode, levels in published.items():
        for level, rows in levels.items():
            for r in rows:
                true = truth[(kode, "+" if level == 0 else r["wilayah"], r["kode"], r["jenis_kelamin"])]
                if 0 < true < threshold:
                    assert r["disembunyikan"] and r["jumlah"] is None
                elif not r["disembunyikan"]:
                    assert r["jumlah"] == true
                assert r["disembunyikan"] == (r["jumlah"] is None)


def test_zeros_are_shown_and_a_hidden_cell_is_never_alone_in_its_line():
    tables, sensitive = synthetic(3)
    published = suppress(tables, sensitive=sensitive)
    assert any(r["jumlah"] == 0 for r in cells(published))
    for kode, levels in published.items():
        for level, rows in levels.items():
            by = {(r["wilayah"], r["kode"], r["jenis_kelamin"]): r for r in rows}
            for (w, c, s), r in by.items():
                if not r["disembunyikan"]:
                    continue
                sexes = [by[(w, c, x)] for x in (1, 2, KEDUA)]
                codes = [x for x in rows if x["wilayah"] == w and x["jenis_kelamin"] == s]
                assert sum(x["disembunyikan"] for x in sexes) >= 2, (kode, level, w, c, s)
                assert sum(x["disembunyikan"] for x in codes) >= 2, (kode, level, w, c, s)


def test_sensitive_category_only_for_the_nagari_and_shape():
    tables, sensitive = synthetic(4)
    published = suppress(tables, sensitive=sensitive, nagari_name="Uji")
    assert set(published["cacat"]) == {0}
    assert set(published["pekerjaan"]) == {0, 1}
    nagari = published["pekerjaan"][0]
    assert {r["wilayah_nama"] for r in nagari} == {"Uji"} and {r["wilayah"] for r in nagari} == {None}
    assert nagari[-1]["kode"] == SEMUA and nagari[-1]["jenis_kelamin"] == KEDUA and nagari[-1]["label"] == "Jumlah"


def test_shared_totals_hidden_in_every_category_or_none():
    tables, sensitive = synthetic(2)
    published = suppress(tables, sensitive=sensitive)
    resident = [k for k in published if k != "kelas_sosial" and 1 in published[k]]
    patterns = {k: [(r["wilayah"], r["jenis_kelamin"], r["disembunyikan"]) for r in published[k][1]
                    if r["kode"] == SEMUA] for k in resident}
    assert len({tuple(p) for p in patterns.values()}) == 1


def test_threshold_respected_and_refused_below_one():
    tables, sensitive = synthetic(5)
    low = sum(r["disembunyikan"] for r in cells(suppress(tables, threshold=1)))
    assert low == 0
    assert sum(r["disembunyikan"] for r in cells(suppress(tables, threshold=5))) > \
        sum(r["disembunyikan"] for r in cells(suppress(tables, threshold=3)))
    with pytest.raises(ValueError):
        suppress(tables, threshold=0)
