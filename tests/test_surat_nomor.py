"""Letter numbers under concurrency (ENGINEERING-NOTES 4), the number format, yearly sequences and start numbers."""

import json
import multiprocessing
from datetime import date

import pytest

from plugin_sdk import write_transaction
from plugin_sdk.testing import run_sync
from plugins.surat import penomoran
from plugins.surat.tables import UrutanSurat
from tests.surat_konkuren import LOG_DDL, issue_from_process

PROCESSES, TASKS = 4, 8


def run_processes(balai, url, tmp_path, mode) -> list:
    run_sync(UrutanSurat._meta.db.run_ddl(LOG_DDL))
    context = multiprocessing.get_context("spawn")
    outs = [tmp_path / f"hasil-{mode}-{n}.json" for n in range(PROCESSES)]
    processes = [context.Process(target=issue_from_process, args=(url, str(balai.settings.data_dir), mode, TASKS,
                                                                  str(out))) for out in outs]
    for process in processes:
        process.start()
    for process in processes:
        process.join(180)
        assert process.exitcode == 0
    return [r for out in outs for r in json.loads(out.read_text())]


def all_succeeded_and_distinct(results: list) -> bool:
    numbers = [r for r in results if isinstance(r, int)]
    return len(numbers) == len(results) and len(set(numbers)) == len(numbers)


def test_counter_gives_every_concurrent_issuance_a_distinct_number(balai, balai_database_url, tmp_path):
    results = run_processes(balai, balai_database_url, tmp_path, "penghitung")
    assert all_succeeded_and_distinct(results), results
    assert sorted(results) == list(range(1, PROCESSES * TASKS + 1))  # and no gaps


def test_the_same_check_fails_against_naive_max_plus_one(balai, balai_database_url, tmp_path):
    results = run_processes(balai, balai_database_url, tmp_path, "naif")
    # SQLite refuses colliding writers ("database is locked"); PostgreSQL hands out duplicates.
    assert not all_succeeded_and_distinct(results), results


def test_sequences_restart_each_year_and_start_numbers_never_go_back(balai):
    async def go():
        async with write_transaction():
            first = [await penomoran.advance("domisili", 2026) for _ in range(3)]
            other_year = await penomoran.advance("domisili", 2027)
            other_type = await penomoran.advance("usaha", 2026)
        async with write_transaction():
            await penomoran.set_start("usaha", 2026, 41)
            after_start = await penomoran.advance("usaha", 2026)
        with pytest.raises(ValueError, match="lebih besar dari nomor terakhir yang sudah terpakai \\(41\\)"):
            await penomoran.set_start("usaha", 2026, 12)
        return first, other_year, other_type, after_start

    assert run_sync(go) == ([1, 2, 3], 1, 1, 41)


def test_number_format():
    rules = penomoran.Aturan(format="{kode}/{nomor}/{kode_desa}/{bulan}/{tahun}", lebar=3, kode_desa="NGR-TRM")
    assert rules.text(12, "400.8.1.6", date(2026, 11, 3)) == "400.8.1.6/012/NGR-TRM/XI/2026"
    assert penomoran.check_format("{kode}/{nomor}/{tahun}") is None
    assert "tidak dikenal" in penomoran.check_format("{kode}/{nomer}/{tahun}")
    assert "{nomor}" in penomoran.check_format("{kode}/{tahun}")
