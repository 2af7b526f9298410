"""Evaluating a program's rules over the register: which units meet every condition, and why, in words.

One pass over the living residents (only the fields the rules need besides a unit's data), one read of the DTKS
table and one of each named program's current recipients: never a query per resident.

How a condition's level applies to the program's target:
- person conditions: the resident; for a family or household, AT LEAST ONE living member must meet all of them
  together (the receiving person when they do, else the first in card order), and the reason names that member;
- family conditions: the resident's or the unit's family card (a resident without one meets none of them); for a
  household, at least one of its families meets all of them together (named in the reason when it has several);
- household conditions: the resident's, the family's receiving person's, or the household itself;
- "menerima_program": a unit receives the other program when any of its living members is covered by that
  program's current recipients (penerima.py), a resident being covered when the list holds them, their family or
  their household. So a family whose member gets a person-targeted aid, a resident whose family gets PKH, and both
  families of a household on a household list all count as receiving it. Groups on that list cover nobody.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Callable

from plugin_sdk.register import code_labels

from plugins.bantuan.aturan_kolom import ANGKA, KELUARGA, KOLOM, PENDUDUK, RUMAH_TANGGA, TINGKAT_PROGRAM, frasa
from plugins.bantuan.aturan_unit import (DASAR, baca_orang, data_kesatuan, jorong_wilayah, kelompokkan, kunci,
                                         penerima, umur, urutan)

#: What counting needs of each resident besides the conditions' own fields.
_INTI = ("id", "keluarga", "rumah_tangga", "hubungan", "tanggal_lahir")
from plugins.bantuan.penerima import kunci_penerima
from plugins.bantuan.tables import DtksKeluarga, ProgramBantuan


@dataclass(frozen=True)
class Calon:
    """A unit that meets the rules: its key, the person who receives, its family or household (for programs that
    target them), its data as an entry keeps it (aturan_unit.data_kesatuan) and the reason, in words."""

    kunci: str
    penduduk: int
    keluarga: int | None
    rumah_tangga: int | None
    data: dict
    alasan: str


@dataclass
class _Penerima:
    """Who another program's current list covers."""

    orang: set[int]
    keluarga: set[int]
    rumah_tangga: set[int]

    def mencakup(self, p: dict) -> bool:
        return p["id"] in self.orang or p["keluarga"] in self.keluarga or p["rumah_tangga"] in self.rumah_tangga


@dataclass
class _Konteks:
    """What the conditions above the person read, gathered once per evaluation."""

    kelas: dict[int, int | None]
    jumlah_keluarga: Counter
    jumlah_rumah_tangga: Counter
    dtks: dict[int, tuple[bool, int | None]]
    program: dict[int, _Penerima]
    nama_program: dict[int, str]


@dataclass(frozen=True)
class _Uji:
    """One condition made ready to test many values: `cocok(value)`; `kunci` is the resident's field it reads
    (person conditions)."""

    syarat: object
    kolom: object
    cocok: Callable[[object], bool]
    kunci: str


def _penguji(s) -> _Uji:
    kolom = KOLOM[s.kolom]
    n = s.nilai
    if kolom.jenis == ANGKA:
        cocok = (lambda v: v is not None and v >= n) if s.op == ">=" else (lambda v: v is not None and v <= n)
    elif s.op in ("salah_satu", "bukan"):
        kode, ada = frozenset(n), s.op == "salah_satu"
        cocok = lambda v: (v in kode) == ada  # noqa: E731
    elif s.op == "ada":
        cocok = lambda v: v is not None and v != kolom.tanpa  # noqa: E731
    else:
        ya = s.op == "ya"
        cocok = lambda v: bool(v) == ya  # noqa: E731
    return _Uji(s, kolom, cocok, "umur" if s.kolom == "umur" else kolom.sumber)


def _nilai_keluarga(kid: int, nama: str, k: _Konteks):
    if nama == "kelas_sosial":
        return k.kelas.get(kid)
    if nama == "anggota_keluarga":
        return k.jumlah_keluarga[kid]
    terdaftar, desil = k.dtks.get(kid, (False, None))
    return terdaftar if nama == "dtks_terdaftar" else desil


def _gabung(bagian: list[str], awalan: str = "") -> list[str]:
    """Phrases once each ("umur >= 18" and "umur <= 60" both say "umur 45 tahun"); with `awalan` (whose they are)
    as one phrase: "anggota Siti (Istri): umur 66 tahun, penyandang Cacat Fisik"."""
    bagian = list(dict.fromkeys(bagian))
    return [f"{awalan}: {', '.join(bagian)}"] if awalan else bagian


# Each level's check gives its witness (the member, the family, the household; True for the programs) or None.

def _orang(anggota: list[dict], uji: list[_Uji]) -> dict | None:
    cocok = [p for p in anggota if all(u.cocok(p.get(u.kunci)) for u in uji)]
    if len(cocok) <= 1:
        return cocok[0] if cocok else None
    return next(p for p in urutan(anggota) if any(p is c for c in cocok))  # the receiver, else card order


def _keluarga(sasaran: str, anggota: list[dict], uji: list[_Uji], k: _Konteks) -> int | None:
    if sasaran == "rumah_tangga":
        calon_kk = list(dict.fromkeys(p["keluarga"] for p in urutan(anggota) if p["keluarga"] is not None))
    else:
        calon_kk = [anggota[0]["keluarga"]] if anggota[0]["keluarga"] is not None else []
    return next((kid for kid in calon_kk if all(u.cocok(_nilai_keluarga(kid, u.syarat.kolom, k)) for u in uji)),
                None)


def _rumah_tangga(anggota: list[dict], uji: list[_Uji], k: _Konteks) -> int | None:
    rid = penerima(anggota)["rumah_tangga"] if len(anggota) > 1 else anggota[0]["rumah_tangga"]
    return rid if rid is not None and all(u.cocok(k.jumlah_rumah_tangga[rid]) for u in uji) else None


def _program(anggota: list[dict], uji: list[_Uji], k: _Konteks) -> bool | None:
    ok = all(u.cocok(any(k.program[u.syarat.nilai].mencakup(p) for p in anggota)) for u in uji)
    return True if ok else None


_TINGKAT = (PENDUDUK, KELUARGA, RUMAH_TANGGA, TINGKAT_PROGRAM)


def saksi(sasaran: str, anggota: list[dict], per: dict[str, list[_Uji]], k: _Konteks) -> dict | None:
    """What makes a unit (its living members) meet every condition, per level, or None when it does not."""
    hasil = {}
    for tingkat in _TINGKAT:
        if not per[tingkat]:
            continue
        if tingkat == PENDUDUK:
            bukti = _orang(anggota, per[tingkat])
        elif tingkat == KELUARGA:
            bukti = _keluarga(sasaran, anggota, per[tingkat], k)
        elif tingkat == RUMAH_TANGGA:
            bukti = _rumah_tangga(anggota, per[tingkat], k)
        else:
            bukti = _program(anggota, per[tingkat], k)
        if bukti is None:
            return None
        hasil[tingkat] = bukti
    return hasil


def alasan(sasaran: str, anggota: list[dict], per: dict[str, list[_Uji]], k: _Konteks, bukti: dict) -> str:
    """Why a unit meets the rules, in words, from its witnesses (`saksi`)."""
    bagian: list[str] = []
    if (orang := bukti.get(PENDUDUK)) is not None:
        frasa_orang = [frasa(u.kolom, orang.get(u.kunci)) for u in per[PENDUDUK]]
        hubungan = code_labels("hubungan").get(orang["hubungan"], "")
        awalan = "" if sasaran == "penduduk" else f"anggota {orang['nama']}{f' ({hubungan})' if hubungan else ''}"
        bagian += _gabung(frasa_orang, awalan)
    if (kid := bukti.get(KELUARGA)) is not None:
        frasa_kk = [frasa(u.kolom, _nilai_keluarga(kid, u.syarat.kolom, k)) for u in per[KELUARGA]]
        lebih = sasaran == "rumah_tangga" and len({p["keluarga"] for p in anggota} - {None}) > 1
        bagian += _gabung(frasa_kk, f"keluarga {penerima([p for p in anggota if p['keluarga'] == kid])['nama']}"
                          if lebih else "")
    if (rid := bukti.get(RUMAH_TANGGA)) is not None:
        bagian += _gabung([frasa(u.kolom, k.jumlah_rumah_tangga[rid]) for u in per[RUMAH_TANGGA]])
    for u in per[TINGKAT_PROGRAM]:
        s = u.syarat
        bagian += _gabung([frasa(u.kolom, s.nilai, k.nama_program.get(s.nilai) or s.nama, s.op)])  # its name now
    return "; ".join(dict.fromkeys(bagian))


async def _penerima_program(ids: set[int]) -> dict[int, _Penerima]:
    hasil = {}
    for pid in ids:
        sisi: dict[str, set[int]] = {"p": set(), "k": set(), "r": set()}
        for teks in await kunci_penerima(pid):
            awal, _, sisa = teks.partition(":")
            if awal in sisi and sisa.isdigit():
                sisi[awal].add(int(sisa))
        hasil[pid] = _Penerima(sisi["p"], sisi["k"], sisi["r"])
    return hasil


async def _konteks(orang: list[dict], syarat: list) -> _Konteks:
    kelas: dict[int, int | None] = {}
    for p in orang:
        if p["keluarga"] is not None and "kelas_sosial" in p:
            kelas.setdefault(p["keluarga"], p["kelas_sosial"])
    dtks = {}
    if any(s.kolom.startswith("dtks_") for s in syarat):
        rows = await DtksKeluarga.select(DtksKeluarga.keluarga, DtksKeluarga.terdaftar, DtksKeluarga.desil).run()
        dtks = {r["keluarga"]: (bool(r["terdaftar"]), r["desil"]) for r in rows}
    program_ids = {s.nilai for s in syarat if KOLOM[s.kolom].tingkat == TINGKAT_PROGRAM}
    nama = {}
    if program_ids:
        rows = await ProgramBantuan.select(ProgramBantuan.id, ProgramBantuan.nama).where(
            ProgramBantuan.id.is_in(sorted(program_ids))).run()
        nama = {r["id"]: r["nama"] for r in rows}
    return _Konteks(kelas, Counter(p["keluarga"] for p in orang if p["keluarga"] is not None),
                    Counter(p["rumah_tangga"] for p in orang if p["rumah_tangga"] is not None), dtks,
                    await _penerima_program(program_ids), nama)


async def nilai(aturan, sasaran: str, *, hari_ini: date, rinci: bool) -> tuple[list[Calon], int, int]:
    """(candidates when `rinci`, how many units match, how many units of the target have a living member)."""
    if sasaran == "kelompok":
        return [], 0, 0
    syarat = list(aturan.syarat)
    per = {t: [_penguji(s) for s in syarat if KOLOM[s.kolom].tingkat == t] for t in _TINGKAT}
    sumber = [KOLOM[s.kolom].sumber for s in syarat if KOLOM[s.kolom].sumber]
    # Counting needs only what the conditions read; a list of candidates also needs each unit's data.
    orang = await baca_orang((*(DASAR if rinci else _INTI), *sumber))
    if any(s.kolom == "umur" for s in syarat) or rinci:
        for p in orang:
            p["umur"] = umur(p["tanggal_lahir"], hari_ini)
    unit = kelompokkan(orang, sasaran)
    if not syarat:  # no rules: candidates are added by hand only
        return [], 0, len(unit)
    konteks = await _konteks(orang, syarat)
    jorong = await jorong_wilayah() if rinci else {}
    hasil, cocok = [], 0
    for uid, anggota in unit.items():
        bukti = saksi(sasaran, anggota, per, konteks)
        if bukti is None:
            continue
        cocok += 1
        if rinci:
            data = data_kesatuan(sasaran, anggota, jorong, hari_ini)
            hasil.append(Calon(kunci(sasaran, uid), data["penduduk_id"], uid if sasaran == "keluarga" else None,
                               uid if sasaran == "rumah_tangga" else None, data,
                               alasan(sasaran, anggota, per, konteks, bukti)))
    hasil.sort(key=lambda c: (c.data["jorong"].lower(), c.data["nama"].lower(), c.kunci))
    return hasil, cocok, len(unit)
