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

from plugin_sdk.register import code_labels

from plugins.bantuan.aturan_kolom import ANGKA, KELUARGA, KOLOM, PENDUDUK, RUMAH_TANGGA, TINGKAT_PROGRAM, frasa
from plugins.bantuan.aturan_unit import (DASAR, baca_orang, data_kesatuan, jorong_wilayah, kelompokkan, kunci,
                                         penerima, umur, urutan)
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


def _cocok(kolom, op: str, nilai, v) -> bool:
    if kolom.jenis == ANGKA:
        return v is not None and (v >= nilai if op == ">=" else v <= nilai)
    if op == "salah_satu":
        return v in nilai
    if op == "bukan":
        return v not in nilai
    if op == "ada":
        return v is not None and v != kolom.tanpa
    return bool(v) == (op == "ya")


def _nilai_orang(p: dict, nama: str):
    return p["umur"] if nama == "umur" else p.get(KOLOM[nama].sumber)


def _nilai_keluarga(kid: int, nama: str, k: _Konteks):
    if nama == "kelas_sosial":
        return k.kelas.get(kid)
    if nama == "anggota_keluarga":
        return k.jumlah_keluarga[kid]
    terdaftar, desil = k.dtks.get(kid, (False, None))
    return terdaftar if nama == "dtks_terdaftar" else desil


def _semua(syarat: list, nilai_dari) -> bool:
    return all(_cocok(KOLOM[s.kolom], s.op, s.nilai, nilai_dari(s.kolom)) for s in syarat)


def _gabung(bagian: list[str], awalan: str = "") -> list[str]:
    """Phrases once each ("umur >= 18" and "umur <= 60" both say "umur 45 tahun"); with `awalan` (whose they are)
    as one phrase: "anggota Siti (Istri): umur 66 tahun, penyandang Cacat Fisik"."""
    bagian = list(dict.fromkeys(bagian))
    return [f"{awalan}: {', '.join(bagian)}"] if awalan else bagian


def _alasan_orang(sasaran: str, anggota: list[dict], syarat: list) -> list[str] | None:
    urut = urutan(anggota)
    orang = next((p for p in urut if _semua(syarat, lambda nama: _nilai_orang(p, nama))), None)
    if orang is None:
        return None
    bagian = [frasa(KOLOM[s.kolom], _nilai_orang(orang, s.kolom)) for s in syarat]
    if sasaran == "penduduk":
        return _gabung(bagian)
    hubungan = code_labels("hubungan").get(orang["hubungan"], "")
    return _gabung(bagian, f"anggota {orang['nama']}{f' ({hubungan})' if hubungan else ''}")


def _alasan_keluarga(sasaran: str, anggota: list[dict], syarat: list, k: _Konteks) -> list[str] | None:
    keluarga = list(dict.fromkeys(p["keluarga"] for p in urutan(anggota) if p["keluarga"] is not None))
    if sasaran != "rumah_tangga":
        keluarga = keluarga[:1]
    for kid in keluarga:
        if _semua(syarat, lambda nama: _nilai_keluarga(kid, nama, k)):
            bagian = [frasa(KOLOM[s.kolom], _nilai_keluarga(kid, s.kolom, k)) for s in syarat]
            if len(keluarga) == 1:
                return _gabung(bagian)
            return _gabung(bagian, f"keluarga {penerima([p for p in anggota if p['keluarga'] == kid])['nama']}")
    return None


def _alasan_rumah_tangga(anggota: list[dict], syarat: list, k: _Konteks) -> list[str] | None:
    rid = penerima(anggota)["rumah_tangga"]
    if rid is None or not _semua(syarat, lambda nama: k.jumlah_rumah_tangga[rid]):
        return None
    return _gabung([frasa(KOLOM[s.kolom], k.jumlah_rumah_tangga[rid]) for s in syarat])


def _alasan_program(anggota: list[dict], syarat: list, k: _Konteks) -> list[str] | None:
    bagian = []
    for s in syarat:
        menerima = any(k.program[s.nilai].mencakup(p) for p in anggota)
        if menerima != (s.op == "ya"):
            return None
        bagian.append(frasa(KOLOM[s.kolom], s.nilai, s.nama or k.nama_program.get(s.nilai, ""), s.op))
    return _gabung(bagian)


def alasan(sasaran: str, anggota: list[dict], per: dict[str, list], k: _Konteks) -> str | None:
    """Why a unit (its living members) meets every condition, or None when it does not."""
    bagian = []
    for tingkat, periksa in ((PENDUDUK, lambda s: _alasan_orang(sasaran, anggota, s)),
                             (KELUARGA, lambda s: _alasan_keluarga(sasaran, anggota, s, k)),
                             (RUMAH_TANGGA, lambda s: _alasan_rumah_tangga(anggota, s, k)),
                             (TINGKAT_PROGRAM, lambda s: _alasan_program(anggota, s, k))):
        if per[tingkat]:
            frasa_tingkat = periksa(per[tingkat])
            if frasa_tingkat is None:
                return None
            bagian.extend(frasa_tingkat)
    return "; ".join(bagian)


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
    per = {t: [s for s in syarat if KOLOM[s.kolom].tingkat == t]
           for t in (PENDUDUK, KELUARGA, RUMAH_TANGGA, TINGKAT_PROGRAM)}
    sumber = [KOLOM[s.kolom].sumber for s in syarat if KOLOM[s.kolom].sumber]
    orang = await baca_orang((*DASAR, *sumber))
    for p in orang:
        p["umur"] = umur(p["tanggal_lahir"], hari_ini)
    unit = kelompokkan(orang, sasaran)
    if not syarat:  # no rules: candidates are added by hand only
        return [], 0, len(unit)
    konteks = await _konteks(orang, syarat)
    jorong = await jorong_wilayah() if rinci else {}
    hasil, cocok = [], 0
    for uid, anggota in unit.items():
        teks = alasan(sasaran, anggota, per, konteks)
        if teks is None:
            continue
        cocok += 1
        if rinci:
            data = data_kesatuan(sasaran, anggota, jorong, hari_ini)
            hasil.append(Calon(kunci(sasaran, uid), data["penduduk_id"], uid if sasaran == "keluarga" else None,
                               uid if sasaran == "rumah_tangga" else None, data, teks))
    hasil.sort(key=lambda c: (c.data["jorong"].lower(), c.data["nama"].lower(), c.kunci))
    return hasil, cocok, len(unit)
