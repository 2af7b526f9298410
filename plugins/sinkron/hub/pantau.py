"""What the hub's operator watches: every nagari with its state, last contact and heartbeat; the open enrolment
codes; one nagari's keys and latest batches."""

from __future__ import annotations

import json
from datetime import datetime, timezone

from plugins.sinkron.hub.daftar import nagari
from plugins.sinkron.hub.tables import BatchHub, KunciNode, NodeHub, RilisHub, UndanganHub
from plugins.sinkron.protokol import kunci_dari_teks, sidik_jari


def _detak(teks: str) -> dict:
    try:
        isi = json.loads(teks or "{}")
    except ValueError:
        return {}
    if not isinstance(isi, dict):
        return {}
    waktu = isi.get("cadangan_terakhir")
    try:
        isi["cadangan_terakhir"] = datetime.fromisoformat(waktu) if isinstance(waktu, str) else None
    except ValueError:
        isi["cadangan_terakhir"] = None
    return isi


async def daftar_node() -> list[dict]:
    """Every enrolled nagari, by kecamatan then name, with its heartbeat parsed."""
    rows = await NodeHub.select().order_by(NodeHub.kecamatan).order_by(NodeHub.nama).run()
    for r in rows:
        r["detak"] = _detak(r["detak"])
    return rows


async def undangan_terbuka() -> list[dict]:
    """Codes neither used nor expired (the code itself is never shown again, only for whom and until when)."""
    sekarang = datetime.now(timezone.utc)
    rows = await UndanganHub.select(UndanganHub.id, UndanganHub.kode_wilayah, UndanganHub.dibuat,
                                    UndanganHub.kedaluwarsa, UndanganHub.oleh).where(
        UndanganHub.dipakai.is_null() & (UndanganHub.kedaluwarsa > sekarang)).order_by(
        UndanganHub.dibuat, ascending=False).run()
    nama = {n["kode"]: n for n in nagari()}
    for r in rows:
        r["nama"] = nama.get(r["kode_wilayah"], {}).get("nama", r["kode_wilayah"])
    return rows


async def node(kode: str) -> dict | None:
    row = await NodeHub.select().where(NodeHub.kode_wilayah == kode).first().run()
    if row is not None:
        row["detak"] = _detak(row["detak"])
    return row


async def kunci_node(kode: str) -> list[dict]:
    rows = await KunciNode.select().where(KunciNode.node == kode).order_by(KunciNode.dibuat, ascending=False).run()
    for r in rows:
        r["sidik_jari"] = sidik_jari(kunci_dari_teks(r["kunci"]))
    return rows


async def batch_terakhir(kode: str, jumlah: int = 20) -> list[dict]:
    return await BatchHub.select().where(BatchHub.kode_wilayah == kode).order_by(
        BatchHub.seq, ascending=False).limit(jumlah).run()


async def jumlah_rilis(kode: str) -> int:
    return await RilisHub.count().where(RilisHub.kode_wilayah == kode).run()
