"""Periodic tasks (`balai_jadwal`): when they are due, claimed once, made up once, never for a disabled plugin."""

import asyncio
import logging
from datetime import datetime, timedelta, timezone
from importlib.metadata import entry_points

import pytest

from core.cadangan import jadwal as cadangan
from core.tugas import jadwal
from core.tugas.antrean import registry
from plugin_sdk.jobs import Jadwal, run_pending
from plugin_sdk.testing import run_sync
from tests.conftest import fixture_entry_point as ep

WIB = timezone(timedelta(hours=7))


@pytest.fixture
def balai_entry_points():
    return [*entry_points(group="balai.plugins"), ep("detak"), ep("detak_lain")]


@pytest.fixture
def balai_plugins():
    return ["detak"]  # detak_lain stays installed but disabled


def lines(balai, kode: str) -> list[str]:
    path = balai.settings.data_dir / f"{kode}.txt"
    return path.read_text().splitlines() if path.exists() else []


def at(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, second, tzinfo=WIB)


def test_rules_are_checked_when_declared():
    async def nothing(ctx):
        return None

    for bad in ("tiap jam", "harian 24:00", "harian 2:00", "mingguan senen 02:00", "bulanan 29 02:00", 60,
                timedelta(milliseconds=500)):
        with pytest.raises(ValueError):
            Jadwal("x.y", nothing, setiap=bad)
    for good in ("harian 00:00", "mingguan minggu 23:59", "bulanan 28 02:00", timedelta(seconds=1)):
        Jadwal("x.y", nothing, setiap=good)


def _ran(balai, when) -> list[str]:
    """The fixture plugins' tasks that ran at `when` (the built-in plugins' own tasks run beside them)."""
    return [k for k in run_sync(jadwal.run_due(balai, when)) if k.startswith("detak")]


def _all_ran(balai, when) -> list[str]:
    return run_sync(jadwal.run_due(balai, when))


def test_calendar_rules_are_due_once_per_period_at_or_after_their_moment():
    assert jadwal.due("harian 02:00", at(27, 1, 59), None) is None
    assert jadwal.due("harian 02:00", at(27, 2), None) == "2026-11-27"
    assert jadwal.due("harian 02:00", at(27, 9), {"periode": "2026-11-26"}) == "2026-11-27"  # off at 02:00: made up
    assert jadwal.due("harian 02:00", at(27, 23), {"periode": "2026-11-27"}) is None
    # 27 November 2026 is a Friday: the week's Wednesday moment has passed, its Saturday one not yet.
    assert jadwal.due("mingguan rabu 02:00", at(27, 1), None) == "2026-W48"
    assert jadwal.due("mingguan rabu 02:00", at(27, 1), {"periode": "2026-W48"}) is None
    assert jadwal.due("mingguan sabtu 02:00", at(27, 23), None) is None
    assert jadwal.due("bulanan 1 02:00", at(27, 1), {"periode": "2026-10"}) == "2026-11"
    assert jadwal.due("bulanan 28 02:00", at(27, 23), {"periode": "2026-10"}) is None


def test_an_interval_runs_when_due_and_a_missed_stretch_is_made_up_once(balai):
    assert _ran(balai, at(27, 1)) == ["detak.detik"]
    assert _ran(balai, at(27, 1, 0, 0) + timedelta(milliseconds=400)) == []
    assert _ran(balai, at(27, 1, 0, 1)) == ["detak.detik"]
    # The worker was stopped for an hour: one run when it is back, not 3,600.
    assert _ran(balai, at(27, 2, 0, 1)) == ["detak.detik", "detak.harian"]
    assert _ran(balai, at(27, 2, 0, 1) + timedelta(milliseconds=500)) == []
    beats = lines(balai, "detak.detik")
    assert len(beats) == 3
    assert beats[0].endswith(" -") and beats[2].split()[1] == at(27, 1, 0, 1).astimezone(timezone.utc).isoformat()
    # The daily task: once that day, again the next day even when the computer was off at its hour.
    assert "detak.harian" not in _ran(balai, at(27, 23))
    assert "detak.harian" not in _ran(balai, at(28, 1, 59))
    assert "detak.harian" in _ran(balai, at(28, 9))
    assert len(lines(balai, "detak.harian")) == 2
    assert lines(balai, "detak_lain.detik") == [] and lines(balai, "detak_lain.harian") == []  # disabled


def test_enabling_a_plugin_starts_its_tasks_and_disabling_stops_them(balai):
    run_sync(balai.enable("detak_lain"))
    assert "detak_lain.detik" in _ran(balai, at(27, 1))
    run_sync(balai.disable("detak_lain"))
    assert not any(k.startswith("detak_lain") for k in _ran(balai, at(27, 3)))
    assert len(lines(balai, "detak_lain.detik")) == 1


def test_two_workers_checking_at_once_run_a_task_once(balai):
    task = next(t for _, t in jadwal.declared(balai, frozenset({"detak"})) if t.kode == "detak.harian")

    async def both():
        return await asyncio.gather(jadwal.claim(task, at(27, 3)), jadwal.claim(task, at(27, 3)))

    assert sorted(claimed for claimed, _ in run_sync(both())) == [False, True]


def test_a_failing_task_is_logged_and_the_others_run_on(balai, monkeypatch):
    logged = []
    handler = logging.Handler()
    handler.emit = lambda record: logged.append(record.getMessage())
    monkeypatch.setattr(logging.getLogger("balai.jadwal"), "handlers", [handler])

    async def broken(ctx):
        raise RuntimeError("rusak")

    real = jadwal.declared

    def with_broken(balai, enabled):
        return [("detak", Jadwal("detak.rusak", broken, setiap=timedelta(minutes=5))), *real(balai, enabled)]

    monkeypatch.setattr(jadwal, "declared", with_broken)
    assert _ran(balai, at(27, 3)) == ["detak.detik", "detak.harian"]
    assert "jadwal detak.rusak dari detak gagal" in logged
    assert _ran(balai, at(27, 3, 1)) == ["detak.detik"]  # claimed: not retried at once


def test_the_daily_backup_is_a_declared_task_the_runner_does_not_name(balai):
    codes = [t.kode for _, t in jadwal.declared(balai, frozenset())]
    assert cadangan.TASK in codes and cadangan.JOB_KIND in registry(balai)
    run_sync(cadangan.save_schedule(cadangan.Jadwal(aktif=False)))
    assert cadangan.TASK not in _all_ran(balai, at(27, 13))
    run_sync(cadangan.save_schedule(cadangan.Jadwal(aktif=True, jam="12:00")))
    assert cadangan.TASK not in _all_ran(balai, at(27, 11, 59))
    assert cadangan.TASK in _all_ran(balai, at(27, 12))
    assert cadangan.TASK not in _all_ran(balai, at(27, 18))  # once a day
    assert run_sync(run_pending(balai)) == 1
    assert len(cadangan.listing(balai.settings.data_dir)) == 1
