"""Family changes: a member joins or leaves a family (pecah KK included), a KK gets a new number.

Each is a `perubahan_kk` journal entry, so the old family, the new family and the
position in it stay on record.
"""

from __future__ import annotations

from datetime import date

from core.audit.log import log_change
from core.db.transaction import write_transaction
from core.penduduk import kode, lingkup
from core.penduduk.formulir import FormErrors
from core.penduduk.jurnal import write_entry
from core.penduduk.nik import check_kk, clean_number
from core.penduduk.pendaftaran import HEAD, _check_head, new_family
from core.penduduk.tables import Keluarga, Penduduk, RiwayatKK
from core.profil.waktu import today as nagari_today


async def move_to_family(penduduk_id: int, hubungan: int, *, keluarga_id: int | None = None, no_kk: str = "",
                         kk_sementara: bool = False, actor: dict, connection=None,
                         tanggal: date | None = None) -> int:
    """Move a resident into another family, or into a new KK of their own (pecah KK). Returns the family id."""
    tanggal = tanggal or nagari_today()
    if not kode.valid("hubungan", hubungan):
        raise FormErrors({"hubungan": "Hubungan dalam keluarga wajib dipilih."})
    async with write_transaction():
        resident = await Penduduk.select().where(Penduduk.id == penduduk_id).first().run()
        if resident is None or resident["status_dasar"] != 1:
            raise FormErrors({"umum": "Hanya penduduk yang hidup dan tinggal di sini yang bisa pindah KK."})
        old = resident["keluarga"]
        if resident["hubungan"] == HEAD and old is not None and await Penduduk.exists().where(
                (Penduduk.keluarga == old) & (Penduduk.id != penduduk_id) & (Penduduk.status_dasar == 1)).run():
            raise FormErrors({"umum": "Kepala keluarga masih punya anggota: tetapkan kepala keluarga baru dulu."})
        if keluarga_id is None:
            if hubungan != HEAD:
                raise FormErrors({"hubungan": "Di KK baru, penduduk ini menjadi kepala keluarga."})
            keluarga_id = await new_family(no_kk, resident["wilayah"], resident["alamat"], sementara=kk_sementara,
                                           tanggal=tanggal)
        else:
            if keluarga_id == old:
                raise FormErrors({"keluarga_id": "Penduduk sudah anggota keluarga ini."})
            if not await Keluarga.exists().where(Keluarga.id == keluarga_id).run():
                raise FormErrors({"keluarga_id": "Keluarga tujuan tidak ditemukan."})
            await _check_head(keluarga_id, hubungan)
        family = await Keluarga.select(Keluarga.wilayah).where(Keluarga.id == keluarga_id).first().run()
        wilayah = family["wilayah"] or resident["wilayah"]
        await Penduduk.update({Penduduk.keluarga: keluarga_id, Penduduk.hubungan: hubungan,
                               Penduduk.wilayah: wilayah}).where(Penduduk.id == penduduk_id).run()
        entry = await write_entry("perubahan_kk", resident, tanggal, actor=actor, keluarga_id=keluarga_id, rincian={
            "sebelum": {"keluarga": old, "hubungan": resident["hubungan"], "wilayah": resident["wilayah"]},
            "sesudah": {"keluarga": keluarga_id, "hubungan": hubungan, "wilayah": wilayah}})
        await log_change(connection, "ubah", "penduduk", penduduk_id,
                         {"peristiwa": entry, "keluarga": [old, keluarga_id]}, user=actor)
    return keluarga_id


async def change_number(keluarga_id: int, no_kk: str, alasan: str, *, actor: dict, connection=None,
                        tanggal: date | None = None) -> None:
    """Dukcapil issued a new No. KK for the same family: keep the old one in the history."""
    tanggal = tanggal or nagari_today()
    no_kk = clean_number(no_kk)
    if errors := check_kk(no_kk).errors:
        raise FormErrors({"no_kk": errors[0]})
    async with write_transaction():
        family = await Keluarga.select().where(Keluarga.id == keluarga_id).first().run()
        if family is None:
            raise FormErrors({"umum": "Keluarga tidak ditemukan."})
        if await Keluarga.exists().where(Keluarga.no_kk == no_kk).run():
            raise FormErrors({"no_kk": "Nomor KK ini sudah dipakai keluarga lain."})
        await Keluarga.update({Keluarga.no_kk: no_kk}).where(Keluarga.id == keluarga_id).run()
        await RiwayatKK.insert(RiwayatKK(keluarga=keluarga_id, no_kk=no_kk, berlaku_sejak=tanggal,
                                         alasan=alasan.strip() or "nomor KK baru")).run()
        for member in await Penduduk.select().where((Penduduk.keluarga == keluarga_id)
                                                    & (Penduduk.status_dasar == 1)).run():
            await write_entry("perubahan_kk", member, tanggal, actor=actor, keluarga_id=keluarga_id,
                              rincian={"no_kk": [family["no_kk"], no_kk], "alasan": alasan.strip()})
        await log_change(connection, "ubah", "keluarga", keluarga_id, {"no_kk": [family["no_kk"], no_kk]},
                         user=actor)


async def _same_place(group: dict) -> set[int]:
    rows = await Penduduk.raw(
        "SELECT id FROM balai_penduduk WHERE nama_cari = {} AND tanggal_lahir = {} AND lower(tempat_lahir) = {}",
        group["nama_cari"], group["tanggal_lahir"], group["tempat"]).run()
    return {r["id"] for r in rows}


async def possible_duplicates(limit: int = 200) -> list[dict]:
    """Residents sharing name, birth date and birth place: to review, never merged automatically."""
    groups = await Penduduk.raw(
        "SELECT nama_cari, tanggal_lahir, lower(tempat_lahir) AS tempat, COUNT(*) AS jumlah FROM balai_penduduk "
        "GROUP BY nama_cari, tanggal_lahir, lower(tempat_lahir) HAVING COUNT(*) > 1 "
        "ORDER BY nama_cari LIMIT {}", limit).run()
    result = []
    for group in groups:
        members = await lingkup.narrow(Penduduk.select(
            Penduduk.id, Penduduk.nik, Penduduk.nama, Penduduk.status_dasar, Penduduk.keluarga.no_kk.as_alias("no_kk"),
        ).where((Penduduk.nama_cari == group["nama_cari"]) & (Penduduk.tanggal_lahir == group["tanggal_lahir"]))).run()
        same_place = await _same_place(group)
        members = [m for m in members if m["id"] in same_place]
        if members:  # a scoped user sees only their own residents of a group
            result.append({**group, "anggota": members})
    return result


async def set_welfare_class(keluarga_id: int, kelas: int | None, *, actor: dict, connection=None) -> None:
    if kelas is not None and not kode.valid("kelas_sosial", kelas):
        raise FormErrors({"kelas_sosial": "Kelas kesejahteraan tidak dikenal."})
    async with write_transaction():
        old = await Keluarga.select(Keluarga.kelas_sosial).where(Keluarga.id == keluarga_id).first().run()
        if old is None:
            raise FormErrors({"umum": "Keluarga tidak ditemukan."})
        await Keluarga.update({Keluarga.kelas_sosial: kelas}).where(Keluarga.id == keluarga_id).run()
        await log_change(connection, "ubah", "keluarga", keluarga_id, {"kelas_sosial": [old["kelas_sosial"], kelas]},
                         user=actor)


async def change_head(keluarga_id: int, new_head_id: int, old_head_hubungan: int | None, *, actor: dict,
                      connection=None, tanggal: date | None = None) -> None:
    """Appoint another living member as head (the head died, moved, or the family decided).

    A living former head takes `old_head_hubungan`; each change is a `perubahan_kk` entry.
    """
    tanggal = tanggal or nagari_today()
    async with write_transaction():
        members = {m["id"]: m for m in await Penduduk.select().where(
            (Penduduk.keluarga == keluarga_id) & (Penduduk.status_dasar == 1)).run()}
        if new_head_id not in members:
            raise FormErrors({"kepala_baru": "Kepala keluarga baru harus anggota keluarga ini yang masih hidup."})
        if members[new_head_id]["hubungan"] == HEAD:
            raise FormErrors({"kepala_baru": "Penduduk ini sudah kepala keluarga."})
        old_heads = [m for m in members.values() if m["hubungan"] == HEAD]
        if old_heads and (old_head_hubungan is None or old_head_hubungan == HEAD
                          or not kode.valid("hubungan", old_head_hubungan)):
            raise FormErrors({"hubungan_lama": "Pilih hubungan baru untuk kepala keluarga yang lama."})
        changes = [(m, old_head_hubungan) for m in old_heads] + [(members[new_head_id], HEAD)]
        for member, hubungan in changes:
            await Penduduk.update({Penduduk.hubungan: hubungan}).where(Penduduk.id == member["id"]).run()
            await write_entry("perubahan_kk", member, tanggal, actor=actor, keluarga_id=keluarga_id, rincian={
                "alasan": "ganti kepala keluarga", "sebelum": {"hubungan": member["hubungan"]},
                "sesudah": {"hubungan": hubungan}})
        await log_change(connection, "ubah", "keluarga", keluarga_id, {"kepala": [
            old_heads[0]["id"] if old_heads else None, new_head_id]}, user=actor)
