"""The journal: the only way a resident changes. Every change is one entry of a named kind.

Each function runs in one write transaction together with its audit entry: it all
lands, or nothing does. A wrong entry is never edited; a `pembatalan` cancels it and
restores what it changed.
"""

from __future__ import annotations

import json
from datetime import date, time

from core.audit.log import log_change
from core.db.transaction import write_transaction
from core.penduduk.bulan import report_month
from core.penduduk.formulir import EDITABLE, FormErrors
from core.penduduk.tables import Penduduk, Peristiwa
from core.profil.waktu import today as nagari_today

KINDS = {
    "pendataan_awal": "Pendataan awal", "lahir": "Lahir", "mati": "Mati", "pindah_keluar": "Pindah keluar",
    "hilang": "Hilang", "pindah_masuk": "Pindah masuk / datang", "pergi": "Pergi", "koreksi": "Koreksi data",
    "pindah_dalam_nagari": "Pindah dalam nagari", "perubahan_kk": "Perubahan KK", "pembatalan": "Pembatalan",
    "rumah_tangga": "Perubahan rumah tangga",  # core.penduduk.rumah_tangga; moves nobody in or out: never counted
    "perkawinan": "Perkawinan",  # core.penduduk.perkawinan; changes status_kawin only: never counted
    "perceraian": "Perceraian",  # cerai hidup, and cerai mati of a survivor (see record_leaving)
}
# Kinds that end a resident's presence, and the status_dasar they leave behind.
LEAVING = {"mati": 2, "pindah_keluar": 3, "hilang": 4, "pergi": 6}


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


async def write_entry(jenis: str, resident: dict, tanggal: date, *, tanggal_lapor: date | None = None,
                      rincian: dict | None = None, actor: dict | None = None, keluarga_id: int | None = None,
                      membatalkan: int | None = None) -> int:
    """Append one entry, counting the resident under their wilayah, sex and citizenship as of now."""
    rows = await Peristiwa.insert(Peristiwa(
        jenis=jenis, penduduk=resident["id"], keluarga=keluarga_id or resident.get("keluarga"),
        tanggal_peristiwa=tanggal, tanggal_lapor=tanggal_lapor or nagari_today(), wilayah_id=resident.get("wilayah"),
        bulan_laporan=await report_month(tanggal),
        jenis_kelamin=resident["jenis_kelamin"], kewarganegaraan=resident["kewarganegaraan"],
        rincian=_json(rincian or {}), membatalkan=membatalkan, pengguna=(actor or {}).get("username", ""),
    )).returning(Peristiwa.id).run()
    return rows[0]["id"]


async def _resident(penduduk_id: int) -> dict:
    row = await Penduduk.select().where(Penduduk.id == penduduk_id).first().run()
    if row is None:
        raise FormErrors({"umum": "Penduduk tidak ditemukan."})
    return row


async def record_leaving(penduduk_id: int, jenis: str, tanggal: date, rincian: dict, *, actor: dict,
                         connection=None, tanggal_lapor: date | None = None) -> int:
    """Death, moving out, missing or gone: the record stays, its status changes."""
    if jenis not in LEAVING:
        raise ValueError(jenis)
    if tanggal > nagari_today():
        raise FormErrors({"tanggal_peristiwa": "Tanggal peristiwa tidak boleh di masa depan."})
    async with write_transaction():
        resident = await _resident(penduduk_id)
        if resident["status_dasar"] != 1:
            raise FormErrors({"umum": "Peristiwa ini hanya untuk penduduk yang berstatus hidup dan tinggal di sini."})
        if tanggal < resident["tanggal_lahir"]:
            raise FormErrors({"tanggal_peristiwa": "Tanggal peristiwa sebelum tanggal lahir."})
        await Penduduk.update({Penduduk.status_dasar: LEAVING[jenis]}).where(Penduduk.id == penduduk_id).run()
        entry = await write_entry(jenis, resident, tanggal, tanggal_lapor=tanggal_lapor, actor=actor, rincian={
            **rincian, "sebelum": {"status_dasar": resident["status_dasar"]},
            "sesudah": {"status_dasar": LEAVING[jenis]}})
        if jenis == "mati":  # the surviving spouse becomes Cerai Mati in this same step
            from core.penduduk.perkawinan import widow_spouses  # imported here: perkawinan imports this module
            await widow_spouses(resident, tanggal, death_entry=entry, actor=actor, connection=connection,
                                tanggal_lapor=tanggal_lapor)
        await log_change(connection, jenis, "penduduk", penduduk_id, {"peristiwa": entry, **rincian}, user=actor)
    return entry


async def correct(penduduk_id: int, data: dict, *, actor: dict, connection=None, alasan: str = "") -> dict:
    """A field was wrong: record old and new values in a `koreksi` entry. Returns the changed fields."""
    async with write_transaction():
        resident = await _resident(penduduk_id)
        changed = {k: [resident[k], data[k]] for k in EDITABLE if k in data and data[k] != resident[k]}
        if not changed:
            return {}
        if "nik" in changed and await Penduduk.exists().where(
                (Penduduk.nik == data["nik"]) & (Penduduk.id != penduduk_id)).run():
            raise FormErrors({"nik": "NIK ini sudah terdaftar untuk penduduk lain."})
        update = {k: v[1] for k, v in changed.items()}
        if "nama" in update:
            update["nama_cari"] = update["nama"].lower()
        await Penduduk.update(update).where(Penduduk.id == penduduk_id).run()
        entry = await write_entry("koreksi", resident, nagari_today(), actor=actor, rincian={
            "alasan": alasan, "sebelum": {k: v[0] for k, v in changed.items()},
            "sesudah": {k: v[1] for k, v in changed.items()}})
        await log_change(connection, "ubah", "penduduk", penduduk_id, {"peristiwa": entry, **changed}, user=actor)
    return changed


async def move_within(penduduk_id: int, wilayah_id: int, tanggal: date, *, actor: dict, connection=None) -> int:
    if tanggal > nagari_today():
        raise FormErrors({"tanggal_peristiwa": "Tanggal peristiwa tidak boleh di masa depan."})
    async with write_transaction():
        resident = await _resident(penduduk_id)
        if resident["status_dasar"] != 1:
            raise FormErrors({"umum": "Hanya penduduk yang hidup dan tinggal di sini yang bisa pindah wilayah."})
        if resident["wilayah"] == wilayah_id:
            raise FormErrors({"wilayah": "Penduduk sudah tercatat di wilayah itu."})
        await Penduduk.update({Penduduk.wilayah: wilayah_id}).where(Penduduk.id == penduduk_id).run()
        entry = await write_entry("pindah_dalam_nagari", resident, tanggal, actor=actor, rincian={
            "sebelum": {"wilayah": resident["wilayah"]}, "sesudah": {"wilayah": wilayah_id}})
        await log_change(connection, "ubah", "penduduk", penduduk_id, {"peristiwa": entry,
                                                                      "wilayah": [resident["wilayah"], wilayah_id]},
                         user=actor)
    return entry


def _typed(name: str, value):
    """A value read back from an entry's JSON in its column's type: dates and times are text there."""
    kind = type(Penduduk._meta.get_column_by_name(name)).__name__ if isinstance(value, str) else ""
    return date.fromisoformat(value) if kind == "Date" else time.fromisoformat(value) if kind == "Time" else value


async def cancel(entry_id: int, alasan: str, *, actor: dict, connection=None) -> int:
    """Cancel a wrong entry: restore what it changed, keep it visible, and record the cancellation."""
    if not alasan.strip():
        raise FormErrors({"alasan": "Alasan pembatalan wajib diisi."})
    async with write_transaction():
        entry = await Peristiwa.select().where(Peristiwa.id == entry_id).first().run()
        if entry is None:
            raise FormErrors({"umum": "Catatan peristiwa tidak ditemukan."})
        if entry["dibatalkan"] or entry["jenis"] == "pembatalan":
            raise FormErrors({"umum": "Catatan ini sudah dibatalkan atau tidak bisa dibatalkan."})
        rincian = json.loads(entry["rincian"])
        before, after = rincian.get("sebelum"), rincian.get("sesudah")
        if before is None:
            raise FormErrors({"umum": "Catatan pendataan tidak dibatalkan; koreksi datanya saja."})
        resident = await _resident(entry["penduduk"])
        if any(str(resident[k]) != str(v) for k, v in (after or {}).items()):
            raise FormErrors({"umum": "Sudah ada perubahan lain sesudah catatan ini; batalkan yang terbaru dulu."})
        restore = {k: _typed(k, v) for k, v in before.items()}
        if "nama" in restore:
            restore["nama_cari"] = restore["nama"].lower()
        await Penduduk.update(restore).where(Penduduk.id == resident["id"]).run()
        await Peristiwa.update({Peristiwa.dibatalkan: True}).where(Peristiwa.id == entry_id).run()
        new = await write_entry("pembatalan", resident, nagari_today(), actor=actor, membatalkan=entry_id,
                                rincian={"alasan": alasan.strip(), "membatalkan": entry["jenis"],
                                         "sebelum": after, "sesudah": before})
        await log_change(connection, "batal", "peristiwa", entry_id, {"alasan": alasan.strip()}, user=actor)
    return new
