"""Money in, money out: amounts as operators type them and as Siskeudes writes them, read into whole sen (int), and
sen printed the Indonesian way.

Sen (1/100 rupiah) as int everywhere: exact sums in SQL and Python, no float ever touches an amount. The one
ambiguity of Indonesian input is a single separator: "1.250" is read as thousands (how an operator writes
seribu dua ratus lima puluh) and "1,25" as a decimal comma; English style ("1,250,000.00") is accepted only when
both separators appear or the commas group thousands.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["JumlahError", "baca_jumlah", "baca_angka_siskeudes", "rupiah", "angka", "persen", "persen_angka",
           "BAGIAN", "BATAS_RUPIAH", "per_bagian"]

BATAS_RUPIAH = 10 ** 15  # no village budget comes near a thousand trillion rupiah: a larger number is a typo
_RP = re.compile(r"^rp\.?", re.I)
_SPASI = re.compile(r"[\s\u00a0\u202f]+")
_GRUP = re.compile(r"^\d{1,3}(\d{3})*$")
_MESIN = re.compile(r"^[+-]?\d+(?:[.,]\d*)?(?:[eE][+-]?\d+)?$")


class JumlahError(ValueError):
    """An amount that cannot be read; the message is for the operator."""

    def __init__(self, pesan: str):
        super().__init__(pesan)
        self.pesan = pesan


def _ribuan(bulat: str, pemisah: str) -> str:
    """The whole part with its thousands separators removed, once they are checked to group by three."""
    if not pemisah or pemisah not in bulat:
        return bulat
    kelompok = bulat.split(pemisah)
    if not (1 <= len(kelompok[0]) <= 3 and all(len(k) == 3 for k in kelompok[1:])):
        raise JumlahError("Pemisah ribuan tidak pada tempatnya; tulis misalnya 1.250.000 atau 1250000.")
    return "".join(kelompok)


def _pisah(teks: str) -> tuple[str, str]:
    """(whole digits, decimal digits) of a number written with '.' and/or ','."""
    titik, koma = teks.count("."), teks.count(",")
    if titik and koma:
        desimal = "," if teks.rfind(",") > teks.rfind(".") else "."
        ribuan = "." if desimal == "," else ","
        if teks.count(desimal) > 1:
            raise JumlahError("Tanda desimal hanya boleh satu.")
    elif koma:
        # one comma is the decimal comma; several commas can only be English thousands ("1,250,000")
        desimal, ribuan = (",", "") if koma == 1 else ("", ",")
    elif titik:
        bagian = teks.split(".")
        # "1.250" and "1.250.000": thousands; "1250000.5" or "12.50": a decimal point (a pasted spreadsheet)
        if titik == 1 and len(bagian[1]) != 3:
            desimal, ribuan = ".", ""
        else:
            desimal, ribuan = "", "."
    else:
        desimal = ribuan = ""
    bulat, _, pecahan = teks.partition(desimal) if desimal else (teks, "", "")
    return _ribuan(bulat, ribuan), pecahan


def baca_jumlah(teks: str) -> int:
    """An amount typed or pasted by an operator, in sen. Raises JumlahError with a message in Bahasa Indonesia."""
    bersih = _SPASI.sub("", "" if teks is None else str(teks))
    if bersih.startswith(("-", "\u2212")) or bersih.startswith("(") and bersih.endswith(")"):
        raise JumlahError("Jumlah tidak boleh negatif.")
    bersih = _RP.sub("", bersih.lstrip("+"))
    if bersih.endswith((",-", ".-")):  # "Rp1.250.000,-": the written way of saying "no sen"
        bersih = bersih[:-2]
    if bersih.startswith(("-", "\u2212")):
        raise JumlahError("Jumlah tidak boleh negatif.")
    if not bersih:
        raise JumlahError("Jumlah wajib diisi.")
    if not re.fullmatch(r"[\d.,]+", bersih) or not re.search(r"\d", bersih):
        raise JumlahError("Jumlah hanya boleh berisi angka, misalnya 1.250.000 atau 1.250.000,00.")
    if bersih[0] in ".," or bersih[-1] in ".,":
        raise JumlahError("Jumlah tidak boleh diawali atau diakhiri tanda titik atau koma.")
    bulat, pecahan = _pisah(bersih)
    if len(pecahan) == 3 and bersih.count(",") == 1 and "." not in bersih:
        raise JumlahError("Koma dipakai untuk sen; tulis ribuan dengan titik, misalnya 1.250 atau 1.250,50.")
    if len(pecahan) > 2:
        raise JumlahError("Paling banyak dua angka di belakang koma (sen).")
    if not bulat.isdigit() or (pecahan and not pecahan.isdigit()):
        raise JumlahError("Jumlah hanya boleh berisi angka, misalnya 1.250.000 atau 1.250.000,00.")
    rupiah_ = int(bulat) if len(bulat) <= 20 else BATAS_RUPIAH + 1
    if rupiah_ > BATAS_RUPIAH:
        raise JumlahError("Jumlah terlalu besar; periksa lagi angkanya.")
    return rupiah_ * 100 + int((pecahan + "00")[:2])


def baca_angka_siskeudes(teks: str) -> int:
    """A number as Siskeudes' CSV export writes it ("1250000", "1250000.00", "-50000,5", "") in sen; may be
    negative (a correcting journal entry); an empty cell is 0. Raises JumlahError for anything else."""
    bersih = _SPASI.sub("", teks or "")
    if not bersih:
        return 0
    if not _MESIN.match(bersih) or len(bersih) > 40:
        raise JumlahError(f"Bukan angka: {teks.strip()[:30]!r}.")
    try:
        nilai = Decimal(bersih.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern admits only what Decimal reads
        raise JumlahError(f"Bukan angka: {teks.strip()[:30]!r}.") from None
    if abs(nilai) > BATAS_RUPIAH:
        raise JumlahError("Angka terlalu besar.")
    return int((nilai * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _titik(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _rupiah_bulat(sen: int) -> int:
    """Whole rupiah of a non-negative amount, half a rupiah rounded up."""
    return (sen + 50) // 100


def rupiah(sen: int, *, sen_tampil: bool = False) -> str:
    """"Rp1.250.000" (whole rupiah, rounded half up), or with sen_tampil "Rp1.250.000,00"; negative "-Rp1.250.000"."""
    tanda, nilai = ("-" if sen < 0 else ""), abs(int(sen))
    if sen_tampil:
        teks = f"{_titik(nilai // 100)},{nilai % 100:02d}"
    else:
        teks = _titik(_rupiah_bulat(nilai))
    if teks in ("0", "0,00"):
        tanda = ""
    return f"{tanda}Rp{teks}"


def angka(sen: int) -> str:
    """"1.250.000": whole rupiah, rounded half up, for tables and charts."""
    nilai = _rupiah_bulat(abs(int(sen)))
    return f"{'-' if sen < 0 and nilai else ''}{_titik(nilai)}"


def persen_angka(bagian: int, total: int) -> Decimal | None:
    """`bagian` as a percentage of `total`, one decimal, half up (Decimal("45.3")), or None without a total. The
    one rounding every door uses: pages and the banner print it through `persen`, the CSV and XLSX write it."""
    if not total:
        return None
    nilai = (Decimal(bagian) * 100 / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return nilai if nilai else Decimal("0.0")  # no "-0.0"


def persen(bagian: int, total: int) -> str:
    """"45,3%" (persen_angka with a decimal comma), or "–" when there is no total to compare with."""
    nilai = persen_angka(bagian, total)
    return "\u2013" if nilai is None else f"{nilai}%".replace(".", ",")


# the parts of an APB Desa by account prefix, in the order the APB lists them
BAGIAN = (("4", "Pendapatan"), ("5", "Belanja"), ("6.1", "Penerimaan pembiayaan"), ("6.2", "Pengeluaran pembiayaan"))


def per_bagian(pasangan) -> list[tuple[str, int]]:
    """(part name, total sen) of (akun, sen) pairs, for the parts present, in the APB's order. Money in and money
    out are never one sum: a total of pendapatan plus belanja means nothing. An account outside the four parts
    (a typo the form will refuse) counts under "Lainnya" rather than vanish."""
    total: dict[str, int] = {}
    for akun, sen in pasangan:
        nama = next((n for awal, n in BAGIAN if akun == awal or akun.startswith(awal + ".")), "Lainnya")
        total[nama] = total.get(nama, 0) + sen
    urutan = [n for _, n in BAGIAN] + ["Lainnya"]
    return [(n, total[n]) for n in urutan if n in total]
