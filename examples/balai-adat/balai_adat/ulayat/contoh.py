"""Example tanah ulayat for a demo nagari (`balai demo` with adat enabled): a few parcels and a dispute, so every
page of the register has something to show. Idempotent: a nagari that has recorded land is left alone."""

from __future__ import annotations

from datetime import date, timedelta

from balai_adat.tables import Kaum, Suku
from balai_adat.ulayat import layanan
from balai_adat.ulayat.tables import TanahUlayat


async def isi(hari_ini: date) -> int:
    """Record the example parcels (the first suku and kaum registered hold two of them); returns how many."""
    if await TanahUlayat.exists().run():
        return 0
    jorong = list(await layanan.jorong_nagari())
    suku = await Suku.select(Suku.id).order_by(Suku.id).first().run()
    kaum = await Kaum.select(Kaum.id, Kaum.suku).order_by(Kaum.id).first().run()
    tanah = [dict(nama="Rimbo Gadang", status="nagari", suku=None, kaum=None, jorong=0, luas_m2=12_507_500,
                  penggunaan="hutan", batas="Utara: Batang Sinamar\nSelatan: jalan nagari", keterangan="")]
    if suku:
        tanah.append(dict(nama="Parak Gambir Bukik", status="suku", suku=suku["id"], kaum=None,
                          jorong=jorong[0] if jorong else 0, luas_m2=85_000, penggunaan="perkebunan", batas="",
                          keterangan=""))
    if kaum:
        tanah.append(dict(nama="Sawah Lua", status="kaum", suku=kaum["suku"], kaum=kaum["id"],
                          jorong=jorong[-1] if jorong else 0, luas_m2=12_500, penggunaan="pertanian", batas="",
                          keterangan=""))
    ids = [await layanan.simpan_tanah(None, nilai) for nilai in tanah]
    await layanan.simpan_sengketa(None, ids[0], {
        "tanggal": hari_ini - timedelta(days=40), "pihak": "Jorong di hulu dengan jorong di hilir",
        "uraian": "Batas rimbo di tepi Batang Sinamar.", "status": "mediasi", "hasil": ""})
    return len(ids)
