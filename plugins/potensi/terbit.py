"""What the office publishes, and THE one computation of the public figures (`data_publik`): the public page
"Potensi Nagari" and any later open-data export call it, so what is public is decided here only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from plugin_sdk import log_change, public_changed, write_transaction

from plugins.potensi.indikator import JORONG, TEMA, Indikator, semua_indikator
from plugins.potensi.layanan import Nilai, daftar_jorong, nilai_tahun
from plugins.potensi.tables import NAGARI, NilaiPotensi, TerbitPotensi

__all__ = ["diterbitkan", "atur_terbit", "data_publik", "PotensiPublik", "BarisPublik"]


async def diterbitkan() -> set[str]:
    """The kode of every indicator the office publishes."""
    return {r["indikator"] for r in await TerbitPotensi.select(TerbitPotensi.indikator).run()}


async def atur_terbit(request, kode: set[str]) -> None:
    """Publish exactly the indicators in `kode` among the ones known now (unknown codes are ignored; the choice
    for an indicator of a plugin switched off is kept for when it comes back). Audited; public pages rebuilt."""
    dikenal = {i.kode for i in await semua_indikator(request)}
    pilih = set(kode) & dikenal
    async with write_transaction():
        lama = await diterbitkan() & dikenal
        tambah, cabut = sorted(pilih - lama), sorted(lama - pilih)
        if not tambah and not cabut:
            return
        if cabut:
            await TerbitPotensi.delete().where(TerbitPotensi.indikator.is_in(cabut)).run()
        if tambah:
            await TerbitPotensi.insert(*[TerbitPotensi(indikator=k) for k in tambah]).run()
        await log_change(request, "terbit", "potensi.terbit", "potensi",
                         {"diterbitkan": tambah, "dicabut": cabut})
        await public_changed()


class BarisPublik(NamedTuple):
    """One published indicator: its figure for the whole nagari (or None) and, for a jorong indicator, its
    figures per jorong as (jorong name, figure) by name."""

    indikator: Indikator
    nagari: Nilai | None
    jorong: list[tuple[str, Nilai]]


@dataclass(frozen=True)
class PotensiPublik:
    """The public profile: the year shown and the published indicators with a figure, per theme (TEMA order, only
    themes with something to show)."""

    tahun: int
    tema: dict[str, list[BarisPublik]]


async def data_publik(ctx=None) -> PotensiPublik | None:
    """What the public sees: the newest year with a figure of a published indicator, and in it every published
    indicator that has a figure (aggregates only). None when nothing published has a figure. `ctx`: the request
    or a job's context, so that indicators added by plugins are included (None: the shipped list only)."""
    terbit = await diterbitkan()
    if not terbit:
        return None
    row = await NilaiPotensi.select(NilaiPotensi.tahun).where(NilaiPotensi.indikator.is_in(sorted(terbit))).order_by(
        NilaiPotensi.tahun, ascending=False).first().run()
    if row is None:
        return None
    tahun = row["tahun"]
    nilai = await nilai_tahun(tahun)
    jorong = await daftar_jorong()
    tema: dict[str, list[BarisPublik]] = {}
    for ind in await semua_indikator(ctx):
        if ind.kode not in terbit:
            continue
        per_jorong = [(j["nama"], nilai[(ind.kode, j["id"])]) for j in jorong
                      if ind.lingkup == JORONG and (ind.kode, j["id"]) in nilai]
        baris = BarisPublik(ind, nilai.get((ind.kode, NAGARI)), per_jorong)
        if baris.nagari is not None or baris.jorong:
            tema.setdefault(ind.tema, []).append(baris)
    if not tema:
        return None
    return PotensiPublik(tahun, {k: tema[k] for k in TEMA if k in tema})
