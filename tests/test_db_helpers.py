"""The SDK's database helpers: bulk insert and write transactions, on SQLite and PostgreSQL."""

import asyncio

import pytest

from core.tables import Pengaturan
from plugin_sdk import bulk_insert, write_transaction
from plugin_sdk.testing import run_sync


def test_bulk_insert_writes_thousands_of_rows_with_defaults(balai):
    before = run_sync(Pengaturan.count().run())
    rows = [{"kunci": f"uji.{i}", "nilai": str(i)} for i in range(5000)]
    assert run_sync(bulk_insert(Pengaturan, rows)) == 5000
    assert run_sync(Pengaturan.count().run()) == before + 5000
    row = run_sync(Pengaturan.select().where(Pengaturan.kunci == "uji.4999").first().run())
    assert row["nilai"] == "4999" and row["versi"] == 0


def test_failed_bulk_insert_inside_a_transaction_leaves_nothing(balai):
    before = run_sync(Pengaturan.count().run())

    async def gagal():
        async with write_transaction():
            await bulk_insert(Pengaturan, [{"kunci": "a"}, {"kunci": "b"}])
            await bulk_insert(Pengaturan, [{"kunci": "a"}])  # duplicate key

    with pytest.raises(Exception):
        run_sync(gagal())
    assert run_sync(Pengaturan.count().run()) == before


def test_unknown_column_is_refused_before_writing(balai):
    with pytest.raises(ValueError, match="Kolom tidak dikenal"):
        run_sync(bulk_insert(Pengaturan, [{"kunci": "x", "salah": 1}], columns=["kunci", "salah"]))


def test_concurrent_read_then_write_transactions_all_succeed(balai):
    """Each task reads the highest counter and writes the next one: no 'database is locked', no duplicates."""
    run_sync(Pengaturan.insert(Pengaturan(kunci="loket", nilai="0", versi=0)).run())

    async def ambil_nomor(i):
        async with write_transaction():
            row = await Pengaturan.select(Pengaturan.versi).where(Pengaturan.kunci == "loket").first().run()
            await asyncio.sleep(0.001)  # widen the window a naive version would lose in
            await Pengaturan.update({Pengaturan.versi: row["versi"] + 1}).where(Pengaturan.kunci == "loket").run()
            return row["versi"] + 1

    async def semua():
        return await asyncio.gather(*(ambil_nomor(i) for i in range(25)))

    numbers = run_sync(semua())
    assert sorted(numbers) == list(range(1, 26))
