"""Bringing a person onto the register: initial registration, birth, or arrival (pindah masuk)."""

from __future__ import annotations

from datetime import date

from core.audit.log import log_change
from core.db.transaction import write_transaction
from core.penduduk.formulir import FormErrors
from core.penduduk.jurnal import write_entry
from core.penduduk.nik import check_kk, clean_number, temporary
from core.penduduk.tables import Keluarga, Penduduk, RiwayatKK
from core.plugin_host.settings import get_value
from core.profil.waktu import today as nagari_today

ARRIVING = ("pendataan_awal", "lahir", "pindah_masuk")
HEAD = 1


async def next_temporary(column, village_code: str) -> str:
    """The next free temporary number (0 + village code + serial) in `column`."""
    prefix = f"0{village_code}"
    rows = await column._meta.table.select(column).where(column.like(prefix + "%")).order_by(
        column, ascending=False).first().run()
    serial = int(rows[column._meta.name][-5:]) + 1 if rows else 1
    return temporary(village_code, serial)


async def _village_code() -> str:
    profile = await get_value("nagari.profil") or {}
    code = profile.get("kode", "")
    if len(code) != 10:
        raise FormErrors({"nik": "Isi kode wilayah nagari di Profil dulu untuk membuat nomor sementara."})
    return code


async def new_family(no_kk: str, wilayah_id: int | None, alamat: str, *, sementara: bool = False,
                     tanggal: date | None = None) -> int:
    if sementara:
        no_kk = await next_temporary(Keluarga.no_kk, await _village_code())
    else:
        no_kk = clean_number(no_kk)
        if errors := check_kk(no_kk).errors:
            raise FormErrors({"no_kk": errors[0]})
    if await Keluarga.exists().where(Keluarga.no_kk == no_kk).run():
        raise FormErrors({"no_kk": "Nomor KK ini sudah terdaftar; pilih keluarga itu sebagai tujuan."})
    rows = await Keluarga.insert(Keluarga(no_kk=no_kk, wilayah=wilayah_id, alamat=alamat)).returning(
        Keluarga.id).run()
    await RiwayatKK.insert(RiwayatKK(keluarga=rows[0]["id"], no_kk=no_kk, berlaku_sejak=tanggal or nagari_today(),
                                     alasan="KK baru")).run()
    return rows[0]["id"]


async def _check_head(keluarga_id: int, hubungan: int, exclude: int | None = None) -> None:
    heads = Penduduk.count().where((Penduduk.keluarga == keluarga_id) & (Penduduk.hubungan == HEAD)
                                   & (Penduduk.status_dasar == 1))
    if exclude is not None:
        heads = heads.where(Penduduk.id != exclude)
    count = await heads.run()
    if hubungan == HEAD and count:
        raise FormErrors({"hubungan": "Keluarga ini sudah punya kepala keluarga."})
    if hubungan != HEAD and not count:
        raise FormErrors({"hubungan": "Keluarga ini belum punya kepala keluarga; catat kepala keluarga dulu."})


async def register(data: dict, jenis: str, tanggal: date, family: dict, *, actor: dict, connection=None,
                   nik_sementara: bool = False, rincian: dict | None = None) -> int:
    """Put a person on the register. `family` is {"keluarga_id": id} or {"no_kk", "wilayah_id", "alamat",
    "kk_sementara"} for a new family card. A `pindah_masuk` of a NIK that moved away reactivates that record."""
    if jenis not in ARRIVING:
        raise ValueError(jenis)
    if tanggal > nagari_today():
        raise FormErrors({"tanggal_peristiwa": "Tanggal peristiwa tidak boleh di masa depan."})
    if jenis == "lahir":
        data = {**data, "tanggal_lahir": tanggal}
    async with write_transaction():
        if nik_sementara:
            data = {**data, "nik": await next_temporary(Penduduk.nik, await _village_code())}
        existing = await Penduduk.select(Penduduk.id, Penduduk.nama, Penduduk.status_dasar).where(
            Penduduk.nik == data["nik"]).first().run()
        if existing is not None and not (jenis == "pindah_masuk" and existing["status_dasar"] in (3, 6)):
            raise FormErrors({"nik": f"NIK ini sudah terdaftar atas nama {existing['nama']}."})
        if "keluarga_id" in family:
            keluarga_id = int(family["keluarga_id"])
            keluarga = await Keluarga.select().where(Keluarga.id == keluarga_id).first().run()
            if keluarga is None:
                raise FormErrors({"keluarga_id": "Keluarga tidak ditemukan."})
            await _check_head(keluarga_id, data["hubungan"], exclude=existing["id"] if existing else None)
        else:
            if data["hubungan"] != HEAD:
                raise FormErrors({"hubungan": "Orang pertama di KK baru harus kepala keluarga."})
            keluarga_id = await new_family(family.get("no_kk", ""), family.get("wilayah_id"),
                                           family.get("alamat", ""), sementara=bool(family.get("kk_sementara")),
                                           tanggal=tanggal)
            keluarga = await Keluarga.select().where(Keluarga.id == keluarga_id).first().run()
        values = {**data, "nama_cari": data["nama"].lower(), "keluarga": keluarga_id,
                  "wilayah": keluarga["wilayah"], "alamat": data.get("alamat") or keluarga["alamat"],
                  "status_dasar": 1}
        before = {}
        if existing is not None:  # someone who moved away comes back: same record, reactivated
            penduduk_id = existing["id"]
            old = await Penduduk.select().where(Penduduk.id == penduduk_id).first().run()
            before = {k: old[k] for k, v in values.items() if k in old and old[k] != v}
            await Penduduk.update(values).where(Penduduk.id == penduduk_id).run()
        else:
            rows = await Penduduk.insert(Penduduk(**values)).returning(Penduduk.id).run()
            penduduk_id = rows[0]["id"]
        resident = await Penduduk.select().where(Penduduk.id == penduduk_id).first().run()
        entry = await write_entry(jenis, resident, tanggal, actor=actor, keluarga_id=keluarga_id,
                                  rincian={**(rincian or {}), **({"kembali": True, "data_lama": before}
                                                                   if existing else {})})
        await log_change(connection, "buat" if existing is None else "ubah", "penduduk", penduduk_id,
                         {"peristiwa": entry, "jenis": jenis, "nik": data["nik"]}, user=actor)
    return penduduk_id
