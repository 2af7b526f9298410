"""Example suku, kaum and penghulu for a demo nagari (`balai adat-contoh`), so every adat page has something to
show. Written through the same checks as the office's forms. Idempotent: a nagari with a suku is left alone."""

from __future__ import annotations

from datetime import date

from balai_adat import layanan
from balai_adat.tables import Suku

# suku -> (its penghulu, role in the KAN), then its kaum with their penghulu and role
CONTOH = {
    "Piliang": (("Datuak Bandaro", "ketua"), (("Koto Baru", "Datuak Rajo Malano", "sekretaris"),
                                              ("Rumah Tinggi", "Datuak Sati", "anggota"))),
    "Chaniago": (("Datuak Rajo Panghulu", "wakil_ketua"), (("Bodi", "Datuak Majo Indo", "anggota"),)),
    "Melayu": (("Datuak Putiah", "bendahara"), ()),
}


async def isi(request=None) -> int:
    """Record the example suku with their kaum and penghulu into an empty register; returns how many suku."""
    if await Suku.exists().run():
        return 0
    for nama, ((gelar, jabatan), kaum) in CONTOH.items():
        suku_id = await layanan.simpan_suku(request, {"nama": nama})
        await layanan.simpan_penghulu(request, suku_id, {"gelar": gelar, "jabatan_kan": jabatan,
                                                         "sejak": date(2015, 6, 1).isoformat()})
        for nama_kaum, gelar_kaum, jabatan_kaum in kaum:
            kaum_id = await layanan.simpan_kaum(request, suku_id, {"nama": nama_kaum})
            await layanan.simpan_penghulu(request, suku_id, {"gelar": gelar_kaum, "kaum": str(kaum_id),
                                                             "jabatan_kan": jabatan_kaum})
    return len(CONTOH)
