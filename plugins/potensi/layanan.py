"""Reading and writing the profile's figures: a theme's form saved all or nothing, last year copied, completeness.
What is published and the one computation of the public figures are in terbit.py.

Each write is one user action: everything is checked first (an `IsianError` carries every message, per form field),
then written in one write transaction with its audit entries, and `public_changed()` when a figure the public page
shows moved (a published indicator's, in the year the office publishes).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timezone

from plugin_sdk import current_user, log_change, public_changed, register, write_transaction

from plugins.potensi.indikator import JORONG, TEMA, Indikator, angka, ke_seratus, semua_indikator
from plugins.potensi.tables import NAGARI, NilaiPotensi, TahunTerbitPotensi, TerbitPotensi

__all__ = ["IsianError", "Nilai", "NilaiTahun", "nilai_tahun", "tahun_tersedia", "periksa_tahun", "daftar_jorong",
           "slot", "simpan_tema", "salin_tahun", "kelengkapan", "riwayat", "TAHUN_AWAL", "SUMBER_MAKS",
           "KETERANGAN_MAKS"]

TAHUN_AWAL = 2000
SUMBER_MAKS, KETERANGAN_MAKS = 120, 250


class IsianError(Exception):
    """What is wrong with what the clerk sent: `.galat` maps a form field ("n:sapi:0", "tahun") to its message;
    `str(error)` is a summary for the top of the page."""

    def __init__(self, galat: Mapping[str, str], ringkasan: str | None = None):
        self.galat = dict(galat)
        if ringkasan is None:
            ringkasan = (next(iter(self.galat.values())) if len(self.galat) == 1 else
                         f"{len(self.galat)} isian belum benar; lihat pesan di samping isian itu.")
        self.ringkasan = ringkasan
        super().__init__(ringkasan)


@dataclass(frozen=True)
class Nilai:
    """One figure: `nilai` in hundredths of its indicator's unit; `jorong` 0 for the whole nagari."""

    indikator: str
    jorong: int
    nilai: int
    sumber: str
    keterangan: str


@dataclass(frozen=True)
class NilaiTahun(Nilai):
    """A figure with its year (an indicator's history)."""

    tahun: int


def _nilai(row: dict) -> Nilai:
    return Nilai(row["indikator"], row["jorong"], row["nilai"], row["sumber"], row["keterangan"])


async def nilai_tahun(tahun: int) -> dict[tuple[str, int], Nilai]:
    """Every figure of a year by (indicator kode, jorong id; 0 for the nagari)."""
    rows = await NilaiPotensi.select().where(NilaiPotensi.tahun == tahun).run()
    return {(r["indikator"], r["jorong"]): _nilai(r) for r in rows}


async def tahun_tersedia() -> list[int]:
    """The years that have any figure, newest first."""
    rows = await NilaiPotensi.select(NilaiPotensi.tahun).distinct().order_by(
        NilaiPotensi.tahun, ascending=False).run()
    return [r["tahun"] for r in rows]


async def riwayat(kode: str) -> list[NilaiTahun]:
    """Every year's figures of one indicator, oldest first (for its chart and table)."""
    rows = await NilaiPotensi.select().where(NilaiPotensi.indikator == kode).order_by(
        NilaiPotensi.tahun).order_by(NilaiPotensi.jorong).run()
    return [NilaiTahun(r["indikator"], r["jorong"], r["nilai"], r["sumber"], r["keterangan"], r["tahun"])
            for r in rows]


def periksa_tahun(tahun: int, hari_ini: date) -> None:
    """A profile is kept for this year or an earlier one (from 2000): IsianError({"tahun": ...}) otherwise."""
    if tahun > hari_ini.year:
        raise IsianError({"tahun": f"Tahun {tahun} belum berjalan: isi profil tahun berjalan atau sebelumnya."})
    if tahun < TAHUN_AWAL:
        raise IsianError({"tahun": f"Profil hanya dapat diisi mulai tahun {TAHUN_AWAL}."})


async def daftar_jorong() -> list[dict]:
    """The nagari's jorong ({"id", "nama"}, by name): the places a jorong indicator has a figure for."""
    rows = [w for w in await register.wilayah_rows() if w.get("tingkat") == 1]
    return [{"id": w["id"], "nama": w["nama"]} for w in sorted(rows, key=lambda w: (w["nama"], w["id"]))]


def slot(ind: Indikator, jorong: list[int]) -> list[int]:
    """Where an indicator has figures: [0] (the nagari) or the jorong ids."""
    return list(jorong) if ind.lingkup == JORONG else [NAGARI]


def _teks(nilai: str | None, maks: int, label: str, kunci: str, galat: dict[str, str]) -> str:
    teks = " ".join(str(nilai or "").split())  # one line: a source or note pasted with line breaks
    if len(teks) > maks:
        galat[kunci] = f"{label} paling panjang {maks} huruf (sekarang {len(teks)})."
    return teks


async def _pengguna(request) -> str:
    user = await current_user(request) if request is not None else None
    return user["username"] if user else ""


async def simpan_tema(request, tahun: int, tema: str, isian: Mapping[str, str], *, hari_ini: date) -> int:
    """Save a theme's form for a year: fields `n:{kode}:{jorong}` (the value as typed; empty removes the figure),
    `s:{kode}:{jorong}` (source) and `k:{kode}:{jorong}` (note), jorong 0 for the nagari. A figure whose value
    field is missing from `isian` is left alone. Everything is checked first (IsianError with every message);
    then every changed figure is written and audited in one transaction. Returns how many figures changed."""
    periksa_tahun(tahun, hari_ini)
    if tema not in TEMA:
        raise IsianError({"tema": "Tema ini tidak dikenal."})
    indikator = [i for i in await semua_indikator(request) if i.tema == tema]
    jorong = [j["id"] for j in await daftar_jorong()]
    galat: dict[str, str] = {}
    baru: dict[tuple[str, int], Nilai | None] = {}
    for ind in indikator:
        for j in slot(ind, jorong):
            kunci = f"{ind.kode}:{j}"
            if f"n:{kunci}" not in isian:
                continue
            sumber = _teks(isian.get(f"s:{kunci}"), SUMBER_MAKS, "Sumber", f"s:{kunci}", galat)
            keterangan = _teks(isian.get(f"k:{kunci}"), KETERANGAN_MAKS, "Catatan", f"k:{kunci}", galat)
            teks = (isian.get(f"n:{kunci}") or "").strip()
            if not teks:
                baru[(ind.kode, j)] = None
                continue
            try:
                baru[(ind.kode, j)] = Nilai(ind.kode, j, ke_seratus(teks, ind), sumber, keterangan)
            except ValueError as e:
                galat[f"n:{kunci}"] = str(e)
    if galat:
        raise IsianError(galat)
    oleh = await _pengguna(request)
    async with write_transaction():
        # Read inside the transaction: the audit's old values are the ones this write replaces.
        lama = {k: v for k, v in (await nilai_tahun(tahun)).items() if k in baru}
        berubah = [(k, lama.get(k), v) for k, v in baru.items() if lama.get(k) != v]
        for (kode, j), sebelum, sesudah in berubah:
            await _tulis(tahun, kode, j, sebelum, sesudah, oleh)
            await log_change(request, "hapus" if sesudah is None else "isi" if sebelum is None else "ubah",
                             "potensi.nilai", f"{tahun}:{kode}:{j}",
                             {"tahun": tahun, "indikator": kode, "jorong": j, **_beda(sebelum, sesudah)})
        if berubah and await _tampil_publik(tahun, {kode for (kode, _), _, _ in berubah}):
            await public_changed()
    return len(berubah)


async def _tulis(tahun: int, kode: str, jorong: int, sebelum: Nilai | None, sesudah: Nilai | None, oleh: str):
    tempat = (NilaiPotensi.tahun == tahun) & (NilaiPotensi.indikator == kode) & (NilaiPotensi.jorong == jorong)
    if sesudah is None:
        await NilaiPotensi.delete().where(tempat).run()
    elif sebelum is None:
        await NilaiPotensi.insert(NilaiPotensi(tahun=tahun, indikator=kode, jorong=jorong, nilai=sesudah.nilai,
                                               sumber=sesudah.sumber, keterangan=sesudah.keterangan,
                                               oleh=oleh)).run()
    else:
        await NilaiPotensi.update({NilaiPotensi.nilai: sesudah.nilai, NilaiPotensi.sumber: sesudah.sumber,
                                   NilaiPotensi.keterangan: sesudah.keterangan, NilaiPotensi.oleh: oleh,
                                   NilaiPotensi.diubah: datetime.now(timezone.utc)}).where(tempat).run()


def _beda(sebelum: Nilai | None, sesudah: Nilai | None) -> dict:
    """{field: [old, new]} of what changed, the value as the clerk reads it ("1.234,5")."""
    def isi(n: Nilai | None) -> dict:
        return {} if n is None else {"nilai": angka(n.nilai), "sumber": n.sumber, "keterangan": n.keterangan}
    a, b = isi(sebelum), isi(sesudah)
    return {k: [a.get(k), b.get(k)] for k in ("nilai", "sumber", "keterangan") if a.get(k) != b.get(k)}


async def _tampil_publik(tahun: int, kode: set[str]) -> bool:
    """Whether figures of these indicators in `tahun` are on the public page (terbit.data_publik's rule)."""
    if not kode or not await TahunTerbitPotensi.exists().where(TahunTerbitPotensi.tahun == tahun).run():
        return False
    return await TerbitPotensi.exists().where(TerbitPotensi.indikator.is_in(sorted(kode))).run()


async def salin_tahun(request, dari: int, ke: int, *, hari_ini: date) -> int:
    """Copy every figure of `dari` that `ke` does not have yet (never overwrites one), in one transaction with one
    audit entry. Returns how many were copied. IsianError when `ke` is in the future or `dari` has no figures."""
    periksa_tahun(ke, hari_ini)
    if dari == ke:
        raise IsianError({"tahun": "Tahun asal dan tujuan salinan sama."})
    oleh = await _pengguna(request)
    async with write_transaction():
        sumber = await NilaiPotensi.select().where(NilaiPotensi.tahun == dari).run()
        if not sumber:
            raise IsianError({"tahun": f"Belum ada data tahun {dari} untuk disalin."})
        ada = {(r["indikator"], r["jorong"]) for r in await NilaiPotensi.select(
            NilaiPotensi.indikator, NilaiPotensi.jorong).where(NilaiPotensi.tahun == ke).run()}
        salin = [r for r in sumber if (r["indikator"], r["jorong"]) not in ada]
        if not salin:
            return 0
        await NilaiPotensi.insert(*[NilaiPotensi(tahun=ke, indikator=r["indikator"], jorong=r["jorong"],
                                                 nilai=r["nilai"], sumber=r["sumber"], keterangan=r["keterangan"],
                                                 oleh=oleh) for r in salin]).run()
        await log_change(request, "salin", "potensi.tahun", ke, {"dari": dari, "ke": ke, "jumlah": len(salin)})
        if await _tampil_publik(ke, {r["indikator"] for r in salin}):
            await public_changed()
    return len(salin)


async def kelengkapan(tahun: int, indikator: list[Indikator], jorong: list[int]) -> dict[str, tuple[int, int]]:
    """Per theme (in TEMA order, themes with indicators only): (figures filled, figures expected) for a year; a
    nagari indicator expects one figure, a jorong indicator one per jorong in `jorong`."""
    terisi = {(r["indikator"], r["jorong"]) for r in await NilaiPotensi.select(
        NilaiPotensi.indikator, NilaiPotensi.jorong).where(NilaiPotensi.tahun == tahun).run()}
    hasil: dict[str, tuple[int, int]] = {}
    for tema in TEMA:
        isi = harap = 0
        for ind in (i for i in indikator if i.tema == tema):
            tempat = slot(ind, jorong)
            harap += len(tempat)
            isi += sum((ind.kode, j) in terisi for j in tempat)
        if any(i.tema == tema for i in indikator):
            hasil[tema] = (isi, harap)
    return hasil

