"""Periodic work: tasks the kernel and plugins declare through `balai_jadwal`, run by `balai worker`.

A task says how often it runs: every interval (a ``timedelta``) or once a day, week or month at an hour of the
nagari's clock (``"harian 02:00"``, ``"mingguan senin 02:00"``, ``"bulanan 1 02:00"``). The worker checks every
minute (more often when a task asks for less than a minute), claims each due run in a write transaction before it
runs it, so two workers never both run it, and makes up a run missed while the worker was stopped once, not once per
missed period. The runner knows no feature: what runs, and when, comes from the declarations.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, Awaitable, Callable, Union

from core.db.transaction import write_transaction
from core.plugin_host.settings import get_value, get_values, set_values
from core.profil.waktu import zone
from core.tugas.antrean import enqueue

log = logging.getLogger("balai.jadwal")
STATE_PREFIX = "_jadwal."
CHECK_EVERY = 60.0  # seconds between checks when no task asks for less
SHORTEST = timedelta(seconds=1)
DAYS = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
_CALENDAR = re.compile(r"^(harian|mingguan (senin|selasa|rabu|kamis|jumat|sabtu|minggu)|bulanan ([1-9]|1\d|2[0-8]))"
                       r" ([01]\d|2[0-3]):([0-5]\d)$")

Setiap = Union[timedelta, str]


class JadwalContext:
    """What a scheduled task gets: when it runs, when it last ran, the data folder, and a way to start a job."""

    def __init__(self, kode: str, balai, now: datetime, terakhir: datetime | None, today: date):
        self.kode, self.now, self.terakhir, self.today = kode, now, terakhir, today
        self.data_dir: Path = balai.settings.data_dir
        self._balai = balai

    async def start_job(self, kind: str, title: str, params: dict, permission: str = "") -> str:
        """Queue a background job (a ``Job`` some plugin declares) for the worker; return its code."""
        return await enqueue(self._balai, kind, title, params, None, permission)


@dataclass(frozen=True)
class Jadwal:
    """A periodic task: ``Jadwal("contoh.bersihkan", bersihkan, setiap=timedelta(hours=1))``.

    ``fungsi`` is ``async def fn(ctx: JadwalContext) -> None``; keep it short (it runs in the worker's scheduler,
    one task after another) and start a job with ``await ctx.start_job(...)`` for long work. ``setiap`` is a
    ``timedelta`` (one second or more), a calendar rule in the nagari's time (``"harian 02:00"``,
    ``"mingguan senin 02:00"``, ``"bulanan 1 02:00"``, day 1 to 28), or an ``async def`` returning either, or None
    while the task is switched off (for a schedule the operator sets). ``kode`` is unique across plugins, by
    convention ``<plugin>.<what>``.
    """

    kode: str
    fungsi: Callable[[JadwalContext], Awaitable[Any]]
    setiap: Setiap | Callable[[], Awaitable[Setiap | None]]
    judul: str = ""

    def __post_init__(self) -> None:
        if not callable(self.setiap):
            check_rule(self.setiap)

    async def rule(self) -> Setiap | None:
        if callable(self.setiap):
            rule = await self.setiap()
            return None if rule is None else check_rule(rule)
        return self.setiap


def check_rule(setiap: Setiap) -> Setiap:
    """The rule itself, or ValueError saying what is wrong with it."""
    if isinstance(setiap, timedelta):
        if setiap < SHORTEST:
            raise ValueError(f"jadwal terlalu rapat: {setiap} (paling sering sekali per detik)")
        return setiap
    if not isinstance(setiap, str) or not _CALENDAR.match(setiap.strip()):
        raise ValueError(f"jadwal tidak dikenal: {setiap!r} (mis. 'harian 02:00', 'mingguan senin 02:00', "
                         "'bulanan 1 02:00' atau timedelta)")
    return setiap.strip()


def period(rule: str, now_local: datetime) -> tuple[str, datetime]:
    """For a calendar rule: the current period's name (day, ISO week or month) and the moment it is due in it."""
    match = _CALENDAR.match(rule)
    at = time(int(match.group(4)), int(match.group(5)))
    today = now_local.date()
    if rule.startswith("harian"):
        name, day = today.isoformat(), today
    elif rule.startswith("mingguan"):
        year, week, weekday = today.isocalendar()
        name, day = f"{year}-W{week:02d}", today - timedelta(days=weekday - 1 - DAYS.index(match.group(2)))
    else:
        name, day = today.strftime("%Y-%m"), today.replace(day=int(match.group(3)))
    return name, datetime.combine(day, at, now_local.tzinfo)


def due(rule: Setiap, now_local: datetime, state: dict | None) -> str | None:
    """The period to claim when a run is due now (an interval's is the time itself), else None.

    A calendar rule is due once per period, at or after its moment: a computer that was off at that moment runs
    it when it starts, once. An interval is due when it has passed since the last run (or there was none)."""
    state = state or {}
    if isinstance(rule, timedelta):
        last = state.get("waktu")
        elapsed = now_local - datetime.fromisoformat(last) if last else rule
        if elapsed >= rule or elapsed < -rule:  # also when the clock was set back past the last run
            return now_local.astimezone(timezone.utc).isoformat()
        return None
    name, moment = period(rule, now_local)
    return name if state.get("periode") != name and now_local >= moment else None


def state_key(kode: str) -> str:
    return STATE_PREFIX + kode


async def claim(jadwal: Jadwal, now_local: datetime) -> tuple[bool, dict | None]:
    """Claim the run that is due now, once, even with several workers checking at once: (claimed, previous state)."""
    rule = await jadwal.rule()
    if rule is None:
        return False, None
    key = state_key(jadwal.kode)
    async with write_transaction():
        before = await get_value(key)
        periode = due(rule, now_local, before)
        if periode is None:
            return False, before
        await set_values({key: {"waktu": now_local.astimezone(timezone.utc).isoformat(), "periode": periode}})
    return True, before


def declared(balai, enabled: frozenset[str]) -> list[tuple[str, Jadwal]]:
    """Tasks of the kernel and of enabled plugins; a plugin that is installed but disabled runs none."""
    out, seen = [], set()
    for name, item in balai.host.collect("balai_jadwal"):
        if name in balai.host.records and name not in enabled:
            continue
        if not isinstance(item, Jadwal):
            log.error("balai_jadwal dari plugin %s mengembalikan %s, bukan Jadwal", name, type(item).__name__)
            continue
        if item.kode in seen:
            log.error("kode jadwal %s dipakai dua kali; yang dari plugin %s dilewati", item.kode, name)
            continue
        seen.add(item.kode)
        out.append((name, item))
    return out


async def run_due(balai, now: datetime | None = None) -> list[str]:
    """Run every task that is due now, one after another; return the codes of those that ran.

    A task that fails is logged with its plugin's name; the others run on, and it runs again when next due."""
    profile = await balai.load_profile()
    tz = zone(profile)[1]
    now_local = (now or datetime.now(timezone.utc)).astimezone(tz)
    ran = []
    for name, jadwal in declared(balai, await balai.enabled_names()):
        try:
            claimed, before = await claim(jadwal, now_local)
            if not claimed:
                continue
            last = (before or {}).get("waktu")
            ctx = JadwalContext(jadwal.kode, balai, now_local, datetime.fromisoformat(last) if last else None,
                                now_local.date())
            result = jadwal.fungsi(ctx)
            if inspect.isawaitable(result):
                await result
            ran.append(jadwal.kode)
        except Exception:
            log.exception("jadwal %s dari %s gagal", jadwal.kode, name)
    return ran


async def next_check(balai) -> float:
    """Seconds until the next check: a minute, or the shortest interval a task asks for."""
    wait = CHECK_EVERY
    for _, jadwal in declared(balai, await balai.enabled_names()):
        try:
            rule = await jadwal.rule()
        except Exception:
            continue
        if isinstance(rule, timedelta):
            wait = min(wait, max(rule.total_seconds() / 2, SHORTEST.total_seconds()))
    return wait


async def last_runs(kodes: list[str]) -> dict[str, dict]:
    """The stored state of these tasks: {kode: {"waktu": ..., "periode": ...}} for those that ever ran."""
    stored = await get_values([state_key(k) for k in kodes])
    return {k[len(STATE_PREFIX):]: v for k, v in stored.items()}


def run_scheduler(balai, stopping) -> None:
    """The worker's scheduler thread: check at once (a run missed while stopped is made up), then on a timer.

    One event loop for the life of the thread, so its database connections are opened once."""
    loop = asyncio.new_event_loop()
    try:
        wait = 0.0
        while not stopping.wait(wait):
            try:
                loop.run_until_complete(run_due(balai))
                wait = loop.run_until_complete(next_check(balai))
            except Exception:  # the database may be restarting: try again at the next check
                log.exception("pemeriksaan jadwal gagal")
                wait = CHECK_EVERY
    finally:
        try:
            loop.run_until_complete(balai.engine.close())
        finally:
            loop.close()
