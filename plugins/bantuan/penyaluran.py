"""Distributions: what an approved cycle's recipient was handed, when, and who took it; and the cycle's totals.

Only an entry of an approved (frozen) list that was not removed can receive. A distribution is recorded once and
never edited (a mistake is answered by the audit log and a note on a new record, as paper books are kept).
"""

from __future__ import annotations

from datetime import date

from piccolo.query.functions.aggregate import Count, Sum

from plugin_sdk import log_change, write_transaction

from plugins.bantuan.galat import BantuanError
from plugins.bantuan.kode import DISETUJUI
from plugins.bantuan.plugin import KELOLA
from plugins.bantuan.program import baca_tanggal, nama_pengguna, tanggal_panjang, wajib_izin
from plugins.bantuan.siklus_baca import peserta_row, siklus_row
from plugins.bantuan.siklus_isi import audit_id, program_siklus
from plugins.bantuan.tables import PenyaluranBantuan, PesertaBantuan
from plugins.bantuan.teks import baca_rupiah, rupiah

__all__ = ["catat", "daftar", "rekap"]

PANJANG = {"barang": 150, "diterima_oleh": 150, "keterangan": 300}


def _teks(isian: dict, kunci: str) -> str:
    return " ".join(str(isian.get(kunci) or "").split())


def _periksa(isian: dict, program: dict, siklus: dict, *, hari_ini: date) -> dict:
    """The distribution's columns from the form, or BantuanError with every problem per field."""
    galat: dict[str, str] = {}
    nilai = {k: _teks(isian, k) for k in PANJANG}
    for kunci, batas in PANJANG.items():
        if len(nilai[kunci]) > batas:
            galat[kunci] = f"Paling banyak {batas} huruf."
    tanggal = baca_tanggal(isian.get("tanggal"))
    if tanggal is None:
        galat["tanggal"] = ("Tanggal tidak dikenali; tulis sebagai TTTT-BB-HH." if _teks(isian, "tanggal")
                            else "Isi tanggal penyaluran.")
    elif tanggal > hari_ini:
        galat["tanggal"] = "Tanggal penyaluran tidak boleh setelah hari ini."
    elif tanggal < siklus["periode_mulai"]:
        galat["tanggal"] = (f"Tanggal penyaluran tidak boleh sebelum periode siklus ini dimulai "
                            f"({tanggal_panjang(siklus['periode_mulai'])}).")
    nilai["tanggal"] = tanggal
    jumlah = 0
    try:
        jumlah = baca_rupiah(_teks(isian, "jumlah"), "jumlah") if _teks(isian, "jumlah") else (
            program["nilai"] if program["bentuk"] == "uang" else 0)
    except BantuanError as e:
        galat.update(e.galat)
    if program["bentuk"] == "uang" and "jumlah" not in galat and jumlah == 0:
        galat["jumlah"] = "Isi jumlah uang yang diserahkan."
    nilai["jumlah"] = jumlah
    if program["bentuk"] != "uang" and not nilai["barang"]:
        nilai["barang"] = program["barang"]
    if not nilai["diterima_oleh"]:
        galat["diterima_oleh"] = "Tulis nama orang yang menerima bantuan ini."
    if galat:
        raise BantuanError(next(iter(galat.values())) if len(galat) == 1 else
                           "Ada isian yang perlu diperbaiki; belum ada yang disimpan.", galat)
    return nilai


async def catat(request, peserta_id: int, isian: dict, *, hari_ini: date) -> int:
    """Record one distribution to an approved list's recipient (isian: tanggal, jumlah, barang, diterima_oleh,
    keterangan; jumlah empty: the program's amount). Returns its id. Raises BantuanError, recording nothing."""
    await wajib_izin(request, KELOLA, "Anda tidak berhak mencatat penyaluran bantuan.")
    entri = await peserta_row(peserta_id)
    siklus = await siklus_row(entri["siklus"])
    if siklus["status"] != DISETUJUI:
        raise BantuanError("Penyaluran hanya dicatat untuk daftar yang sudah disetujui.")
    if entri["keluar"]:
        raise BantuanError("Penerima ini sudah dikeluarkan dari daftar; penyaluran tidak dapat dicatat.")
    nilai = _periksa(isian, await program_siklus(siklus), siklus, hari_ini=hari_ini)
    async with write_transaction():
        rows = await PenyaluranBantuan.insert(PenyaluranBantuan(
            peserta=peserta_id, oleh=await nama_pengguna(request), **nilai)).run()
        penyaluran_id = rows[0]["id"]
        await log_change(request, "catat_penyaluran", "bantuan", audit_id("peserta", peserta_id), {
            "penyaluran": penyaluran_id, "siklus": siklus["id"], **nilai, "tanggal": nilai["tanggal"].isoformat()})
    return penyaluran_id


async def daftar(peserta_id: int) -> list[dict]:
    """The entry's distributions by date, each with `jumlah_rupiah`."""
    rows = await PenyaluranBantuan.select().where(PenyaluranBantuan.peserta == peserta_id).order_by(
        PenyaluranBantuan.tanggal).order_by(PenyaluranBantuan.id).run()
    return [{**r, "jumlah_rupiah": rupiah(r["jumlah"])} for r in rows]


async def rekap(siklus_id: int) -> dict:
    """The cycle's distributions: `penerima` (on the list), `tersalurkan` (recipients who received at least once),
    `belum` (not yet), `kali` (distributions recorded), `jumlah` (sen) and `jumlah_rupiah`."""
    await siklus_row(siklus_id)
    daftar_ = await PesertaBantuan.count().where((PesertaBantuan.siklus == siklus_id) & (
        PesertaBantuan.keluar == False)).run()  # noqa: E712
    rows = await PenyaluranBantuan.select(
        PenyaluranBantuan.peserta, Count(PenyaluranBantuan.id, alias="kali"),
        Sum(PenyaluranBantuan.jumlah, alias="jumlah")).where(
        PenyaluranBantuan.peserta.siklus == siklus_id).group_by(PenyaluranBantuan.peserta).run()
    jumlah = sum(int(r["jumlah"] or 0) for r in rows)
    return {"penerima": daftar_, "tersalurkan": len(rows), "belum": max(daftar_ - len(rows), 0),
            "kali": sum(r["kali"] for r in rows), "jumlah": jumlah, "jumlah_rupiah": rupiah(jumlah)}
