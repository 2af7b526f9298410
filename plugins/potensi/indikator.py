"""The indicators of the nagari's profile: the shipped list (data/indikator.csv, along Prodeskel of Permendagri
12/2007 and the Indeks Desa) plus what enabled plugins add through the event `potensi_indikator`; and how a figure
is typed, kept and shown.

A figure is kept as an int in hundredths of its unit, so "1.234,5" ha is 123450 on every database. Clerks type
numbers the Indonesian way ("1.234,5"); "1234.5" is read too when it cannot mean anything else.
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from pathlib import Path

__all__ = ["Indikator", "TEMA", "LINGKUP", "semua_indikator", "indikator_bawaan", "ke_seratus", "dari_seratus",
           "angka", "tampil"]

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data" / "indikator.csv"

TEMA: dict[str, str] = {
    "lahan": "Luas wilayah dan penggunaan lahan",
    "pangan": "Tanaman pangan dan hortikultura",
    "perkebunan": "Perkebunan",
    "peternakan": "Peternakan",
    "perikanan": "Perikanan",
    "air": "Sumber air bersih",
    "sarana": "Sarana pendidikan, kesehatan, ibadah dan pasar",
    "jalan": "Jalan dan jembatan",
    "energi": "Listrik dan sinyal",
    "ekonomi": "Lembaga ekonomi",
    "wisata": "Wisata",
    "lainnya": "Lainnya",
}
LINGKUP = ("nagari", "jorong")
NAGARI, JORONG = LINGKUP

# Hundredths in a BIGINT leave room for far more; this stops a slip of the finger (a pasted phone number) early.
BATAS = 10 ** 15
_KODE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$")


@dataclass(frozen=True)
class Indikator:
    """One thing the profile measures. `lingkup` "nagari": one figure for the whole nagari; "jorong": one figure
    per jorong. `desimal`: decimals allowed (0 for a count). `maks`: the highest figure allowed (100 for a
    percentage). `plugin`: "" for the shipped list, else the plugin that added it."""

    kode: str
    tema: str
    nama: str
    satuan: str
    definisi: str = ""
    lingkup: str = NAGARI
    desimal: int = 2
    maks: Decimal | None = None
    plugin: str = ""


def _masalah(ind: Indikator) -> str | None:
    """What is wrong with an indicator's definition, or None."""
    if not isinstance(ind.kode, str) or not _KODE.match(ind.kode) or len(ind.kode) > 60:
        return f"kode {ind.kode!r} tidak sah (huruf kecil, angka, garis bawah dan titik; paling panjang 60)"
    if ind.lingkup not in LINGKUP:
        return f"lingkup {ind.lingkup!r} harus 'nagari' atau 'jorong'"
    if not isinstance(ind.desimal, int) or not 0 <= ind.desimal <= 2:
        return f"desimal {ind.desimal!r} harus 0, 1 atau 2"
    if not str(ind.nama or "").strip() or not str(ind.satuan or "").strip():
        return "nama dan satuan wajib diisi"
    if ind.maks is not None and (not isinstance(ind.maks, (Decimal, int)) or ind.maks <= 0):
        return f"maks {ind.maks!r} harus bilangan positif (Decimal)"
    return None


@cache
def indikator_bawaan() -> tuple[Indikator, ...]:
    """The shipped indicators in CSV order (read once). A bad row is a bug in the shipped file: it raises."""
    with open(DATA, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    found: list[Indikator] = []
    for nomor, r in enumerate(rows, start=2):
        ind = Indikator(kode=r["kode"].strip(), tema=r["tema"].strip(), nama=r["nama"].strip(),
                        satuan=r["satuan"].strip(), definisi=r["definisi"].strip(),
                        lingkup=r["lingkup"].strip() or NAGARI, desimal=int(r["desimal"] or 2),
                        maks=Decimal(r["maks"]) if r["maks"].strip() else None)
        masalah = _masalah(ind) or (None if ind.tema in TEMA else f"tema {ind.tema!r} tidak dikenal")
        if masalah or any(f.kode == ind.kode for f in found):
            raise ValueError(f"{DATA.name} baris {nomor}: {masalah or 'kode ganda ' + ind.kode}")
        found.append(ind)
    return tuple(found)


async def semua_indikator(ctx=None) -> list[Indikator]:
    """Every indicator: the shipped list plus what enabled plugins return from `potensi_indikator`, in TEMA order
    and within a theme in list order (contributions after the shipped ones).

    `ctx`: the request, or a job's or CLI command's context; without one (None) only the shipped list. A
    contribution is left out (and logged) when its kode is taken, does not start with the name of an enabled
    plugin other than potensi ("adat.tanah_ulayat"), or its definition is otherwise bad; an unknown theme becomes
    "lainnya"."""
    semua = list(indikator_bawaan())
    if ctx is not None:
        semua += await _sumbangan(ctx, {i.kode for i in semua})
    urutan = {tema: n for n, tema in enumerate(TEMA)}
    return sorted(semua, key=lambda i: urutan[i.tema])  # stable: list order kept within a theme


async def _sumbangan(ctx, dipakai: set[str]) -> list[Indikator]:
    from plugin_sdk import emit, enabled_plugins

    # The event hands answers back without their plugin's name, so a kode is trusted to name its plugin only when
    # that plugin is enabled: a plugin cannot pass its figures off as the shipped list's or a missing plugin's.
    aktif = set(await enabled_plugins(ctx)) if hasattr(ctx, "app") else None
    dipakai = set(dipakai)
    found: list[Indikator] = []
    for jawaban in await emit(ctx, "potensi_indikator") or []:
        for ind in jawaban if isinstance(jawaban, (list, tuple)) else [jawaban]:
            if not isinstance(ind, Indikator):
                log.error("potensi_indikator: jawaban %r bukan Indikator; diabaikan", ind)
                continue
            pemilik = ind.kode.split(".", 1)[0] if isinstance(ind.kode, str) and "." in ind.kode else ""
            masalah = _masalah(ind)
            if masalah is None and (not pemilik or pemilik == "potensi"
                                    or (ind.plugin and ind.plugin != pemilik)
                                    or (aktif is not None and pemilik not in aktif)):
                masalah = f"kode {ind.kode!r} harus diawali nama plugin pengirimnya dan titik"
            if masalah is None and ind.kode in dipakai:
                masalah = f"kode {ind.kode!r} sudah dipakai"
            if masalah:
                log.error("potensi_indikator: indikator %r diabaikan: %s", ind.kode, masalah)
                continue
            dipakai.add(ind.kode)
            found.append(replace(ind, plugin=pemilik, tema=ind.tema if ind.tema in TEMA else "lainnya",
                                 maks=None if ind.maks is None else Decimal(ind.maks)))
    return found


# --- numbers ----------------------------------------------------------------------------------------------------

_RIBUAN_KOMA = re.compile(r"^\d{1,3}(\.\d{3})+(,\d+)?$")  # 1.234.567,5
_KOMA = re.compile(r"^\d+(,\d+)?$")                         # 1234,5 / 12
_RIBUAN = re.compile(r"^[1-9]\d{0,2}(\.\d{3})+$")           # 1.234 / 12.345.678 (Indonesian thousands)
_TITIK = re.compile(r"^\d+\.\d+$")                          # 1234.5: a decimal point where it cannot be thousands
CONTOH = "Isi dengan angka, misalnya 1.234,5."


def _bilangan(teks: str) -> Decimal:
    t = re.sub(r"\s+", "", teks or "")
    if _RIBUAN_KOMA.match(t) or _KOMA.match(t):
        return Decimal(t.replace(".", "").replace(",", "."))
    if _RIBUAN.match(t):
        return Decimal(t.replace(".", ""))
    if _TITIK.match(t):
        return Decimal(t)
    raise ValueError(CONTOH)


def ke_seratus(teks: str, ind: Indikator) -> int:
    """An Indonesian number as typed ("1.234,5", "1234,5", "12"; "1234.5" when the dot cannot be thousands) ->
    hundredths of `ind`'s unit. ValueError with the message for the clerk when it is not a number, negative, over
    the indicator's maximum, or has more decimals than the indicator allows."""
    t = re.sub(r"\s+", "", teks or "")
    negatif = t[:1] in ("-", "\u2212")
    nilai = _bilangan(t[1:] if negatif else t)
    if negatif and nilai:
        raise ValueError("Tidak boleh negatif.")
    nilai = nilai.normalize() if nilai else Decimal(0)  # "12,50" has one meaningful decimal
    desimal = max(0, -nilai.as_tuple().exponent)
    if desimal and ind.desimal == 0:
        raise ValueError("Bilangan bulat saja (jumlah).")
    if desimal > ind.desimal:
        raise ValueError(f"Paling banyak {ind.desimal} angka di belakang koma.")
    if ind.maks is not None and nilai > ind.maks:
        raise ValueError(f"Paling banyak {angka(int(ind.maks * 100))} {ind.satuan}.")
    seratus = int(nilai * 100)
    if seratus >= BATAS:
        raise ValueError("Angka ini terlalu besar; periksa lagi.")
    return seratus


def dari_seratus(n: int) -> Decimal:
    """Hundredths back to the figure: 123450 -> Decimal("1234.5")."""
    return (Decimal(int(n)) / 100).normalize() if n else Decimal(0)


def angka(n: int) -> str:
    """Hundredths as an Indonesian number without its unit: 123450 -> "1.234,5", 1200 -> "12"."""
    bulat, sisa = divmod(abs(int(n)), 100)
    teks = f"{bulat:,}".replace(",", ".")
    if sisa:
        teks += "," + f"{sisa:02d}".rstrip("0")
    return ("-" if n < 0 else "") + teks


def tampil(n: int, ind: Indikator | None) -> str:
    """A figure as shown: "1.234,5 ha", "75 %", "1.200 ekor" (no unit when `ind` is None)."""
    return f"{angka(n)} {ind.satuan}" if ind is not None else angka(n)
