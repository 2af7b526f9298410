"""The USB file for a nagari without internet: every frame the hub has not acknowledged, as JSON lines (a header,
then one frame per line). The frames stay unacknowledged: the next online answer tells the node the file arrived,
and sending them again is harmless (the hub skips what it applied)."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from plugins.sinkron.node.identitas import kode_wilayah
from plugins.sinkron.node.tables import BERKAS, DIAKUI, TERKIRIM, KotakKeluar

VERSI_BERKAS = 1


async def isi_berkas(tulis=None) -> tuple[str, int]:
    """(the file's text, how many frames it holds); marks those frames as carried on a file once `tulis(text)`
    (if given: the CLI's file write, which may raise OSError) has written it."""
    rows = await KotakKeluar.select(KotakKeluar.seq, KotakKeluar.bingkai).where(
        KotakKeluar.status != DIAKUI).order_by(KotakKeluar.seq).run()
    kepala = {"balai_sinkron": VERSI_BERKAS, "node": await kode_wilayah(),
              "dibuat": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    teks = "\n".join([json.dumps(kepala), *(r["bingkai"] for r in rows)]) + "\n"
    if tulis is not None:
        tulis(teks)
    if rows:
        await KotakKeluar.update({KotakKeluar.lewat: BERKAS, KotakKeluar.status: TERKIRIM}).where(
            KotakKeluar.seq.is_in([r["seq"] for r in rows])).run()
    return teks, len(rows)


def nama_berkas(kode: str, pada: datetime) -> str:
    return f"sinkron-{kode.replace('.', '') or 'nagari'}-{pada:%Y%m%d-%H%M}.jsonl"
