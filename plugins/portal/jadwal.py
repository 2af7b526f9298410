"""Scheduled articles: a due one is already visible by time alone (api.py); this task marks it published and
tells the public caches, so a cached home page picks it up within a minute of its moment."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from plugin_sdk import public_changed, write_transaction
from plugin_sdk.jobs import Jadwal

from plugins.portal.tables import JADWAL, TERBIT, Artikel

KODE = "portal.terbitkan_jadwal"


async def publish_due(ctx=None) -> int:
    """Flip every scheduled article whose moment has come to published; returns how many."""
    now = (getattr(ctx, "now", None) or datetime.now(timezone.utc)).astimezone(timezone.utc)
    async with write_transaction():
        flipped = await Artikel.update({Artikel.status: TERBIT}).where(
            Artikel.status == JADWAL, Artikel.terbit_pada <= now).returning(Artikel.id).run()
        if flipped:
            await public_changed()
    return len(flipped)


def schedule() -> list[Jadwal]:
    return [Jadwal(KODE, publish_due, setiap=timedelta(minutes=1), judul="Menerbitkan artikel terjadwal")]
