"""Delivery: after the change commits, a background job sends each notice through the resident's channel.

A notice is ``baru`` when written. The delivery job claims it (``mengirim``), tells the plugins that listen
(event ``pemberitahuan_warga``, once), then sends it: ``terkirim``; or, when the resident chose no channel,
``tanpa_saluran``; or, when sending fails, ``ulang`` with the time of the next try (1, 5, then 30 minutes later)
and, after the last try or a failure no retry can mend, ``gagal`` with the reason. The every-minute task
``pemberitahuan.kirim_ulang`` queues the job for retries that are due and for any notice whose hand-over was lost
(a web process killed just after the commit), and frees a claim left by a worker that died while sending.
"""

from __future__ import annotations

import asyncio
import contextvars
import inspect
import logging
from datetime import datetime, timedelta, timezone

from plugin_sdk import emit, register, write_transaction
from plugin_sdk.jobs import Jadwal, Job, start

from plugins.pemberitahuan import saluran, teks
from plugins.pemberitahuan.api import DeliveryFailed, Message
from plugins.pemberitahuan.tables import Kiriman

log = logging.getLogger("balai.pemberitahuan")

BARU, MENGIRIM, ULANG, TERKIRIM, GAGAL = "baru", "mengirim", "ulang", "terkirim", "gagal"
TANPA_SALURAN = "tanpa_saluran"
DONE = {TERKIRIM, GAGAL, TANPA_SALURAN}
LABEL = {BARU: "Menunggu dikirim", MENGIRIM: "Sedang dikirim", ULANG: "Gagal, akan dicoba lagi",
         TERKIRIM: "Terkirim", GAGAL: "Gagal", TANPA_SALURAN: "Tidak dikirim (belum memilih cara)"}
DELAYS = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30))  # between tries: growing
TRIES = len(DELAYS) + 1
STALE = timedelta(minutes=15)  # a claim this old belongs to a worker that died while sending
LOST = timedelta(minutes=1)  # a new notice still unsent this long after it was written lost its hand-over
SEND_TIMEOUT = 60  # seconds one channel may take for one message
BATCH = 200
JOB = "pemberitahuan.kirim"
SWEEP = "pemberitahuan.kirim_ulang"
PERMISSION = "pemberitahuan.lihat"
TITLE = "Mengirim pemberitahuan warga"

_handing_over: set[asyncio.Task] = set()


def hand_over(request, kodes: list[str]) -> None:
    """Queue the delivery of these notices once the transaction that is writing them has ended.

    The events fire inside a write transaction, which holds the write lock until it commits or rolls back. A task
    in a fresh context (so it does not join that transaction) takes the lock, which waits exactly that long, then
    queues only the notices that were committed. The web request does not wait for any of it. Without a request
    (the event came from a job or a command) the every-minute task sends them.
    """
    if request is None or not kodes:
        return
    task = asyncio.get_running_loop().create_task(_after_commit(request, list(kodes)), context=contextvars.Context())
    _handing_over.add(task)
    task.add_done_callback(_handing_over.discard)


async def _after_commit(request, kodes: list[str]) -> None:
    try:
        async with write_transaction():
            committed = await Kiriman.select(Kiriman.kode).where(
                Kiriman.kode.is_in(kodes) & (Kiriman.status == BARU)).run()
        if committed:
            await start(request, JOB, TITLE, {"kode": [r["kode"] for r in committed]}, permission=PERMISSION)
    except Exception:  # the every-minute task picks the notices up
        log.exception("pengiriman pemberitahuan belum diantrekan; jadwal %s akan mengirimnya", SWEEP)


async def settle() -> None:
    """Wait for the hand-overs this event loop started (tests; a process about to stop)."""
    loop = asyncio.get_running_loop()
    while pending := [t for t in _handing_over if t.get_loop() is loop and not t.done()]:
        await asyncio.gather(*pending, return_exceptions=True)


def _utc(moment: datetime | None) -> datetime:
    return (moment or datetime.now(timezone.utc)).astimezone(timezone.utc)


async def deliver(ctx, kode: list[str] | None = None, sampai: str | None = None) -> dict:
    """The job: send the given notices, or every one that is due at `sampai` (ISO time; default now)."""
    now = _utc(datetime.fromisoformat(sampai) if sampai else None)
    due = (Kiriman.status == BARU) | ((Kiriman.status == ULANG) & (Kiriman.coba_lagi <= now))
    where = due & Kiriman.kode.is_in(kode) if kode else due
    rows = await Kiriman.select(Kiriman.id, Kiriman.status).where(where).order_by(Kiriman.id).limit(BATCH).run()
    channels = await saluran.offered(ctx)
    sender = teks.sender(await register.stored_profile())
    counts: dict[str, int] = {}
    for row in rows:
        outcome = await _deliver_one(ctx, row, channels, sender, now)
        if outcome:
            counts[outcome] = counts.get(outcome, 0) + 1
        await ctx.progress(sum(counts.values()), len(rows), "Mengirim pemberitahuan")
    return {"tautan": "/admin/pemberitahuan", **counts}


async def _deliver_one(ctx, row: dict, channels: dict, sender: str, now: datetime) -> str | None:
    # Claimed by one worker only: two jobs for the same notice (the hand-over and the sweep) send it once.
    claimed = await Kiriman.update({Kiriman.status: MENGIRIM, Kiriman.diubah: now}).where(
        (Kiriman.id == row["id"]) & (Kiriman.status == row["status"])).returning(*Kiriman.all_columns()).run()
    if not claimed:
        return None
    notice = claimed[0]
    if row["status"] == BARU and notice["jenis"] != "uji":
        await emit(ctx, "pemberitahuan_warga", pemberitahuan=as_event(notice))
    if not notice["saluran"]:
        await _finish(notice["id"], {Kiriman.status: TANPA_SALURAN})
        return TANPA_SALURAN
    tries = notice["percobaan"] + 1
    try:
        await _send(channels.get(notice["saluran"]), notice, sender)
    except DeliveryFailed as exc:
        reason, permanent = exc.reason, exc.permanent
    except asyncio.TimeoutError:
        reason, permanent = f"Saluran tidak menjawab dalam {SEND_TIMEOUT} detik.", False
    except Exception:
        log.exception("pemberitahuan %s gagal dikirim lewat %s", notice["id"], notice["saluran"])
        reason, permanent = "Kesalahan tak terduga saat mengirim; rinciannya ada di log pekerja latar.", False
    else:
        await _finish(notice["id"], {Kiriman.status: TERKIRIM, Kiriman.percobaan: tries, Kiriman.galat: "",
                                     Kiriman.terkirim: now, Kiriman.coba_lagi: None})
        return TERKIRIM
    final = permanent or tries >= TRIES
    await _finish(notice["id"], {Kiriman.status: GAGAL if final else ULANG, Kiriman.percobaan: tries,
                                 Kiriman.galat: str(reason)[:300],
                                 Kiriman.coba_lagi: None if final else now + DELAYS[tries - 1]})
    return GAGAL if final else ULANG


async def _send(channel, notice: dict, sender: str) -> None:
    if channel is None:
        raise DeliveryFailed(f"Cara pemberitahuan '{notice['saluran']}' tidak tersedia lagi (pluginnya nonaktif).")
    if (why := await saluran.problem(channel)) is not None:
        raise DeliveryFailed(why)
    message = Message(subject=notice["judul"], text=teks.scrub(notice["teks"]), link=notice["tautan"],
                      sender=sender, penduduk_id=notice["penduduk"], kind=notice["jenis"])
    if inspect.iscoroutinefunction(channel.send):
        await asyncio.wait_for(channel.send(notice["alamat"], message), SEND_TIMEOUT)
    else:
        await asyncio.wait_for(asyncio.to_thread(channel.send, notice["alamat"], message), SEND_TIMEOUT)


async def _finish(notice_id: int, values: dict) -> None:
    async with write_transaction():
        await Kiriman.update({**values, Kiriman.diubah: datetime.now(timezone.utc)}).where(
            Kiriman.id == notice_id).run()


def as_event(notice: dict) -> dict:
    """A notice as plugins are told it (event ``pemberitahuan_warga``): plain data, no address."""
    return {"id": notice["id"], "penduduk_id": notice["penduduk"], "jenis": notice["jenis"],
            "peristiwa": notice["peristiwa"], "sumber_id": notice["sumber_id"], "judul": notice["judul"],
            "teks": teks.scrub(notice["teks"]), "tautan": notice["tautan"],
            "dibuat": _utc(notice["dibuat"]).isoformat()}


async def sweep(ctx) -> None:
    """Every minute: free dead claims, and queue the job when a retry is due or a hand-over was lost."""
    now = _utc(ctx.now)
    async with write_transaction():
        await Kiriman.update({Kiriman.status: ULANG, Kiriman.coba_lagi: now, Kiriman.diubah: now}).where(
            (Kiriman.status == MENGIRIM) & (Kiriman.diubah < now - STALE)).run()
    due = await Kiriman.exists().where(((Kiriman.status == BARU) & (Kiriman.dibuat < now - LOST))
                                       | ((Kiriman.status == ULANG) & (Kiriman.coba_lagi <= now))).run()
    if due:
        await ctx.start_job(JOB, TITLE, {"sampai": now.isoformat()}, permission=PERMISSION)


def jobs() -> list[Job]:
    return [Job(JOB, deliver)]


def schedule() -> list[Jadwal]:
    return [Jadwal(SWEEP, sweep, setiap=timedelta(minutes=1), judul="Mengirim ulang pemberitahuan warga")]
