"""A program's eligibility rules: read and checked (from the stored JSON or the rule editor's form), described in
Indonesian, and evaluated over the register into candidates with the reason each qualifies.

Stored form: ``{"syarat": [{"kolom": "umur", "op": ">=", "nilai": 60}, {"kolom": "pekerjaan", "op":
"salah_satu", "nilai": [1, 9]}]}``: every condition must hold (AND). No condition at all means no rules: the
program's candidates are added by hand only (calon gives none). The columns are in aturan_kolom.KOLOM; how each
level applies to a family or household is explained in aturan_nilai.py; the units, their data and their flags
are aturan_unit.py's.

    aturan = baca(program["aturan"])                  # AturanError with a message per field when it is wrong
    cocok, semua = await hitung(aturan, "keluarga", hari_ini=hari_ini)     # "cocok dengan 12 dari 1.234 keluarga"
    for c in await calon(aturan, "keluarga", hari_ini=hari_ini): print(c.kunci, c.alasan)
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from plugins.bantuan.aturan_kolom import (ANGKA, KODE, KODE_ADA, KOLOM, MAKS_SYARAT, PROGRAM, Kolom, angka,
                                         daftar_kata, kalimat, kecil)
from plugins.bantuan.aturan_nilai import Calon, nilai
from plugins.bantuan.aturan_unit import data_unit, data_units, kunci, status_unit, status_units, urai_kunci
from plugins.bantuan.galat import BantuanError
from plugins.bantuan.kode import SASARAN, SATUAN

__all__ = ["KOLOM", "Kolom", "AturanError", "Syarat", "Aturan", "Calon", "baca", "dari_form", "ke_json", "uraian",
           "catatan_sasaran", "lengkapi", "pilihan_program", "calon", "hitung", "pratinjau", "data_unit",
           "data_units", "status_unit", "status_units", "kunci", "urai_kunci"]

_NAMA_ISIAN = re.compile(r"syarat-(\d{1,3})-(kolom|op|nilai)")


class AturanError(BantuanError):
    """Rules that cannot be used: `galat` maps "syarat-{i}-kolom" / "-op" / "-nilai" (or "aturan" for the whole
    set) to its message."""


@dataclass(frozen=True)
class Syarat:
    """One condition. `nilai`: a whole number (ANGKA; a program's id for menerima_program), a tuple of codes
    (salah_satu, bukan) or None (ada, ya, tidak). `nama`: the other program's name, for the description.
    `baris`: its row in the form or the stored list, which error messages point at (not part of the rule)."""

    kolom: str
    op: str
    nilai: int | tuple[int, ...] | None
    nama: str = ""
    baris: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Aturan:
    """A rule set: every condition must hold."""

    syarat: tuple[Syarat, ...] = ()

    @property
    def kosong(self) -> bool:
        return not self.syarat


# --- reading and checking -------------------------------------------------------------------------------------


def _angka_bulat(mentah: Any) -> int | None:
    if isinstance(mentah, bool):
        return None
    if isinstance(mentah, int):
        return mentah
    teks = str(mentah).strip()
    return int(teks) if re.fullmatch(r"-?\d{1,9}", teks) else None


def _satu(mentah: Any) -> Any:
    """A form sends lists; a number needs exactly one value (None when there is none, a list when too many)."""
    if isinstance(mentah, (list, tuple)):
        isi = [m for m in mentah if str(m).strip()]
        return isi[0] if len(isi) == 1 else (None if not isi else list(isi))
    return None if mentah is None or str(mentah).strip() == "" else mentah


def _nilai_angka(kolom: Kolom, mentah: Any) -> tuple[int | None, str]:
    mentah = _satu(mentah)
    contoh = {"umur": 60, "dtks_desil": 4}.get(kolom.nama, 5)
    if mentah is None:
        return None, f"Isi angka untuk {kecil(kolom.label)}, misalnya {contoh}."
    n = _angka_bulat(mentah) if not isinstance(mentah, list) else None
    if n is None:
        return None, f"Tulis {kecil(kolom.label)} dengan satu angka bulat, misalnya {contoh}."
    rendah, tinggi = kolom.batas
    if not rendah <= n <= tinggi:
        return None, f"{kolom.label} harus antara {rendah} dan {angka(tinggi)}."
    return n, ""


def _nilai_kode(kolom: Kolom, mentah: Any) -> tuple[tuple[int, ...] | None, str]:
    daftar = mentah if isinstance(mentah, (list, tuple)) else ([] if mentah in (None, "") else [mentah])
    daftar = [m for m in daftar if str(m).strip()]
    if not daftar:
        return None, f"Pilih paling sedikit satu {kecil(kolom.label)}."
    kode = [_angka_bulat(m) for m in daftar]
    if any(k not in kolom.pilihan for k in kode):
        return None, f"Ada pilihan {kecil(kolom.label)} yang tidak dikenal; pilih dari daftar."
    return tuple(sorted(set(kode))), ""


def _nilai_program(mentah: Any) -> tuple[int | None, str]:
    mentah = _satu(mentah)
    n = _angka_bulat(mentah) if mentah is not None and not isinstance(mentah, list) else None
    if mentah is None:
        return None, "Pilih program bantuannya."
    if n is None or n < 1:
        return None, "Program bantuan ini tidak dikenal; pilih dari daftar."
    return n, ""


def _nilai(kolom: Kolom, op: str, mentah: Any) -> tuple[Any, str]:
    if kolom.jenis == ANGKA:
        return _nilai_angka(kolom, mentah)
    if kolom.jenis == PROGRAM:
        return _nilai_program(mentah)
    if kolom.jenis in (KODE, KODE_ADA) and op in ("salah_satu", "bukan"):
        return _nilai_kode(kolom, mentah)
    return None, ""  # "ada", "ya", "tidak" need no value


def _syarat(i: int, baris: Any, galat: dict[str, str]) -> Syarat | None:
    if not isinstance(baris, dict):
        galat[f"syarat-{i}-kolom"] = "Syarat ini tidak dapat dibaca; pilih datanya lagi."
        return None
    nama_kolom = str(baris.get("kolom") or "").strip()
    kolom = KOLOM.get(nama_kolom)
    if kolom is None:
        galat[f"syarat-{i}-kolom"] = ("Pilih data yang menjadi syarat." if not nama_kolom
                                      else "Data ini tidak dikenal sebagai syarat; pilih dari daftar.")
        return None
    op = str(baris.get("op") or "").strip()
    if op not in kolom.op:
        galat[f"syarat-{i}-op"] = f"Untuk {kecil(kolom.label)} pilih {daftar_kata(list(kolom.op.values()))}."
        return None
    nilai_syarat, pesan = _nilai(kolom, op, baris.get("nilai"))
    if pesan:
        galat[f"syarat-{i}-nilai"] = pesan
        return None
    nama = str(baris.get("nama") or "").strip()[:150] if kolom.jenis == PROGRAM else ""
    return Syarat(kolom.nama, op, nilai_syarat, nama, i)


def _periksa(baris: list[tuple[int, Any]]) -> Aturan:
    galat: dict[str, str] = {}
    if len(baris) > MAKS_SYARAT:
        galat["aturan"] = f"Satu aturan paling banyak {MAKS_SYARAT} syarat."
    syarat = [s for i, b in baris if (s := _syarat(i, b, galat)) is not None]
    if galat:
        raise AturanError("Aturan belum benar; periksa isian yang ditandai.", galat)
    return Aturan(tuple(syarat))


def baca(teks_atau_dict: str | dict | list | Aturan | None) -> Aturan:
    """The rules from their stored JSON (or the dict / list of conditions): checked, codes sorted. "" or None is no
    rules. Raises AturanError with a message per field ("syarat-{i}-kolom", "-op", "-nilai", i counted from 0
    in the stored list) or for the whole set ("aturan")."""
    if isinstance(teks_atau_dict, Aturan):
        return teks_atau_dict
    isi = teks_atau_dict
    if isinstance(isi, str):
        if not isi.strip():
            return Aturan()
        try:
            isi = json.loads(isi)
        except ValueError:
            raise AturanError("Aturan tersimpan tidak dapat dibaca.",
                              {"aturan": "Aturan tersimpan tidak dapat dibaca; susun aturannya lagi."}) from None
    if isi is None:
        return Aturan()
    daftar = isi.get("syarat", []) if isinstance(isi, dict) else isi
    if not isinstance(daftar, list):
        raise AturanError("Aturan tidak dapat dibaca.", {"aturan": "Aturan tidak dapat dibaca; susun aturannya lagi."})
    return _periksa(list(enumerate(daftar)))


def dari_form(pasangan: list[tuple[str, str]]) -> Aturan:
    """The rules from the editor's fields ``syarat-{i}-kolom``, ``syarat-{i}-op``, ``syarat-{i}-nilai`` (the last
    repeated for several codes). A row without a column and without a value is an empty row and ignored; errors
    keep the form's own `i`, so each message lands beside its field."""
    baris: dict[int, dict] = {}
    for nama, isi in pasangan:
        if not (cocok := _NAMA_ISIAN.fullmatch(nama or "")):
            continue
        row = baris.setdefault(int(cocok[1]), {"kolom": "", "op": "", "nilai": []})
        isi = (isi or "").strip()
        if cocok[2] == "nilai":
            if isi:
                row["nilai"].append(isi)
        else:
            row[cocok[2]] = isi
    return _periksa([(i, row) for i, row in sorted(baris.items()) if row["kolom"] or row["nilai"]])


def ke_json(aturan: Aturan | dict | str | None) -> str:
    """The stored form of the rules ("" for no rules)."""
    aturan = baca(aturan)
    if aturan.kosong:
        return ""
    syarat = []
    for s in aturan.syarat:
        row = {"kolom": s.kolom, "op": s.op, "nilai": list(s.nilai) if isinstance(s.nilai, tuple) else s.nilai}
        if s.nama:
            row["nama"] = s.nama
        syarat.append(row)
    return json.dumps({"syarat": syarat}, ensure_ascii=False)


# --- in words -------------------------------------------------------------------------------------------------


def uraian(aturan: Aturan | dict | str | None, nama_program: dict[int, str] | None = None) -> list[str]:
    """One Indonesian sentence per condition: "Umur 60 tahun atau lebih", "Pekerjaan: Petani/Pekebun atau Buruh
    Harian Lepas". Another program is named by `nama_program`, else by the name kept in the rule (`lengkapi`)."""
    nama_program = nama_program or {}
    return [kalimat(KOLOM[s.kolom], s.op, s.nilai, nama_program.get(s.nilai, s.nama) if s.kolom ==
                    "menerima_program" else "") for s in baca(aturan).syarat]


def catatan_sasaran(aturan: Aturan | dict | str | None, sasaran: str) -> str:
    """How person conditions apply to a family or household target (one sentence), or "" when they do not."""
    aturan = baca(aturan)
    if sasaran not in ("keluarga", "rumah_tangga") or not any(KOLOM[s.kolom].tingkat == "penduduk"
                                                               for s in aturan.syarat):
        return ""
    unit = SATUAN[sasaran]
    return (f"Syarat perorangan terpenuhi bila paling sedikit satu anggota {unit} yang masih hidup memenuhi "
            f"semuanya sekaligus; alasan setiap calon menyebut anggota itu.")


# --- what needs the database ----------------------------------------------------------------------------------


async def pilihan_program() -> dict[int, str]:
    """Programs a "menerima_program" condition can name (id -> name), by name: the editor's choices."""
    from plugins.bantuan.tables import ProgramBantuan

    rows = await ProgramBantuan.select(ProgramBantuan.id, ProgramBantuan.nama).order_by(ProgramBantuan.nama).run()
    return {r["id"]: r["nama"] for r in rows}


async def lengkapi(aturan: Aturan | dict | str | None) -> Aturan:
    """The rules checked against the database before saving: every program a condition names exists (else
    AturanError on that row's "-nilai"), and its name is kept for the description."""
    aturan = baca(aturan)
    if not any(s.kolom == "menerima_program" for s in aturan.syarat):
        return aturan
    program = await pilihan_program()
    galat = {f"syarat-{s.baris}-nilai": "Program bantuan ini tidak ada; pilih dari daftar."
             for s in aturan.syarat if s.kolom == "menerima_program" and s.nilai not in program}
    if galat:
        raise AturanError("Aturan belum benar; periksa isian yang ditandai.", galat)
    return Aturan(tuple(replace(s, nama=program[s.nilai]) if s.kolom == "menerima_program" else s
                        for s in aturan.syarat))


def _sasaran(sasaran: str) -> str:
    if sasaran not in SASARAN:
        raise AturanError("Sasaran program tidak dikenal.", {"sasaran": "Sasaran program tidak dikenal."})
    return sasaran


async def calon(aturan: Aturan | dict | str | None, sasaran: str, *, hari_ini: date) -> list[Calon]:
    """Every unit of `sasaran` that meets the rules, ordered by jorong then name, each with its reason (none for a
    group target or for no rules). The scope of the current user applies."""
    hasil, _, _ = await nilai(baca(aturan), _sasaran(sasaran), hari_ini=hari_ini, rinci=True)
    return hasil


async def hitung(aturan: Aturan | dict | str | None, sasaran: str, *, hari_ini: date) -> tuple[int, int]:
    """(units that meet the rules, all units of `sasaran` with a living member): "cocok dengan 0 dari 1.234
    keluarga"."""
    _, cocok, semua = await nilai(baca(aturan), _sasaran(sasaran), hari_ini=hari_ini, rinci=False)
    return cocok, semua


async def pratinjau(aturan: Aturan | dict | str | None, sasaran: str, *, hari_ini: date,
                    batas: int = 20) -> tuple[list[Calon], int, int]:
    """The editor's "Periksa" in one pass: the first `batas` candidates, how many match, how many units there are."""
    hasil, cocok, semua = await nilai(baca(aturan), _sasaran(sasaran), hari_ini=hari_ini, rinci=True)
    return hasil[:batas], cocok, semua
