"""Reading a cycle and its list: the cycle with its program, the entries filtered and paged, and the counts the
cycle page shows above the list."""

from __future__ import annotations

import json

from piccolo.engine import engine_finder
from piccolo.query.functions.aggregate import Count

from plugins.bantuan.galat import BantuanError
from plugins.bantuan.kode import ASAL, STATUS_SIKLUS, TANDA
from plugins.bantuan.program import label_program
from plugins.bantuan.tables import PesertaBantuan, ProgramBantuan, SiklusBantuan

__all__ = ["siklus", "peserta", "ringkasan", "siklus_row", "peserta_row", "baca_data"]

CARI_KATA = 6


def baca_data(teks: str) -> dict:
    return json.loads(teks) if teks else {}


async def siklus_row(siklus_id: int) -> dict:
    """The cycle's row, or BantuanError(tidak_ada=True)."""
    row = await SiklusBantuan.select().where(SiklusBantuan.id == siklus_id).first().run()
    if row is None:
        raise BantuanError("Siklus penyaluran itu tidak ditemukan.", tidak_ada=True)
    return row


async def peserta_row(peserta_id: int) -> dict:
    """The entry's row, or BantuanError(tidak_ada=True)."""
    row = await PesertaBantuan.select().where(PesertaBantuan.id == peserta_id).first().run()
    if row is None:
        raise BantuanError("Penerima itu tidak ditemukan dalam daftar mana pun.", tidak_ada=True)
    return row


async def siklus(siklus_id: int) -> dict:
    """The cycle with `status_nama` and its program (`program`: the row with its code names)."""
    row = await siklus_row(siklus_id)
    program = await ProgramBantuan.select().where(ProgramBantuan.id == row["program"]).first().run()
    return {**row, "status_nama": STATUS_SIKLUS.get(row["status"], row["status"]), "program": label_program(program)}


def label_peserta(row: dict) -> dict:
    """The entry with its data read from JSON and the names of its codes; `perlu_keputusan` when its flag still
    blocks submission."""
    return {**row, "data": baca_data(row["data"]), "asal_nama": ASAL.get(row["asal"], row["asal"]),
            "tanda_nama": TANDA.get(row["tanda"], ""),
            "perlu_keputusan": bool(row["tanda"]) and not row["tanda_alasan"] and not row["keluar"]}


def _cocok_kata(kata: str):
    """An entry whose data (name, NIK, No. KK, jorong, group) or card number holds `kata`, ignoring case."""
    kata = kata.replace("\\", "").replace("%", "").replace("_", "").replace('"', "")
    pola = f"%{kata}%"
    if engine_finder().engine_type == "postgres":
        return PesertaBantuan.data.ilike(pola) | PesertaBantuan.no_kartu.ilike(pola)
    return PesertaBantuan.data.like(pola) | PesertaBantuan.no_kartu.like(pola)  # SQLite's LIKE ignores ASCII case


def _syarat(siklus_id: int, cari: str, keluar: bool | None, tanda: str | bool | None) -> list:
    syarat = [PesertaBantuan.siklus == siklus_id]
    if keluar is not None:
        syarat.append(PesertaBantuan.keluar == bool(keluar))
    if tanda is True or tanda == "ada":
        syarat.append(PesertaBantuan.tanda != "")
    elif tanda == "belum":  # flagged entries that still need a decision
        syarat += [PesertaBantuan.tanda != "", PesertaBantuan.tanda_alasan == "",
                   PesertaBantuan.keluar == False]  # noqa: E712
    elif tanda in TANDA:
        syarat.append(PesertaBantuan.tanda == tanda)
    for kata in (cari or "").split()[:CARI_KATA]:
        if kata.strip('\\%_"'):
            syarat.append(_cocok_kata(kata))
    return syarat


async def peserta(siklus_id: int, *, cari: str = "", keluar: bool | None = None, tanda: str | bool | None = None,
                  mulai: int = 0, batas: int = 50) -> tuple[list[dict], int]:
    """One page of the cycle's entries in list order, and how many match. `keluar` True/False: removed ones only /
    the list itself; `tanda`: a flag (meninggal, pindah, tidak_ada), "ada" or True for any flag, "belum" for flags
    still undecided; `cari`: every word in the name, NIK, No. KK, jorong, group or card number. `data` is the
    data frozen at approval, or while the list is prepared, as of its last refresh."""
    syarat = _syarat(siklus_id, cari, keluar, tanda)
    query = PesertaBantuan.select()
    hitung = PesertaBantuan.count()
    for s in syarat:
        query = query.where(s)
        hitung = hitung.where(s)
    rows = await query.order_by(PesertaBantuan.id).offset(max(mulai, 0)).limit(max(batas, 1)).run()
    return [label_peserta(r) for r in rows], await hitung.run()


async def ringkasan(siklus_id: int) -> dict:
    """The list's counts: `aktif` (on the list), `keluar` (removed), `bertanda` (on the list and flagged),
    `belum_diputuskan` (flagged without a decision: they block submission), `dipertahankan` (flagged, kept with
    a reason), `asal` (on the list, per origin), `kuota` of the program and `melebihi_kuota`."""
    row = await siklus_row(siklus_id)
    program = await ProgramBantuan.select(ProgramBantuan.kuota).where(ProgramBantuan.id == row["program"]).first(
    ).run()
    rows = await PesertaBantuan.select(
        PesertaBantuan.keluar, PesertaBantuan.asal, PesertaBantuan.tanda, PesertaBantuan.tanda_alasan,
        Count(PesertaBantuan.id, alias="n")).where(PesertaBantuan.siklus == siklus_id).group_by(
        PesertaBantuan.keluar, PesertaBantuan.asal, PesertaBantuan.tanda, PesertaBantuan.tanda_alasan).run()
    hasil = {"aktif": 0, "keluar": 0, "bertanda": 0, "belum_diputuskan": 0, "dipertahankan": 0,
             "asal": {a: 0 for a in ASAL}}
    for r in rows:
        if r["keluar"]:
            hasil["keluar"] += r["n"]
            continue
        hasil["aktif"] += r["n"]
        hasil["asal"][r["asal"]] = hasil["asal"].get(r["asal"], 0) + r["n"]
        if r["tanda"]:
            hasil["bertanda"] += r["n"]
            hasil["dipertahankan" if r["tanda_alasan"] else "belum_diputuskan"] += r["n"]
    hasil["kuota"] = program["kuota"]
    hasil["melebihi_kuota"] = program["kuota"] is not None and hasil["aktif"] > program["kuota"]
    return hasil
