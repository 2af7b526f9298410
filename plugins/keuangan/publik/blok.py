"""The home page's budget block: the latest year in force, its pendapatan and belanja and how much is spent.

Small on purpose (three figures and a link, no chart, no stylesheet): the portal's home must stay under 150 KB and
serve 1,000 requests a second from its cache. The portal is optional, so its `Blok` is imported only when it asks.
"""

from __future__ import annotations

from plugins.keuangan import ringkasan as hitung
from plugins.keuangan.publik import tampilan


async def konteks(request=None) -> dict:
    """The block's context; empty (the block shows nothing) while no year has an APB Desa in force."""
    tahun = await hitung.tahun_tersedia()
    r = await hitung.ringkasan(tahun[0]) if tahun else None
    return tampilan.blok(r) if r is not None else {}


def blok():
    from plugins.portal.api import Blok

    return [Blok("anggaran", "APB Desa", "keuangan/publik/blok.html", konteks, order=45)]
