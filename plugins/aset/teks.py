"""Numbers as a clerk types and reads them: "12.500.000" rupiah, "1.250,5" m2, "-0,95" degrees. Amounts become
whole sen (int), as in `keuangan`; no float touches money. Dates and rupiah are written by the SDK's document kit
(plugin_sdk.dokumen); this module only adapts sen to it and shortens a date for a book's narrow cell.

Indonesian writing puts dots between thousands and a comma before decimals, so "1.250" is one thousand two
hundred and fifty; a single dot followed by other than three digits ("0.95", "100.5") is read as a decimal point
(a value pasted from a spreadsheet or a GPS app).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from plugin_sdk.dokumen import rupiah as _rupiah_sdk, tanggal_panjang

__all__ = ["AngkaError", "baca_rupiah", "baca_desimal", "rupiah", "rupiah_utuh", "tanggal_panjang", "tanggal_pendek",
           "luas"]

BATAS_RUPIAH = 10 ** 15  # no village asset is worth a thousand trillion rupiah: a larger number is a typo


class AngkaError(ValueError):
    """A number that cannot be read; the message is for the clerk."""


def _desimal(teks: str, *, negatif: bool) -> Decimal:
    bersih = re.sub(r"[\s\u00a0]+", "", teks)
    tanda = 1
    if bersih[:1] in ("-", "\u2212"):
        if not negatif:
            raise AngkaError("Tidak boleh negatif.")
        tanda, bersih = -1, bersih[1:]
    if not re.fullmatch(r"\d[\d.,]*", bersih) or bersih[-1] in ".,":
        raise AngkaError("Isi dengan angka, misalnya 1.250,5.")
    if "," in bersih:
        bulat, _, pecahan = bersih.rpartition(",")
        if "," in bulat:
            raise AngkaError("Tanda koma hanya boleh satu.")
        bulat = _ribuan(bulat)
    elif bersih.count(".") == 1 and len(bersih.split(".")[1]) != 3:
        bulat, pecahan = bersih.split(".")
    else:
        bulat, pecahan = _ribuan(bersih), ""
    try:
        return tanda * Decimal(f"{bulat}.{pecahan or 0}")
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        raise AngkaError("Isi dengan angka, misalnya 1.250,5.") from None


def _ribuan(bulat: str) -> str:
    if "." not in bulat:
        return bulat
    kelompok = bulat.split(".")
    if not (1 <= len(kelompok[0]) <= 3 and all(len(k) == 3 for k in kelompok[1:])):
        raise AngkaError("Pemisah ribuan tidak pada tempatnya; tulis misalnya 1.250.000.")
    return "".join(kelompok)


def baca_rupiah(teks: str | None) -> int:
    """An amount in sen ("Rp12.500.000", "12.500.000,50", "" -> 0); AngkaError with the reason."""
    bersih = re.sub(r"^rp\.?", "", (teks or "").strip(), flags=re.I).strip()
    if bersih.endswith((",-", ".-")):  # "Rp1.250.000,-": the written way of saying "no sen"
        bersih = bersih[:-2]
    if not bersih:
        return 0
    nilai = _desimal(bersih, negatif=True)
    if nilai < 0:
        raise AngkaError("Nilai tidak boleh negatif.")
    if nilai.as_tuple().exponent < -2:
        raise AngkaError("Paling banyak dua angka di belakang koma (sen).")
    if nilai > BATAS_RUPIAH:
        raise AngkaError("Nilai terlalu besar; periksa lagi angkanya.")
    return int(nilai * 100)


def baca_desimal(teks: str | None, *, negatif: bool = False) -> float | None:
    """A measure such as an area in m2 or a coordinate; None when empty; AngkaError with the reason."""
    bersih = (teks or "").strip()
    if not bersih:
        return None
    return float(_desimal(bersih, negatif=negatif))


def _titik(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def rupiah_utuh(sen: int) -> int:
    """Whole rupiah (half rounded up), for the number columns of a book."""
    return (int(sen) + 50) // 100


def rupiah(sen: int | None) -> str:
    """ "Rp 12.500.000": an amount in sen, written by the SDK in whole rupiah."""
    return _rupiah_sdk(rupiah_utuh(sen or 0))


def tanggal_pendek(hari: date) -> str:
    """ "3 Mar 2026" (a book's cell has little room): the SDK's long date with the month cut to three letters."""
    tanggal, bulan, tahun = tanggal_panjang(hari).split()
    return f"{tanggal} {bulan[:3]} {tahun}"


def luas(m2: float | None) -> str:
    """ "1.250,5 m²" (no trailing ",0"); "" when unknown."""
    if m2 is None:
        return ""
    bulat, _, pecahan = f"{m2:.2f}".partition(".")
    pecahan = pecahan.rstrip("0")
    return f"{_titik(int(bulat))}{',' + pecahan if pecahan else ''} m\u00b2"
