"""Who receives a program now: the entries of its latest approved cycle that were not removed. One computation for
the program page, the rules ("already receives program X"), the panels, the statistics and the public list."""

from __future__ import annotations

import json
from datetime import datetime

from plugins.bantuan.kode import DISETUJUI
from plugins.bantuan.tables import PesertaBantuan, SiklusBantuan


async def siklus_terakhir(program_id: int, *, per: datetime | None = None) -> dict | None:
    """The program's latest approved cycle (approved at or before `per` when given), or None."""
    query = SiklusBantuan.select().where((SiklusBantuan.program == program_id) & (SiklusBantuan.status == DISETUJUI))
    if per is not None:
        query = query.where(SiklusBantuan.disetujui <= per)
    return await query.order_by(SiklusBantuan.nomor, ascending=False).first().run()


async def penerima(program_id: int, *, per: datetime | None = None) -> list[dict]:
    """The recipients of the latest approved cycle, in list order: the entry's columns, `data` read from its JSON
    (the data frozen at approval)."""
    siklus = await siklus_terakhir(program_id, per=per)
    if siklus is None:
        return []
    rows = await PesertaBantuan.select().where(
        (PesertaBantuan.siklus == siklus["id"]) & (PesertaBantuan.keluar == False)).order_by(  # noqa: E712
        PesertaBantuan.id).run()
    for row in rows:
        row["data"] = json.loads(row["data"]) if row["data"] else {}
    return rows


async def kunci_penerima(program_id: int) -> set[str]:
    """The keys ("p:12", "k:5", ...) of the program's current recipients."""
    return {r["kunci"] for r in await penerima(program_id)}
