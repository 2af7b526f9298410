"""What changed, in order, for the sync plugin: each new period or revision since a position in the change log, with
the rows the kabupaten hub needs (before suppression, so the hub's sums are exact; never served by the node)."""

from __future__ import annotations

import json

from plugins.satu_data.tables import PerubahanDataset, TerbitanDataset


async def posisi_terakhir() -> int:
    """The newest position in the change log (0 before the first release)."""
    row = await PerubahanDataset.select(PerubahanDataset.id).order_by(
        PerubahanDataset.id, ascending=False).first().run()
    return row["id"] if row else 0


async def perubahan(setelah: int, batas: int = 50) -> list[dict]:
    """The changes after position `setelah`, oldest first, at most `batas`: each
    ``{"posisi", "dataset", "periode", "versi", "sementara", "baris"}`` with `baris` the release's rows as stored now
    (a later revision's, should one have followed: the hub keeps the highest `versi`, so that is the same end)."""
    log = await PerubahanDataset.select().where(PerubahanDataset.id > setelah).order_by(PerubahanDataset.id).limit(
        batas).run()
    if not log:
        return []
    kunci = {(r["dataset"], r["periode"]) for r in log}
    t = TerbitanDataset
    rilis = await t.select(t.dataset, t.periode, t.versi, t.sementara, t.baris, t.mentah).where(
        t.dataset.is_in(sorted({d for d, _ in kunci}))).run()
    per = {(r["dataset"], r["periode"]): r for r in rilis if (r["dataset"], r["periode"]) in kunci}
    hasil = []
    for r in log:
        now = per.get((r["dataset"], r["periode"]))
        if now is None:  # cannot happen (releases are never deleted); skip rather than send nothing as something
            continue
        hasil.append({"posisi": r["id"], "dataset": r["dataset"], "periode": r["periode"], "versi": now["versi"],
                      "sementara": now["sementara"], "baris": json.loads(now["mentah"] or now["baris"])})
    return hasil
