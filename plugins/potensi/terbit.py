"""What the office publishes, and THE one computation of the public figures (`data_publik`): the public page
"Potensi Nagari" and any later open-data export call it, so what is public is decided here only.

The office chooses two things: which indicators go out, and of which year ("Tahun yang diterbitkan"). Typing a
figure or copying last year into another year never moves the public page: a new year goes out when the office
picks it, once its profile has been checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from plugin_sdk import log_change, public_changed, write_transaction

from plugins.potensi.indikator import JORONG, TEMA, Indikator, semua_indikator
from plugins.potensi.layanan import IsianError, Nilai, daftar_jorong, nilai_tahun, tahun_tersedia
from plugins.potensi.tables import NAGARI, TahunTerbitPotensi, TerbitPotensi

__all__ = ["diterbitkan", "tahun_diterbitkan", "atur_terbit", "data_publik", "PotensiPublik", "BarisPublik"]


async def diterbitkan() -> set[str]:
    """The kode of every indicator the office publishes."""
    return {r["indikator"] for r in await TerbitPotensi.select(TerbitPotensi.indikator).run()}


async def tahun_diterbitkan() -> int | None:
    """The year whose figures the public page shows; None until the office first chooses one."""
    row = await TahunTerbitPotensi.select(TahunTerbitPotensi.tahun).first().run()
    return row["tahun"] if row else None


async def atur_terbit(request, kode: set[str], tahun: int | None = None) -> None:
    """Publish exactly the indicators in `kode` among the ones known now (unknown codes are ignored; the choice
    for an indicator of a plugin switched off is kept for when it comes back) and, when `tahun` is given, that
    year's figures (None: the published year stays). The year must have figures, or be the one published now:
    IsianError({"tahun": ...}) otherwise, and nothing changes. One audit entry; public pages rebuilt."""
    dikenal = {i.kode for i in await semua_indikator(request)}
    pilih = set(kode) & dikenal
    async with write_transaction():
        lama = await diterbitkan() & dikenal
        tahun_lama = await tahun_diterbitkan()
        if tahun is not None and tahun != tahun_lama and tahun not in await tahun_tersedia():
            raise IsianError({"tahun": f"Tahun {tahun} belum punya angka; pilih tahun yang sudah diisi."})
        ganti_tahun = tahun is not None and tahun != tahun_lama
        tambah, cabut = sorted(pilih - lama), sorted(lama - pilih)
        if not tambah and not cabut and not ganti_tahun:
            return
        if cabut:
            await TerbitPotensi.delete().where(TerbitPotensi.indikator.is_in(cabut)).run()
        if tambah:
            await TerbitPotensi.insert(*[TerbitPotensi(indikator=k) for k in tambah]).run()
        rincian: dict = {"diterbitkan": tambah, "dicabut": cabut}
        if ganti_tahun:
            await TahunTerbitPotensi.delete().where(TahunTerbitPotensi.id > 0).run()
            await TahunTerbitPotensi.insert(TahunTerbitPotensi(tahun=tahun)).run()
            rincian["tahun"] = [tahun_lama, tahun]
        await log_change(request, "terbit", "potensi.terbit", "potensi", rincian)
        await public_changed()


class BarisPublik(NamedTuple):
    """One published indicator: its figure for the whole nagari (or None) and, for a jorong indicator, its
    figures per jorong as (jorong name, figure) by name."""

    indikator: Indikator
    nagari: Nilai | None
    jorong: list[tuple[str, Nilai]]


@dataclass(frozen=True)
class PotensiPublik:
    """The public profile: the year the office publishes and its published indicators with a figure, per theme
    (TEMA order, only themes with something to show)."""

    tahun: int
    tema: dict[str, list[BarisPublik]]


async def data_publik(ctx=None) -> PotensiPublik | None:
    """What the public sees: the year the office publishes, and in it every published indicator that has a figure
    (aggregates only). None when no year is chosen yet or nothing published has a figure in it. `ctx`: the
    request or a job's context, so that indicators added by plugins are included (None: the shipped list only)."""
    terbit = await diterbitkan()
    tahun = await tahun_diterbitkan()
    if not terbit or tahun is None:
        return None
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
