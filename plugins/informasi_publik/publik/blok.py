"""The home page's block of the latest regulations: five names with their status and a link to the list.

Small on purpose (a list of links, no stylesheet): the portal's home is cached and must stay light. The portal is
optional, so its `Blok` is imported only when it asks.
"""

from __future__ import annotations

from plugin_sdk import nagari_profile

from plugins.informasi_publik import hukum

TERBARU = 5


async def konteks(request) -> dict:
    """The block's context; empty (the block shows nothing) while no regulation is recorded."""
    from plugins.informasi_publik.publik.hukum import tampil

    rows, _ = await hukum.daftar(batas=TERBARU)
    profil = nagari_profile(request)
    kaitan = await hukum.nama_menurut_id([r["status_oleh"] for r in rows])
    return {"produk": [tampil(r, profil, kaitan) for r in rows]}


def blok():
    from plugins.portal.api import Blok

    return [Blok("produk_hukum", "Produk hukum terbaru", "informasi_publik/publik/blok.html", konteks, order=60)]
