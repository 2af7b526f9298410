"""Background jobs for plugins: long work in the worker process, with a progress bar for the operator.

    from plugin_sdk import hookimpl
    from plugin_sdk.jobs import Job, JobFailed, start

    async def count_to(ctx, sampai: int) -> dict:
        for n in range(sampai):
            await ctx.progress(n + 1, sampai, f"Baris {n + 1}")   # raises JobCancelled when stopped
        return {"tautan": "/admin/contoh/hasil"}

    @hookimpl
    def balai_jobs():
        return [Job("contoh.hitung", count_to)]

    # in a route handler:
    return Redirect(await start(request, "contoh.hitung", "Menghitung", {"sampai": 1000}, permission="contoh.lihat"))

Parameters and results are JSON. The job runs in `balai worker` (started by `balai serve`), not in
the web process, so the operator keeps working; jobs waiting in the queue survive a web restart.

Periodic work is declared the same way, and the worker runs it when due (missed runs are made up once):

    from datetime import timedelta
    from plugin_sdk.jobs import Jadwal

    async def bersihkan(ctx):             # ctx.now, ctx.terakhir (last run or None), ctx.data_dir
        await ctx.start_job("contoh.hitung", "Menghitung ulang", {"sampai": 10})   # long work: a job

    @hookimpl
    def balai_jadwal():
        return [Jadwal("contoh.bersihkan", bersihkan, setiap=timedelta(hours=1)),
                Jadwal("contoh.rekap", bersihkan, setiap="harian 02:00")]
"""

from __future__ import annotations

from litestar import Request

from core.tugas.antrean import Job, JobCancelled, JobContext, JobFailed, enqueue, execute, record, run_pending_here
from core.tugas.jadwal import Jadwal, JadwalContext
from core.tugas.tables import Tugas
from core.web.auth import current_user

__all__ = ["Job", "JobContext", "JobCancelled", "JobFailed", "start", "run_in_this_process", "result_of",
           "finished", "run_pending", "Jadwal", "JadwalContext"]


async def start(request: Request, kind: str, title: str, params: dict, permission: str = "") -> str:
    """Queue a job for the worker; returns the address of its progress page."""
    balai = request.app.state.balai
    kode = await enqueue(balai, kind, title, params, await current_user(request), permission)
    return f"/admin/tugas/{kode}"


async def run_in_this_process(balai, kind: str, title: str, params: dict, watcher=None) -> dict:
    """Run a job here and now (a CLI command with its own progress bar); returns its row when it ended."""
    kode = await record(balai, kind, title, params, None)
    await execute(balai, kode, watcher)
    return await result_of(kode)


async def result_of(kode: str) -> dict:
    import json

    row = await Tugas.select().where(Tugas.kode == kode).first().run()
    if row is not None:
        row["hasil"] = json.loads(row["hasil"] or "{}")
    return row


async def finished(kind: str, username: str, since) -> list[dict]:
    """Jobs of `kind` that `username` started and that ended well since `since` (a datetime), newest first:
    ``[{"kode", "judul", "berakhir", "hasil"}]``, e.g. the exports still kept for download."""
    import json

    rows = await Tugas.select(Tugas.kode, Tugas.judul, Tugas.berakhir, Tugas.hasil).where(
        (Tugas.jenis == kind) & (Tugas.dibuat_oleh == username) & (Tugas.status == "selesai")
        & (Tugas.berakhir >= since)).order_by(Tugas.berakhir, ascending=False).limit(50).run()
    return [{**row, "hasil": json.loads(row["hasil"] or "{}")} for row in rows]


run_pending = run_pending_here  # tests: run what the web queued, in the test's own process
