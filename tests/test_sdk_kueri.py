"""The SDK's register helpers for statistics, books and exports: GROUP BY counts, streams, column factories."""

import warnings
from datetime import date

import pytest
from piccolo.columns.base import OnDelete
from piccolo.table import Table

from core.penduduk.tables import Penduduk
from plugin_sdk import register
from plugin_sdk.testing import post_form, run_sync
from tests.test_lingkup_wilayah import add, place


@pytest.fixture
def nagari(admin_client):
    koto = place("Koto")
    rt = place("01", koto, 3)
    baruah = place("Baruah")
    people = {
        "rustam": add(admin_client, "1307051208900001", "Rustam", koto, "1307051234560001"),
        "siti": add(admin_client, "1307055208920002", "Siti", rt, "1307051234560002", "2",
                    tanggal_lahir="1992-08-12"),
        "bujang": add(admin_client, "1307051208880003", "Bujang", baruah, "1307051234560003",
                      tanggal_lahir="1988-08-12"),
    }
    died = post_form(admin_client, f"/admin/penduduk/{people['bujang']['id']}/peristiwa",
                     {"jenis": "mati", "tanggal_peristiwa": "2025-06-01", "sebab": "sakit"})
    assert died.status_code in (200, 303), died.text[:300]
    return {"koto": koto, "rt": rt, "baruah": baruah, "people": people}


def counted(rows, *keys):
    return {tuple(r[k] for k in keys): r["jumlah"] for r in rows}


def test_counts_group_by_code_and_place_in_sql(nagari):
    koto, rt, baruah = nagari["koto"], nagari["rt"], nagari["baruah"]
    assert counted(run_sync(register.counts(by=("jenis_kelamin",))), "jenis_kelamin") == {(1,): 1, (2,): 1}
    living = run_sync(Penduduk.count().where(Penduduk.status_dasar == 1).run())
    assert run_sync(register.counts(by=())) == [{"jumlah": living}]
    assert counted(run_sync(register.counts(by=("jenis_kelamin", "wilayah"), living=False)),
                   "jenis_kelamin", "wilayah") == {(1, koto): 1, (2, rt): 1, (1, baruah): 1}
    # Rolled up to the jorong: the RT's resident counts under Koto.
    assert counted(run_sync(register.counts(by=("wilayah",), level=1, living=False)), "wilayah") == {
        (koto,): 2, (baruah,): 1}
    assert counted(run_sync(register.counts(by=("umur",), today=date(2026, 1, 1), living=False)), "umur") == {
        (35,): 1, (33,): 1, (37,): 1}
    assert run_sync(register.counts(by=(), where={"wilayah": koto}))[0]["jumlah"] == 2
    assert run_sync(register.counts(by=(), where={"jenis_kelamin": [1, 2], "agama": 1}))[0]["jumlah"] == 2
    assert run_sync(register.counts(by=(), where={"status_dasar": 2}))[0]["jumlah"] == 1


def test_counts_as_of_a_past_day_follow_the_journal(nagari):
    def total(day):
        return run_sync(register.counts(by=(), as_of=day))[0]["jumlah"]

    assert total(date(2023, 12, 31)) == 0  # before the initial registration (2024-01-05)
    assert total(date(2025, 5, 31)) == 3
    assert total(date(2025, 6, 1)) == 2  # Bujang died that day


def test_stream_residents_reads_in_batches_in_id_order(nagari):
    async def read():
        return [p async for p in register.stream_residents(("nik", "nama", "no_kk", "wilayah_nama"), batch=2,
                                                          living=False)]
    rows = run_sync(read())
    assert [r["nama"] for r in rows] == ["Rustam", "Siti", "Bujang"]
    assert rows[0] == {"nik": "1307051208900001", "nama": "Rustam", "no_kk": "1307051234560001",
                       "wilayah_nama": "Koto"}

    async def living():
        return [p["nama"] async for p in register.stream_residents(("nama",))]
    assert run_sync(living()) == ["Rustam", "Siti"]


def test_helpers_refuse_what_they_do_not_know():
    with pytest.raises(register.QueryError, match="nama"):
        run_sync(register.counts(by=("nama",)))
    with pytest.raises(register.QueryError, match="umur"):
        run_sync(register.counts(where={"umur": 3}))
    with pytest.raises(register.QueryError):
        run_sync(register.counts(where={"agama": "'; DROP TABLE balai_penduduk; --"}))

    async def bad_field():
        return [p async for p in register.stream_residents(("password",))]
    with pytest.raises(register.QueryError, match="password"):
        run_sync(bad_field())


def test_pendudukTable_still_works_for_a_release_and_warns():
    with pytest.warns(DeprecationWarning, match="resident_fk"):
        table = register.PendudukTable
    assert table is Penduduk
    assert "PendudukTable" not in register.__all__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        from plugin_sdk.register import counts, resident_fk  # noqa: F401  (no warning for the others)


def test_column_factories_point_at_the_register_with_restrict():
    class Catatan(Table):
        penduduk = register.resident_fk(index=True)
        keluarga = register.family_fk(null=True, default=None)
        peristiwa = register.journal_fk()

    for column, target in ((Catatan.penduduk, "balai_penduduk"), (Catatan.keluarga, "balai_keluarga"),
                           (Catatan.peristiwa, "balai_peristiwa")):
        assert column._foreign_key_meta.on_delete == OnDelete.restrict
        assert column._foreign_key_meta.resolved_references._meta.tablename == target
    with pytest.raises(ValueError, match="RESTRICT"):
        register.resident_fk(on_delete=OnDelete.cascade)
