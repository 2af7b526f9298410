"""Publishing as background work: "publish now" from the admin page and the monthly release are one job, run by
the worker with a progress bar (computing every dataset of a 20,000-resident nagari takes seconds)."""

from __future__ import annotations

from plugin_sdk import register, today
from plugin_sdk.jobs import Jadwal, Job

from plugins.satu_data import registri
from plugins.satu_data.tables import BULANAN, PilihanDataset
from plugins.satu_data.terbit import bulan_lalu, terbitkan

JOB, JADWAL = "satu_data.terbit", "satu_data.bulanan"


async def tugas_terbit(ctx, nama: list[str] | None = None, bulanan: bool = False) -> dict:
    """Publish `nama` now (or every chosen dataset); `bulanan`: the closed month's release of the datasets the
    office publishes monthly. The result lists each dataset's outcome for the job page."""
    per = None
    if bulanan:
        rows = await PilihanDataset.select(PilihanDataset.dataset).where(
            PilihanDataset.terbit == True, PilihanDataset.jadwal == BULANAN).run()  # noqa: E712
        known = {d.nama for d in await registri.semua(ctx)}
        nama = [r["dataset"] for r in rows if r["dataset"] in known]
        per = bulan_lalu(today(await register.stored_profile()))
        if not nama:
            return {"pesan": "Tidak ada dataset yang diterbitkan bulanan.", "tautan": "/admin/satu-data"}
    await ctx.progress(0, None, "Menghitung dan menerbitkan dataset")
    hasil = await terbitkan(ctx, nama=nama, per=per)
    gagal = [h for h in hasil if h.status == "gagal"]
    ringkas = {s: sum(1 for h in hasil if h.status == s) for s in ("baru", "revisi", "tetap", "kosong", "gagal")}
    pesan = (f"{ringkas['baru']} periode baru, {ringkas['revisi']} revisi, {ringkas['tetap']} tidak berubah, "
             f"{ringkas['kosong']} tanpa data, {ringkas['gagal']} gagal.")
    await ctx.progress(len(hasil), len(hasil), pesan, force=True)  # the job page shows it beside "Lihat hasil"
    return {"pesan": pesan, "tautan": "/admin/satu-data", "gagal": [[h.dataset, h.pesan] for h in gagal]}


async def mulai_bulanan(ctx) -> None:
    """Queue the monthly release, only when the office publishes something monthly (no empty job in the list)."""
    ada = await PilihanDataset.exists().where(PilihanDataset.terbit == True,  # noqa: E712
                                              PilihanDataset.jadwal == BULANAN).run()
    if ada:
        await ctx.start_job(JOB, "Menerbitkan data terbuka bulan lalu", {"bulanan": True})


def jobs() -> list[Job]:
    return [Job(JOB, tugas_terbit)]


def jadwal() -> list[Jadwal]:
    return [Jadwal(JADWAL, mulai_bulanan, setiap="bulanan 1 02:00",
                   judul="Menerbitkan data terbuka bulan yang baru berakhir")]
