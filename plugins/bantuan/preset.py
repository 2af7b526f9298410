"""The `bantuan` section of a preset (<preset>/bantuan/program.toml): DTSEN data over the preset's residents and aid
programs with their stages, lists, approvals and distributions, written through the office's own functions (the
same checks, audit entries and maker-checker as a clerk's).

``program.toml`` (every date in days relative to the day the preset is applied; no NIK or KK number anywhere):

- ``penyusun = "operator"``, ``penyetuju = "walinagari"``: the preset's users (pengguna.toml) who prepare and who
  approve the lists; two different accounts (the Wali Nagari's approval is a second pair of eyes).
- ``[dtsen]`` (optional): DTSEN data drawn for the register's families: ``sumber``, ``tahun`` (0 this year, -1 last
  year), ``kelas_miskin = [1, 2]`` (welfare classes always registered, desil in ``desil_miskin = [1, 4]``),
  ``peluang_lain = 0.3`` (share of the other families registered, desil in ``desil_lain = [3, 10]``).
- ``[[program]]``: the program form's fields: ``nama`` ("{tahun}" becomes its start year), ``sumber``
  (blt_dd, pkh, bpnt, kabupaten, ... as on the form), ``sasaran`` (penduduk, keluarga, rumah_tangga, kelompok),
  ``mulai = -120`` (days), ``lama = 365`` (days), ``kuota``, ``bentuk`` (uang, barang, jasa), ``nilai`` ("900.000"),
  ``barang``, ``status`` (draf, aktif, selesai), ``keterangan``, ``publik``, ``nama_utuh``, ``dasar_hukum``;
  ``aturan = [{kolom = "kelas_sosial", op = "salah_satu", nilai = [1, 2]}]`` as the rule editor stores it (a
  condition on another program: ``{kolom = "menerima_program", op = "ya", program = "<its nama>"}``).
- ``[[program.siklus]]``: ``nama``, ``mulai`` (days after the program's start), ``lama``; the list is what the
  rules give (and last stage's recipients); ``tambah = {kelas_sosial = [1], jumlah = 5, alasan = "...",
  no_kartu = "KKS-{n:04d}"}`` adds families of those classes drawn from the register, or ``tambah = {kelompok =
  ["..."], alasan = "..."}`` names groups; ``lebih_kuota = "<reason>"`` removes the entries above the quota;
  ``setujui = true``: submitted by the penyusun, approved by the penyetuju; ``salurkan = 20`` (days after the
  stage's start): every recipient received it (``barang_salur`` for goods). Only the last stage may stay unapproved.

The export writes the programs and their rules (no stage, list, DTSEN row or distribution: those are people).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from plugin_sdk import register
from plugin_sdk.preset import GalatPreset, tulis_toml

from plugins.bantuan import dtks, penyaluran, program, siklus
from plugins.bantuan.aturan_kolom import KOLOM, PROGRAM
from plugins.bantuan.galat import BantuanError
from plugins.bantuan.preset_baca import BERKAS, Program, Rencana, Siklus, baca
from plugins.bantuan.tables import ProgramBantuan
from plugins.bantuan.teks import rupiah

__all__ = ["terapkan", "ekspor", "GalatPreset"]


async def _sebagai(konteks, username: str, perlu: bool):
    """A request acting as the preset's user `username`, so the names on the lists are the staff's. Only a plan
    with stages or DTSEN data needs the accounts; programs alone (an export) are written by the system."""
    if username not in konteks.pengguna:
        if perlu and konteks.pengguna:
            raise GalatPreset(f"bantuan/{BERKAS}: pengguna {username!r} tidak dibuat oleh preset ini (pengguna.toml).")
        return None
    sebagai = getattr(konteks.request, "sebagai", None)
    return await sebagai(username) if sebagai else None


async def _dtsen(konteks, operator, rencana: Rencana) -> None:
    d = rencana.dtsen
    acak = konteks.rng("bantuan.dtsen")
    kode = "".join(c for c in str((await register.stored_profile()).get("kode") or "") if c.isdigit()) or "0"
    baris = [[dtks.JUDUL[k] for k in dtks.KOLOM]]
    i = 0
    async for p in register.stream_residents(("no_kk", "nik", "nama", "kelas_sosial"), {"hubungan": 1}):
        i += 1
        miskin = p["kelas_sosial"] in d.kelas_miskin
        if not p["no_kk"] or not (miskin or acak.random() < d.peluang_lain):
            continue
        desil = acak.randint(*(d.desil_miskin if miskin else d.desil_lain))
        baris.append([p["no_kk"], p["nik"], p["nama"], "Terdaftar", desil, f"DTSEN-{kode}-{i:05d}", d.tahun])
    if len(baris) > 1:
        hasil = await dtks.terapkan(operator, {"DTSEN": baris}, sumber=d.sumber, hari_ini=konteks.hari_ini)
        konteks.catat(f"bantuan: data DTSEN {hasil['baru']} keluarga")


async def _tambah(konteks, operator, s: Siklus, siklus_id: int, urut: int) -> None:
    t = s.tambah
    if t.kelompok:
        baris = [{"nik_atau_kk": "", "kelompok": k, "alasan": t.alasan, "no_kartu": ""} for k in t.kelompok]
    else:
        calon = [r["no_kk"] async for r in register.stream_residents(("no_kk", "kelas_sosial"), {"hubungan": 1})
                 if r["no_kk"] and r["kelas_sosial"] in t.kelas_sosial]
        pilih = sorted(konteks.rng(f"bantuan.tambah.{urut}").sample(calon, min(t.jumlah, len(calon))))
        baris = [{"nik_atau_kk": kk, "kelompok": "", "alasan": t.alasan,
                  "no_kartu": t.no_kartu.format(n=n) if t.no_kartu else ""} for n, kk in enumerate(pilih, start=1)]
    if baris:
        await siklus.tambah_banyak(operator, siklus_id, baris, sumber=t.sumber, hari_ini=konteks.hari_ini)


async def _salurkan(konteks, operator, s: Siklus, siklus_id: int) -> None:
    rows, _ = await siklus.peserta(siklus_id, keluar=False, batas=100_000)
    for r in rows:
        penerima = r["data"].get("nama") or r["kelompok"] or "Penerima"
        await penyaluran.catat(operator, r["id"], {"tanggal": s.salurkan.isoformat(), "jumlah": "",
                                                   "barang": s.barang_salur, "diterima_oleh": penerima,
                                                   "keterangan": ""}, hari_ini=konteks.hari_ini)


async def _siklus(konteks, operator, wali, p: Program, program_id: int, kuota: int | None, urut: int) -> None:
    """The program's stages in order; a stage to approve whose list stayed empty (a register too small) is left
    being prepared, and the program's later stages are not made."""
    for s in p.siklus:
        sid = await siklus.buat_siklus(operator, program_id, {
            "nama": s.nama, "periode_mulai": s.mulai.isoformat(), "periode_selesai": s.selesai.isoformat()},
            hari_ini=konteks.hari_ini)
        if s.tambah:
            await _tambah(konteks, operator, s, sid, urut)
        rows, _ = await siklus.peserta(sid, keluar=False, batas=100_000)
        if s.lebih_kuota and kuota:
            for r in rows[kuota:]:
                await siklus.keluarkan(operator, r["id"], s.lebih_kuota)
        if not s.setujui:
            continue
        if not rows:
            konteks.catat(f"bantuan: {p.isian['nama']} {s.nama}: daftar kosong, dibiarkan disusun")
            return
        await siklus.ajukan(operator, sid)
        await siklus.setujui(wali, sid, hari_ini=konteks.hari_ini)
        if s.salurkan:
            await _salurkan(konteks, operator, s, sid)


def _aturan(p: Program, ids: dict[str, tuple[int, str]]) -> dict | None:
    syarat = []
    for s in p.aturan:
        s = dict(s)
        if KOLOM[s["kolom"]].jenis == PROGRAM:  # named as written ("PKH {tahun}") or as made ("PKH 2026")
            s["nilai"], s["nama"] = ids[s.pop("program")]
        syarat.append(s)
    return {"syarat": syarat} if syarat else None


async def terapkan(konteks, folder: Path) -> None:
    """Apply <preset>/bantuan/: everything read and checked first, then written (the engine's transaction)."""
    rencana = baca(folder, konteks.hari_ini)
    perlu = rencana.dtsen is not None or any(p.siklus for p in rencana.program)
    operator = await _sebagai(konteks, rencana.penyusun, perlu)
    wali = await _sebagai(konteks, rencana.penyetuju, perlu)
    if rencana.dtsen:
        await _dtsen(konteks, operator, rencana)
    ids: dict[str, tuple[int, str]] = {}
    for urut, p in enumerate(rencana.program, start=1):
        try:
            pid = await program.simpan_program(operator, p.isian)
            ids[p.isian["nama"]] = ids[p.nama_tulis] = (pid, p.isian["nama"])
            if aturan := _aturan(p, ids):
                await program.simpan_aturan(operator, pid, aturan)
            await _siklus(konteks, operator, wali, p, pid, int(p.isian["kuota"].replace(".", "") or 0) or None,
                          urut)
        except BantuanError as e:
            rinci = "; ".join(e.galat.values()) if e.galat else ""
            raise GalatPreset(f"{p.tempat}: {e}{' (' + rinci + ')' if rinci else ''}") from None
    konteks.catat(f"bantuan: {len(rencana.program)} program")


def _ke_toml(row: dict, nama_program: dict[int, str], hari_ini: date) -> dict:
    tahun = str(row["mulai"].year)
    isi = {"nama": row["nama"].replace(tahun, "{tahun}"), "sumber": row["sumber"], "sasaran": row["sasaran"],
           "mulai": (row["mulai"] - hari_ini).days, "bentuk": row["bentuk"], "status": row["status"]}
    if row["selesai"]:
        isi["lama"] = (row["selesai"] - row["mulai"]).days + 1
    for kunci in ("sumber_lain", "barang", "keterangan", "dasar_hukum"):
        if row[kunci]:
            isi[kunci] = row[kunci]
    if row["kuota"]:
        isi["kuota"] = row["kuota"]
    if row["nilai"]:
        isi["nilai"] = rupiah(row["nilai"]).removeprefix("Rp")  # stored in sen; written as on the form
    isi["publik"], isi["nama_utuh"] = bool(row["publik"]), bool(row["nama_utuh"])
    if row["aturan"]:
        syarat = []
        for s in json.loads(row["aturan"]).get("syarat", []):
            if KOLOM.get(s.get("kolom")) and KOLOM[s["kolom"]].jenis == PROGRAM:
                s = {"kolom": s["kolom"], "op": s["op"], "program": nama_program.get(s.get("nilai"), s.get("nama", ""))}
            syarat.append(s)
        isi["aturan"] = syarat
    return isi


async def ekspor(konteks, folder: Path) -> None:
    """The programs and their rules as program.toml (no recipient, DTSEN row or distribution)."""
    rows = await ProgramBantuan.select().order_by(ProgramBantuan.id).run()
    if not rows:
        return
    nama = {r["id"]: r["nama"].replace(str(r["mulai"].year), "{tahun}") for r in rows}
    data = {"program": [_ke_toml(r, nama, konteks.hari_ini) for r in rows]}
    folder.mkdir(parents=True, exist_ok=True)
    (folder / BERKAS).write_text(tulis_toml(data, "Program bantuan nagari, tanpa daftar penerima (itu data warga)."),
                                 encoding="utf-8")
