"""plugin_sdk.register's lists for books: one page of residents from the database (same order and filter as the
streamed list) and the journal's movements, chosen as the monthly report counts them."""

from collections import Counter

import pytest

from balai_demo.penduduk import build
from plugin_sdk import register, today
from plugin_sdk.testing import run_sync
from plugins.statistik import api as statistik


@pytest.fixture
def demo(balai):
    run_sync(build(300, seed=11))


def _all(**kwargs) -> list[dict]:
    async def go():
        return [p async for p in register.stream_residents(("id", "nama", "nik", "no_kk"), **kwargs)]
    return run_sync(go())


def test_a_page_is_the_same_slice_of_the_streamed_list(demo):
    every = _all()
    rows, total = run_sync(register.resident_page(("id", "nama", "nik", "no_kk"), mulai=40, batas=25))
    assert total == len(every) > 65
    assert rows == every[40:65]
    last, total = run_sync(register.resident_page(("id",), mulai=total - 3, batas=50))
    assert [r["id"] for r in last] == [p["id"] for p in every[-3:]]


def test_search_by_name_nik_or_family_card(demo):
    every = _all()
    someone = every[17]
    word = someone["nama"].split()[0].lower()
    by_name = _all(cari=word.upper())
    assert someone in by_name and all(word in p["nama"].lower() for p in by_name)
    rows, total = run_sync(register.resident_page(("nik",), cari=someone["nik"][:12] + " "))
    assert total == sum(p["nik"].startswith(someone["nik"][:12]) or (p["no_kk"] or "").startswith(
        someone["nik"][:12]) for p in every) and {"nik": someone["nik"]} in rows
    family = _all(cari=someone["no_kk"])
    assert family and {p["no_kk"] for p in family} == {someone["no_kk"]}
    assert _all(cari="%") == [] and _all(cari="zzzz-tidak-ada") == []


def test_the_family_class_on_request_and_given_residents_dead_or_alive(demo):
    """A plugin listing families by welfare class, then re-reading the people it listed, dead ones included."""
    from core.penduduk.tables import Keluarga, Penduduk

    async def go():
        rows = [p async for p in register.stream_residents(("id", "keluarga", "kelas_sosial"))]
        default = [p async for p in register.stream_residents(None, batch=5)][:1]
        classes = {r["id"]: r["kelas_sosial"] for r in await Keluarga.select(Keluarga.id, Keluarga.kelas_sosial).run()}
        dead = await Penduduk.select(Penduduk.id).where(Penduduk.status_dasar == 2).first().run()
        alive = rows[:2]
        ids = [r["id"] for r in alive] + [dead["id"]]
        living_only = [p["id"] async for p in register.stream_residents(("id",), {"id": ids})]
        every = [p async for p in register.stream_residents(("id", "status_dasar"), {"id": ids}, living=False)]
        return rows, default, classes, alive, dead, living_only, every

    rows, default, classes, alive, dead, living_only, every = run_sync(go())
    assert all(r["kelas_sosial"] == classes.get(r["keluarga"]) for r in rows)
    assert any(r["kelas_sosial"] is not None for r in rows)
    assert "kelas_sosial" not in default[0]  # an export's columns stay as they were
    assert living_only == [r["id"] for r in alive]
    assert [(p["id"], p["status_dasar"]) for p in every] == [(alive[0]["id"], 1), (alive[1]["id"], 1),
                                                             (dead["id"], 2)]


def test_bad_arguments_are_named():
    with pytest.raises(register.QueryError, match="mulai"):
        run_sync(register.resident_page(("nik",), mulai=-1))
    with pytest.raises(register.QueryError, match="kolom tidak dikenal"):
        run_sync(register.resident_page(("sandi",)))
    with pytest.raises(register.QueryError, match="TTTT-BB"):
        run_sync(register.movements("2026-13", "2026-12"))


def test_movements_are_what_the_monthly_report_counts(demo):
    bulan = f"{today(run_sync(register.stored_profile())):%Y-%m}"
    first = run_sync(register.journal_first_month())
    entries = run_sync(register.movements(first, bulan))
    assert entries and all(e["nama"] and e["nik"] for e in entries)
    assert [e["tanggal_peristiwa"] for e in entries] == sorted(e["tanggal_peristiwa"] for e in entries)
    for month in sorted({e["bulan_laporan"] for e in entries})[-3:]:
        kinds = Counter(e["jenis"] for e in entries if e["bulan_laporan"] == month)
        figures = run_sync(statistik.monthly_report(month, tingkat=1))["total"]["angka"]["jumlah"]["jumlah"]
        # the report's "pindah" counts everyone who left alive: moved away, went off, went missing
        leaving = kinds["pindah_keluar"] + kinds["pergi"] + kinds["hilang"]
        assert (kinds["lahir"], kinds["pindah_masuk"], kinds["mati"], leaving) == \
               (figures["lahir"], figures["datang"], figures["mati"], figures["pindah"]), month
    jorong = next(w["id"] for w in run_sync(register.wilayah_rows()) if w["tingkat"] == 1)
    inside = run_sync(register.movements(first, bulan, wilayah=jorong))
    assert 0 < len(inside) < len(entries)
