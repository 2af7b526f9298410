"""The job queue (huey, stored in SQLite in the data folder, or in Redis) and what runs a job in the worker process.

The web process only records a job and puts its id on the queue; `balai worker` (started by
`balai serve`, or on its own) takes ids off the queue and runs the job with the Balai it booted.
A nagari's queue is a file, so jobs waiting when the web process restarts are still there. A kabupaten hub with
several app servers sets BALAI_ANTREAN_URL=redis://...: every server's workers then share one queue in Redis.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
import signal
import threading
import time
from dataclasses import dataclass
from datetime import date, datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable

from huey import RedisHuey, SqliteHuey
from huey.exceptions import ConfigurationError

from core.db.binding import current_engine
from core.profil.waktu import today as nagari_today
from core.tugas.tables import Tugas

log = logging.getLogger("balai.tugas")
TASK_NAME = "balai.tugas"
PROGRESS_EVERY = 0.25  # seconds between progress writes: often enough for a moving bar, cheap enough for 20,000 rows


class JobCancelled(Exception):
    """Raised inside a job when the operator asked to stop it."""


class JobFailed(Exception):
    """A job's own failure, with a message for the operator in Bahasa Indonesia."""


@dataclass(frozen=True)
class Job:
    """A kind of background job a plugin offers: ``Job("impor.periksa", check_file)``.

    The function is ``async def fn(ctx: JobContext, **params) -> dict``; what it returns is kept as the
    job's result (JSON), e.g. ``{"tautan": "/admin/impor/..."}`` for a link to the outcome.
    """

    kind: str
    run: Callable[..., Awaitable[dict]]


class JobContext:
    """What a running job uses: report progress, notice a cancel request, reach the data folder."""

    def __init__(self, kode: str, data_dir: Path, params: dict, watcher: Callable | None = None,
                 today: date | None = None, balai=None):
        self.kode, self.data_dir, self.params, self.watcher = kode, data_dir, params, watcher
        self._balai = balai  # for the kernel's own jobs and the SDK's helpers; plugins use the SDK
        self.today = today or date.today()  # the nagari's date (its time zone), for journal entries
        self._last = 0.0
        self._unwritten: tuple | None = None

    async def progress(self, done: int, total: int | None = None, message: str = "", force: bool = False) -> None:
        """Record progress (written at most every quarter second); raises JobCancelled when asked to stop."""
        if self.watcher is not None:
            self.watcher(done, total, message)
        now = time.monotonic()
        # Inside the job's own write transaction a progress row would only show at commit, and writing it
        # from another connection would wait for that commit: keep it for after (the CLI's bar still moves).
        in_transaction = current_engine().current_transaction.get() is not None
        if in_transaction or (not force and now - self._last < PROGRESS_EVERY):
            self._unwritten = (done, total, message)
            return
        self._last, self._unwritten = now, None
        await self._write(done, total, message)
        row = await Tugas.select(Tugas.batal_diminta).where(Tugas.kode == self.kode).first().run()
        if row and row["batal_diminta"]:
            raise JobCancelled()

    async def emit(self, event: str, **kwargs):
        """Fire a plugin's event to the enabled plugins, as ``plugin_sdk.emit`` does in a request (no request)."""
        from core.plugin_host.events import emit_outside_request

        return await emit_outside_request(self._balai, event, **kwargs)

    async def flush(self) -> None:
        """Write the last progress that was held back (the bar ends where the job ended)."""
        if self._unwritten is not None:
            await self._write(*self._unwritten)
            self._unwritten = None

    async def _write(self, done: int, total: int | None, message: str) -> None:
        values = {Tugas.selesai_n: done}
        if total is not None:
            values[Tugas.total] = total
        if message:
            values[Tugas.pesan] = message[:300]
        await Tugas.update(values).where(Tugas.kode == self.kode).run()


class QueueUnavailable(RuntimeError):
    """The configured queue cannot be used (a message for whoever installs Balai, in Bahasa Indonesia)."""


@lru_cache(maxsize=4)
def queue(data_dir: str, url: str = "") -> tuple[SqliteHuey | RedisHuey, Any]:
    """The queue (Redis at `url`, else the file in `data_dir`) and its one task, which runs any job by id.

    The same in every process that has the same settings, so a job queued by one server runs in any worker."""
    if url:
        try:
            huey = RedisHuey("balai", url=url, results=False)
        except ConfigurationError:  # huey's message is about the missing redis-py package
            raise QueueUnavailable("BALAI_ANTREAN_URL butuh pustaka Python `redis`; pasang dulu (pip install redis) "
                                   "atau kosongkan BALAI_ANTREAN_URL agar antrean memakai berkas tugas.sqlite."
                                   ) from None
    else:
        huey = SqliteHuey("balai", filename=str(Path(data_dir) / "tugas.sqlite"), results=False)
    task = huey.task(name=TASK_NAME)(_run_in_worker)
    return huey, task


def queue_of(balai) -> tuple[SqliteHuey | RedisHuey, Any]:
    """This installation's queue: Redis when BALAI_ANTREAN_URL is set (a hub), else the data folder's file."""
    return queue(str(balai.settings.data_dir), balai.settings.antrean_url)


_worker_balai = None  # set by `balai worker` before it starts taking jobs


def _run_in_worker(kode: str) -> None:
    if _worker_balai is None:
        raise RuntimeError("tugas hanya dijalankan oleh `balai worker`")
    asyncio.run(execute(_worker_balai, kode))


def registry(balai) -> dict[str, Job]:
    """Every kind of job: the kernel's own features and the plugins declare theirs the same way (`balai_jobs`)."""
    return {job.kind: job for _, job in balai.host.collect("balai_jobs")}


async def record(balai, kind: str, title: str, params: dict, user: dict | None, permission: str = "") -> str:
    """Record a job without queueing it (the CLI runs it in its own process); return its code."""
    if kind not in registry(balai):
        raise ValueError(f"Jenis tugas tidak dikenal: {kind}")
    kode = secrets.token_urlsafe(12)
    await Tugas.insert(Tugas(kode=kode, jenis=kind, judul=title[:160], izin=permission, parameter=json.dumps(params),
                             dibuat_oleh=user["username"] if user else "")).run()
    return kode


async def enqueue(balai, kind: str, title: str, params: dict, user: dict | None, permission: str = "") -> str:
    """Record a job and put it on the queue for the worker process; return its code (/admin/tugas/<code>)."""
    _, task = queue_of(balai)  # first: a queue that cannot be used leaves no job waiting forever
    kode = await record(balai, kind, title, params, user, permission)
    try:
        task(kode)
    except Exception as exc:  # Redis down: the job is not left waiting for a queue that never got it
        await _finish(kode, "gagal", "Antrean pekerja latar tidak bisa dihubungi; coba lagi nanti.")
        raise QueueUnavailable(f"Antrean pekerja latar tidak bisa dihubungi: {exc}") from exc
    return kode


async def execute(balai, kode: str, watcher: Callable | None = None) -> None:
    """Run one recorded job to its end: done, failed (with a message) or cancelled."""
    row = await Tugas.select().where(Tugas.kode == kode).first().run()
    if row is None or row["status"] != "antri":
        return
    if row["batal_diminta"]:
        await _finish(kode, "dibatalkan", "Dibatalkan sebelum mulai.")
        return
    job = registry(balai).get(row["jenis"])
    if job is None:
        await _finish(kode, "gagal", f"Plugin untuk tugas {row['jenis']} tidak terpasang.")
        return
    await Tugas.update({Tugas.status: "berjalan", Tugas.mulai: datetime.now(timezone.utc)}).where(
        Tugas.kode == kode).run()
    try:
        params = json.loads(row["parameter"])
        await balai.load_profile()
        ctx = JobContext(kode, balai.settings.data_dir, params, watcher, nagari_today(balai.profile()), balai)
        result = await job.run(ctx, **params)
        await ctx.flush()
    except JobCancelled:
        await _finish(kode, "dibatalkan", "Dihentikan atas permintaan.")
    except JobFailed as exc:
        await _finish(kode, "gagal", str(exc))
    except Exception:  # the operator gets a plain message; the details go to the worker's log
        log.exception("tugas %s (%s) gagal", kode, row["jenis"])
        await _finish(kode, "gagal", "Tugas gagal karena kesalahan di server. Rinciannya ada di log pekerja.")
    else:
        await _finish(kode, "selesai", "", result or {})


async def _finish(kode: str, status: str, message: str, result: dict | None = None) -> None:
    values = {Tugas.status: status, Tugas.berakhir: datetime.now(timezone.utc)}
    if message or status == "selesai":
        values[Tugas.pesan] = message[:300]
    if result is not None:
        values[Tugas.hasil] = json.dumps(result)
    await Tugas.update(values).where(Tugas.kode == kode).run()


async def cancel(kode: str) -> None:
    """Ask a job to stop: a waiting one ends at once, a running one at its next progress report."""
    await Tugas.update({Tugas.batal_diminta: True}).where(Tugas.kode == kode).run()
    await Tugas.update({Tugas.status: "dibatalkan", Tugas.berakhir: datetime.now(timezone.utc),
                        Tugas.pesan: "Dibatalkan sebelum mulai."}).where(
        (Tugas.kode == kode) & (Tugas.status == "antri")).run()


async def mark_interrupted() -> int:
    """At worker start: jobs left 'running' by a worker that died cannot be resumed; say so."""
    rows = await Tugas.update({Tugas.status: "gagal", Tugas.berakhir: datetime.now(timezone.utc),
                               Tugas.pesan: "Terputus: pekerja latar berhenti saat tugas berjalan. Jalankan ulang."}
                              ).where(Tugas.status == "berjalan").returning(Tugas.id).run()
    return len(rows)


_held: list[int] = []  # a stop signal that came while the worker booted
_consumer = None  # the running consumer, once there is one


def hold_stop_signals() -> None:
    """Until the queue's consumer has its own handlers, a stop signal (TERM, INT, HUP) is noted, not raised.

    Raised while the worker boots it would land inside a migration or a database thread's work and could leave the
    process hanging; noted, the worker ends as soon as booting is done (or the consumer, once it exists, stops)."""
    def noted(signum, frame):
        if _consumer is not None:
            _consumer._handle_signal(signum, frame)  # huey's own handler, before it installed it itself
        elif not _held:
            _held.append(signum)

    for signum in (signal.SIGTERM, signal.SIGINT, getattr(signal, "SIGHUP", None)):
        if signum is not None:
            signal.signal(signum, noted)


def run_worker(balai, workers: int = 1, beside: tuple[Callable, ...] = ()) -> None:
    """Take jobs off the queue until stopped (SIGINT, SIGTERM or SIGHUP). Blocks.

    Each of `beside` runs in a thread of its own for as long as the worker, as ``fn(balai, stopping)`` where
    `stopping` is a ``threading.Event`` set when the worker stops (`balai worker` runs the scheduler so)."""
    global _worker_balai, _consumer
    _worker_balai = balai
    if _held:
        return
    asyncio.run(mark_interrupted())
    huey, _ = queue_of(balai)
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=False, initial_delay=0.05,
                                    max_delay=0.5)
    if hasattr(signal, "SIGHUP") and isinstance(getattr(consumer, "_signal_actions", None), dict):
        # huey restarts itself in place on SIGHUP (exec: same pid, its children forgotten). A hang-up stops the
        # worker like SIGTERM; whoever started it (serve, systemd) starts it again.
        consumer._signal_actions[signal.SIGHUP] = (False, False)
    _consumer = consumer
    if _held:  # stopped while the consumer was being made
        return
    stopping = threading.Event()
    threads = [threading.Thread(target=fn, args=(balai, stopping), name=getattr(fn, "__name__", "samping"),
                                daemon=True) for fn in beside]
    for thread in threads:
        thread.start()
    try:
        consumer.run()
    finally:
        stopping.set()
        for thread in threads:
            thread.join(timeout=30)  # a scheduled task that is running finishes; its run is already claimed


async def run_pending_here(balai) -> int:
    """Run every queued job in this process, in order (tests and the CLI use it; the server uses the worker)."""
    huey, _ = queue_of(balai)
    count = 0
    # Redis's dequeue blocks a second when the queue is empty; asking the count first ends the loop at once.
    while huey.pending_count() and (message := huey.dequeue()) is not None:
        await execute(balai, message.args[0])
        count += 1
    return count
