"""Residents per suku as a statistics category ("adat_suku", through statistik's event `statistik_kategori`).

One computation, `hitung`, serves the office's statistics pages and the open-data dataset (data_terbuka.py). Living
residents are counted at the place and with the sex the register has now, their suku as recorded in this plugin
(`SukuWarga`); code 0 counts those whose suku is not recorded, so the codes add up to the population. The suku
register has no history: a past day (`per`) is answered with today's records, as the category's text says.
statistik is imported inside the functions: adat runs without it.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from piccolo.query.functions.aggregate import Count, Max

from plugin_sdk import register

from balai_adat.tables import Suku, SukuWarga

KODE = "adat_suku"
BELUM = (0, "Suku belum dicatat")


async def kode_suku() -> list[tuple[int, str]]:
    """(id, name) of every suku by name, then code 0 for residents with none recorded."""
    return [*((s["id"], s["nama"]) for s in await Suku.select(Suku.id, Suku.nama).order_by(Suku.nama).run()), BELUM]


async def kategori() -> list:
    """The answer to `statistik_kategori` (async: the codes are the suku registered, read from the database)."""
    from plugins.statistik import api as statistik

    kode = await kode_suku()
    if len(kode) == 1:  # no suku registered yet: nothing to count by
        return []
    return [statistik.KategoriTambahan(
        kategori=statistik.Kategori(
            KODE, "Suku (adat Minangkabau)",
            "Penduduk menurut suku yang tercatat di daftar adat nagari (suku mengikuti ibu), menurut tempat tinggal "
            "dan jenis kelamin. Daftar suku tidak menyimpan riwayat: untuk tanggal yang lalu pun, suku dan penduduk "
            "yang dihitung adalah yang tercatat sekarang."),
        kode=tuple(kode), hitung=hitung, versi=versi)]


async def versi() -> tuple:
    """Changes with every change of the suku list or of a resident's suku (which are not register changes)."""
    anggota = await SukuWarga.select(Count(SukuWarga.id, alias="n"), Max(SukuWarga.id, alias="m")).first().run()
    [tanda] = await SukuWarga.raw("SELECT COALESCE(SUM(penduduk * suku), 0) AS t FROM adat_suku_warga").run()
    return anggota["n"], anggota["m"], tanda["t"], tuple(await kode_suku())


async def anggota() -> dict[int, int]:
    """penduduk id -> suku id, for every resident whose suku is recorded."""
    return {r["penduduk"]: r["suku"] for r in await SukuWarga.select(SukuWarga.penduduk, SukuWarga.suku).run()}


async def hitung(*, tingkat: int, per: date | None = None, status: int | None = None) -> list[dict]:
    """Rows {kode: suku id or 0, wilayah, jenis_kelamin, jumlah} as statistik's KategoriTambahan expects."""
    suku = await anggota()
    naik = await register.places_at(tingkat) if tingkat else {}
    hitungan: Counter = Counter()
    where = {"status_penduduk": status} if status is not None else None
    async for orang in register.stream_residents(("id", "jenis_kelamin", "wilayah"), where=where):
        wilayah = naik.get(orang["wilayah"]) if tingkat else None
        hitungan[(suku.get(orang["id"], 0), wilayah, orang["jenis_kelamin"])] += 1
    return [{"kode": k, "wilayah": w, "jenis_kelamin": jk, "jumlah": n} for (k, w, jk), n in hitungan.items()]
