"""The hub's open data follows what the nagari send: every few minutes a scheduled check asks which periods'
releases arrived since its last run (one query on the index of `hub_rilis.diubah`), and when some did, a job
publishes those periods again through satu_data, for the kabupaten datasets the Diskominfo chose (not those set to
"manual"). A period whose sums changed becomes a revision (a new version, as satu_data versions any release); the
same sums again change nothing. The figures are the dashboard's own (data_terbuka's `hitung` is `dasbor.jumlah`).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from plugin_sdk import register, role, today
from plugin_sdk.jobs import Jadwal, Job

from plugins.satu_data.api import batas_periode
from plugins.sinkron.hub import dasbor
from plugins.sinkron.hub.data_terbuka import AWALAN

log = logging.getLogger(__name__)
JADWAL, JOB = "sinkron.hub_terbit", "sinkron.hub_terbit"
SETIAP = timedelta(minutes=2)
#: Looked back past the last run: a batch whose transaction began before that run's query but committed after it
#: carries an earlier `diubah`. Publishing a period again with the same sums is harmless ("tetap").
TUMPANG = timedelta(minutes=10)


async def berubah(sejak: datetime | None) -> list[tuple[str, str]]:
    """(dataset, periode) of the releases that arrived after `sejak` (every one when None)."""
    from plugins.sinkron.hub.tables import RilisHub as R

    q = R.select(R.dataset, R.periode).distinct()
    if sejak is not None:
        q = q.where(R.diubah > sejak)
    return sorted((r["dataset"], r["periode"]) for r in await q.run())


async def periksa(ctx) -> None:
    """The scheduled check (hub only): start the job when a period changed since the last run."""
    if role() != "hub":
        return
    sejak = None if ctx.terakhir is None else ctx.terakhir - TUMPANG
    if ubah := await berubah(sejak):
        await ctx.start_job(JOB, "Menerbitkan ulang data terbuka kabupaten yang berubah",
                            {"periode": [list(p) for p in ubah]})


def tanggal_data(periode: str, hari_ini: date) -> date:
    """The day whose figures publish `periode`: its last day, or today while it runs (then provisional)."""
    return min(batas_periode(periode)[1], hari_ini)


async def terbitkan_ulang(ctx, periode: list[list[str]]) -> dict:
    """The job: each changed period of each chosen kabupaten dataset published again, grouped by data day."""
    from plugins.satu_data.api import pilihan, terbitkan

    await dasbor.definisi(ctx)  # the definitions the dashboard shapes by, also for satu_data's context-less event
    dipilih = {n for n, p in (await pilihan()).items() if p["terbit"] and p["jadwal"] != "manual"}
    hari_ini = today(await register.stored_profile())
    per_hari: dict[date, set[str]] = {}
    for nama, p in periode:
        if AWALAN + nama in dipilih:
            per_hari.setdefault(tanggal_data(p, hari_ini), set()).add(AWALAN + nama)
    hasil = []
    for hari, nama in sorted(per_hari.items()):
        hasil += await terbitkan(ctx, nama=sorted(nama), per=hari)
    ringkas = {s: sum(1 for h in hasil if h.status == s) for s in ("baru", "revisi", "tetap", "kosong", "gagal")}
    pesan = (f"{ringkas['baru']} periode baru, {ringkas['revisi']} revisi, {ringkas['tetap']} tidak berubah, "
             f"{ringkas['gagal']} gagal.")
    await ctx.progress(len(hasil), len(hasil), pesan, force=True)
    return {"pesan": pesan, "tautan": "/admin/satu-data",
            "gagal": [[h.dataset, h.pesan] for h in hasil if h.status == "gagal"]}


def jadwal() -> list[Jadwal]:
    return [Jadwal(JADWAL, periksa, setiap=SETIAP, judul="Menerbitkan ulang data terbuka kabupaten yang berubah")]


def jobs() -> list[Job]:
    return [Job(JOB, terbitkan_ulang)]
