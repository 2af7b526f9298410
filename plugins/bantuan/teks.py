"""How `bantuan` writes and reads amounts and names: rupiah with thousands dots, and the masked name of the public
list ("Siti A.", "R*****")."""

from __future__ import annotations

import re

from plugins.bantuan.galat import BantuanError

BATAS_RUPIAH = 10 ** 12  # no single aid payment comes near a trillion rupiah: a larger number is a typo
_BUKAN_ANGKA = re.compile(r"[^\d]")


def rupiah(sen: int) -> str:
    """12_500_000 sen -> "Rp125.000" (whole rupiah; aid is paid in whole rupiah)."""
    return "Rp" + f"{int(sen) // 100:,}".replace(",", ".")


def baca_rupiah(teks: str, field: str = "nilai") -> int:
    """"Rp 300.000", "300000" or "300.000,00" -> sen. Raises BantuanError (for `field`) on anything else."""
    bersih = (teks or "").strip().lower().removeprefix("rp").strip().replace(" ", "")
    if not bersih:
        return 0
    if bersih.startswith("-"):
        raise BantuanError("Jumlah tidak boleh negatif.", {field: "Jumlah tidak boleh negatif."})
    utuh, _, sen = bersih.partition(",")
    if sen and (not sen.isdigit() or len(sen) > 2) or not re.fullmatch(r"\d{1,3}(\.\d{3})*|\d+", utuh):
        pesan = "Tulis jumlah dalam rupiah, misalnya 300.000."
        raise BantuanError(pesan, {field: pesan})
    nilai = int(_BUKAN_ANGKA.sub("", utuh)) * 100 + (int(sen.ljust(2, "0")) if sen else 0)
    if nilai >= BATAS_RUPIAH * 100:
        pesan = "Jumlah ini terlalu besar untuk satu penerima; periksa angkanya."
        raise BantuanError(pesan, {field: pesan})
    return nilai


def samarkan(nama: str) -> str:
    """The public list's masked name: the first word whole, the others by their initial ("Siti Aminah Harahap" ->
    "Siti A. H."); a one-word name keeps its first letter only ("Rahmat" -> "R*****")."""
    kata = (nama or "").split()
    if not kata:
        return ""
    if len(kata) == 1:
        return kata[0][0] + "*" * max(len(kata[0]) - 1, 3)
    return " ".join([kata[0], *(k[0].upper() + "." for k in kata[1:])])
