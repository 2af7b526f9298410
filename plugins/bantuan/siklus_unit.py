"""Which unit of a program a NIK, a No. KK or a group's name stands for, when an operator adds it by hand.

A list's entry is a resident ("p:12"), a family card ("k:5"), a household ("r:3") or a named group ("g:tani
maju"). Units are looked up among the living residents the current user may see, read once per action (a nagari's
register is a few thousand rows). Who receives for a family or household is aturan_unit's rule, read from the
unit's data (`penduduk_id`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from plugin_sdk import register

STATUS_DASAR = {2: "meninggal", 3: "pindah", 4: "hilang", 6: "pergi"}
_BIDANG = ("id", "nik", "no_kk", "keluarga", "rumah_tangga")


@dataclass(frozen=True)
class Unit:
    """One entry's target: its key and the register ids it points at (`penduduk`: the one who receives, filled
    from the unit's data)."""

    kunci: str
    penduduk: int | None
    keluarga: int | None = None
    rumah_tangga: int | None = None
    kelompok: str = ""


def kunci_kelompok(nama: str) -> str:
    """A group's key: its name with spaces collapsed, lowercased ("Kelompok Tani  Maju" -> "g:kelompok tani maju")."""
    return "g:" + " ".join(nama.split()).lower()


def unit_kelompok(nama: str) -> Unit:
    return Unit(kunci_kelompok(nama), None, kelompok=" ".join(nama.split()))


def jenis_kunci(kunci: str) -> str:
    """"p", "k", "r" or "g"."""
    return kunci.split(":", 1)[0]


class Penghuni:
    """The living residents (in the user's scope) by NIK and by No. KK."""

    def __init__(self, rows: list[dict]):
        self.per_nik = {r["nik"]: r for r in rows}
        self.per_kk: dict[str, list[dict]] = {}
        for r in rows:
            if r["no_kk"]:
                self.per_kk.setdefault(r["no_kk"], []).append(r)

    def unit(self, teks: str, sasaran: str) -> Unit | str:
        """The unit a NIK or a No. KK names for a program of `sasaran`, or why there is none (a message)."""
        nomor = re.sub(r"\s", "", teks or "")
        if not re.fullmatch(r"\d{16}", nomor):
            return "Tulis NIK atau No. KK: 16 angka."
        orang = self.per_nik.get(nomor)
        keluarga = self.per_kk.get(nomor, [])
        if orang is None and not keluarga:
            return "Tidak ada penduduk hidup dengan NIK atau No. KK ini di register."
        if sasaran == "penduduk":
            if orang is None:
                return "Program ini untuk perorangan: tulis NIK penerimanya, bukan No. KK."
            return Unit(f"p:{orang['id']}", orang["id"])
        if sasaran == "keluarga":
            kid = orang["keluarga"] if orang else keluarga[0]["keluarga"]
            if not kid:
                return "Penduduk ini belum tercatat dalam kartu keluarga."
            return Unit(f"k:{kid}", None, keluarga=kid)
        rt = orang["rumah_tangga"] if orang else next((a["rumah_tangga"] for a in keluarga if a["rumah_tangga"]),
                                                       None)
        if not rt:
            return "Penduduk atau keluarga ini belum tercatat dalam rumah tangga mana pun."
        return Unit(f"r:{rt}", None, rumah_tangga=rt)


async def penghuni() -> Penghuni:
    """Read the living residents once for the lookups of one action."""
    return Penghuni([r async for r in register.stream_residents(_BIDANG, living=True)])


async def pesan_tidak_hidup(teks: str) -> str | None:
    """Why a 16-digit NIK is not found among the living: the register's status of that resident, if any."""
    nomor = re.sub(r"\s", "", teks or "")
    if not re.fullmatch(r"\d{16}", nomor):
        return None
    orang = (await register.residents_by_nik([nomor])).get(nomor)
    if orang is None or orang["status_dasar"] == 1:
        return None
    keadaan = STATUS_DASAR.get(orang["status_dasar"], "tidak lagi tinggal di nagari")
    return f"{orang['nama']} tercatat {keadaan} di register; tidak dapat dimasukkan ke daftar."
