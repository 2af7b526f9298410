"""Replacing the node's signing key (a key that may have leaked, or a yearly habit): the hub must accept the new
key, signed by the current one, before anything is signed with it. Batches already in the outbox keep their old
signature; the hub keeps the old key as "lama" to verify them."""

from __future__ import annotations

import httpx

from plugin_sdk import write_transaction

from plugins.sinkron.node import kirim
from plugins.sinkron.node.daftar import DaftarError, buang_kunci
from plugins.sinkron.node.identitas import cincin
from plugins.sinkron.node.tables import AKTIF, SinkronHub
from plugins.sinkron.protokol import sidik_jari


async def ganti_kunci(sumber) -> str:
    """Make a new key, have the hub accept it, and return its fingerprint; DaftarError (nothing changed) when the
    hub cannot be reached or refuses."""
    from plugins.sinkron.hub.daftar import permintaan_rotasi  # the request's one definition, beside its check

    hub = await SinkronHub.select().first().run()
    if hub is None or hub["status"] != AKTIF:
        raise DaftarError({"umum": "Kunci hanya dapat diganti setelah kabupaten mengonfirmasi nagari ini."})
    ring = cincin(sumber)
    # under the write lock: no batch is packed (signed) with the new key before the hub has accepted it
    async with write_transaction():
        kid_lama, lama = ring.active()
        kid_baru = ring.rotate()
        baru = ring.active()[1]
        try:
            async with httpx.AsyncClient(transport=kirim.TRANSPORT, timeout=kirim.WAKTU_TUNGGU) as klien:
                respons = await klien.post(f"{hub['url']}/api/sinkron/kunci",
                                           json=permintaan_rotasi(hub["kode_wilayah"], kid_lama, lama, baru))
        except httpx.HTTPError as e:
            buang_kunci(ring, kid_baru)
            raise DaftarError({"umum": f"Hub tidak dapat dihubungi ({type(e).__name__}); kunci tidak diganti."}
                              ) from None
        if respons.status_code != 200:
            buang_kunci(ring, kid_baru)
            raise DaftarError({"umum": f"Hub menolak kunci baru: {kirim.galat_hub(respons)}; kunci tidak diganti."})
        sidik = sidik_jari(baru.public_key())
        await SinkronHub.update({SinkronHub.sidik_jari: sidik}).where(SinkronHub.id == hub["id"]).run()
    return sidik
