"""Editing a list being prepared by hand: adding a resident, family, household or group with a reason (one, or
many at once from an import), removing an entry with a reason and undoing that, keeping a flagged entry with a
reason, and the recipient's card number (which may be filled in after approval too).

Only a list in "disusun" changes (the card number aside); each change records who made it in the entry's `oleh`,
which is what bars that user from approving the list (siklus.setujui).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime, timezone

from plugin_sdk import bulk_insert, log_change, write_transaction

from plugins.bantuan.galat import BantuanError
from plugins.bantuan.kode import DIAJUKAN, DISETUJUI
from plugins.bantuan.plugin import KELOLA
from plugins.bantuan.program import nama_pengguna, wajib_izin
from plugins.bantuan.siklus_baca import peserta_row, siklus_row
from plugins.bantuan.siklus_unit import Penghuni, Unit, jenis_kunci, penghuni, pesan_tidak_hidup, unit_kelompok
from plugins.bantuan.tables import PesertaBantuan, ProgramBantuan

__all__ = ["tambah", "tambah_banyak", "keluarkan", "batal_keluarkan", "pertahankan", "isi_kartu"]

ALASAN_MAKS = 300
KARTU_MAKS = 40
KELOMPOK_MAKS = 150
TIDAK_BERHAK = "Anda tidak berhak menyusun daftar penerima bantuan."


# --- shared by the list's services --------------------------------------------------------------------------------

def ke_json(data: dict | None) -> str:
    return json.dumps(data or {}, ensure_ascii=False, sort_keys=True, default=str)


def sekarang() -> datetime:
    return datetime.now(timezone.utc)


def audit_id(jenis: str, nomor: int) -> str:
    """The audit's object id: "siklus:3", "peserta:17"."""
    return f"{jenis}:{nomor}"


def wajib_disusun(siklus: dict) -> None:
    """Refuse a change to a list that is no longer being prepared."""
    if siklus["status"] == DIAJUKAN:
        raise BantuanError("Daftar ini sedang menunggu persetujuan dan tidak dapat diubah; mintalah pejabat yang "
                           "menyetujui mengembalikannya bila perlu diperbaiki.")
    if siklus["status"] == DISETUJUI:
        raise BantuanError("Daftar ini sudah disetujui dan dibekukan; perubahan dicatat pada siklus berikutnya.")


def alasan_wajib(alasan: str | None, field: str = "alasan", *, kata: str = "alasannya") -> str:
    teks = " ".join((alasan or "").split())
    if not teks:
        raise BantuanError(f"Tulis {kata}.", {field: f"Tulis {kata}."})
    if len(teks) > ALASAN_MAKS:
        raise BantuanError(f"Paling banyak {ALASAN_MAKS} huruf.", {field: f"Paling banyak {ALASAN_MAKS} huruf."})
    return teks


async def program_siklus(siklus: dict) -> dict:
    return await ProgramBantuan.select().where(ProgramBantuan.id == siklus["program"]).first().run()


async def data_units(kunci: list[str], *, hari_ini: date) -> dict[str, dict | None]:
    """The register's data of the units now (aturan.data_units); a group's data is its name."""
    from plugins.bantuan import aturan

    daftar = [k for k in kunci if jenis_kunci(k) != "g"]
    hasil = await aturan.data_units(daftar, hari_ini=hari_ini) if daftar else {}
    return {k: hasil.get(k) for k in daftar}


async def status_units(kunci: list[str]) -> dict[str, str]:
    """Each unit's flag now (aturan.status_units): "" or a kode.TANDA key; groups are never flagged."""
    from plugins.bantuan import aturan

    daftar = [k for k in kunci if jenis_kunci(k) != "g"]
    hasil = await aturan.status_units(daftar) if daftar else {}
    return {k: hasil.get(k, "") for k in daftar}


def baris_baru(siklus_id: int, unit: Unit, *, asal: str, alasan: str, data: dict, oleh: str, no_kartu: str = "",
               tanda: str = "") -> dict:
    """A new entry's columns for bulk_insert."""
    return {"siklus": siklus_id, "kunci": unit.kunci, "penduduk": unit.penduduk, "keluarga": unit.keluarga,
            "rumah_tangga": unit.rumah_tangga, "kelompok": unit.kelompok, "asal": asal, "alasan": alasan,
            "no_kartu": no_kartu, "data": ke_json(data), "tanda": tanda, "diubah": sekarang(), "oleh": oleh}


async def kunci_siklus(siklus_id: int) -> dict[str, dict]:
    rows = await PesertaBantuan.select(PesertaBantuan.id, PesertaBantuan.kunci, PesertaBantuan.keluar).where(
        PesertaBantuan.siklus == siklus_id).run()
    return {r["kunci"]: r for r in rows}


# --- adding by hand -----------------------------------------------------------------------------------------------

def _pesan_ganda(ada: dict) -> str:
    if ada["keluar"]:
        return "Sudah ada dalam daftar ini tetapi dikeluarkan; batalkan pengeluarannya bila perlu."
    return "Sudah ada dalam daftar ini."


async def _unit(isi: dict, sasaran: str, orang: Penghuni | None) -> Unit | str:
    """The unit one row names, or why it cannot be added."""
    nik_atau_kk = " ".join(str(isi.get("nik_atau_kk") or "").split())
    kelompok = " ".join(str(isi.get("kelompok") or "").split())
    if sasaran == "kelompok":
        if not kelompok:
            return "Tulis nama kelompok penerima."
        if len(kelompok) > KELOMPOK_MAKS:
            return f"Nama kelompok paling banyak {KELOMPOK_MAKS} huruf."
        return unit_kelompok(kelompok)
    if not nik_atau_kk:
        return "Tulis NIK atau No. KK penerima."
    hasil = orang.unit(nik_atau_kk, sasaran)
    if isinstance(hasil, str) and hasil.startswith("Tidak ada penduduk hidup"):
        return await pesan_tidak_hidup(nik_atau_kk) or hasil
    return hasil


async def _siapkan(request, siklus_id: int, baris: list[dict], *, sumber: str,
                   hari_ini: date) -> tuple[list, dict, str]:
    """Every row checked: the new entries' columns, the refusals by row number (1-based), the program's target."""
    await wajib_izin(request, KELOLA, TIDAK_BERHAK)
    siklus = await siklus_row(siklus_id)
    wajib_disusun(siklus)
    sasaran = (await program_siklus(siklus))["sasaran"]
    orang = await penghuni() if sasaran != "kelompok" else None
    ada = await kunci_siklus(siklus_id)
    galat: dict[str, str] = {}
    units: dict[int, tuple[Unit, dict]] = {}
    dilihat: dict[str, int] = {}
    for n, isi in enumerate(baris, start=1):
        unit = await _unit(isi, sasaran, orang)
        alasan = " ".join(str(isi.get("alasan") or "").split()) or sumber
        kartu = " ".join(str(isi.get("no_kartu") or "").split())
        if isinstance(unit, str):
            galat[f"baris-{n}"] = unit
        elif unit.kunci in ada:
            galat[f"baris-{n}"] = _pesan_ganda(ada[unit.kunci])
        elif unit.kunci in dilihat:
            galat[f"baris-{n}"] = f"Penerima yang sama dengan baris {dilihat[unit.kunci]}."
        elif not alasan:
            galat[f"baris-{n}"] = "Tulis alasan penerima ini ditambahkan."
        elif len(alasan) > ALASAN_MAKS or len(kartu) > KARTU_MAKS:
            galat[f"baris-{n}"] = f"Alasan paling banyak {ALASAN_MAKS} huruf, nomor kartu {KARTU_MAKS}."
        else:
            dilihat[unit.kunci] = n
            units[n] = (unit, {"alasan": alasan, "no_kartu": kartu})
    data = await data_units([u.kunci for u, _ in units.values()], hari_ini=hari_ini)
    oleh = await nama_pengguna(request)
    baru = []
    for n, (unit, isi) in units.items():
        if unit.kelompok:
            snap = {"nama": unit.kelompok, "kelompok": unit.kelompok}
        elif data.get(unit.kunci) is None:
            galat[f"baris-{n}"] = "Tidak ada penduduk hidup dengan NIK atau No. KK ini di register."
            continue
        else:
            snap = data[unit.kunci]
            unit = replace(unit, penduduk=snap.get("penduduk_id") or unit.penduduk)
        baru.append(baris_baru(siklus_id, unit, asal="manual", alasan=isi["alasan"], data=snap, oleh=oleh,
                               no_kartu=isi["no_kartu"]))
    return baru, dict(sorted(galat.items(), key=lambda kv: int(kv[0].split("-")[1]))), sasaran


async def _tulis(request, siklus_id: int, baru: list[dict], rincian: dict) -> None:
    async with write_transaction():
        await bulk_insert(PesertaBantuan, baru, analyze=False)
        await log_change(request, "tambah_peserta", "bantuan", audit_id("siklus", siklus_id),
                         {**rincian, "peserta": [{"kunci": b["kunci"], "alasan": b["alasan"]} for b in baru]})


async def tambah(request, siklus_id: int, *, nik_atau_kk: str = "", kelompok: str = "", alasan: str,
                 hari_ini: date) -> int:
    """Add one entry by hand with its reason: a living resident's NIK, or a No. KK (its family, or its household
    for household programs), or a group's name. Returns the entry's id. Raises BantuanError (field
    "nik_atau_kk", "kelompok" or "alasan"), adding nothing."""
    alasan = alasan_wajib(alasan, kata="alasan penerima ini ditambahkan")
    baru, galat, sasaran = await _siapkan(request, siklus_id, [{"nik_atau_kk": nik_atau_kk, "kelompok": kelompok,
                                                                "alasan": alasan}], sumber="", hari_ini=hari_ini)
    if galat:
        pesan = galat["baris-1"]
        raise BantuanError(pesan, {"kelompok" if sasaran == "kelompok" else "nik_atau_kk": pesan})
    await _tulis(request, siklus_id, baru, {"cara": "manual"})
    row = await PesertaBantuan.select(PesertaBantuan.id).where(
        (PesertaBantuan.siklus == siklus_id) & (PesertaBantuan.kunci == baru[0]["kunci"])).first().run()
    return row["id"]


async def tambah_banyak(request, siklus_id: int, baris: list[dict], *, sumber: str, hari_ini: date) -> int:
    """Add many entries at once (an import): each row {nik_atau_kk, kelompok, alasan, no_kartu}; a row without a
    reason gets `sumber` (e.g. "Impor dari OpenSID: peserta.xlsx"). All or nothing: any refused row raises
    BantuanError with `galat` {"baris-{n}": why} (n from 1). Returns how many were added."""
    if not baris:
        raise BantuanError("Tidak ada baris untuk ditambahkan.")
    sumber = " ".join((sumber or "").split())[:ALASAN_MAKS]
    baru, galat, _ = await _siapkan(request, siklus_id, baris, sumber=sumber, hari_ini=hari_ini)
    if galat:
        raise BantuanError(f"{len(galat)} dari {len(baris)} baris tidak dapat ditambahkan; belum ada yang "
                           "disimpan.", galat)
    await _tulis(request, siklus_id, baru, {"cara": "banyak", "sumber": sumber, "jumlah": len(baru)})
    return len(baru)


# --- decisions on one entry ---------------------------------------------------------------------------------------

async def _entri_disusun(request, peserta_id: int) -> dict:
    await wajib_izin(request, KELOLA, TIDAK_BERHAK)
    entri = await peserta_row(peserta_id)
    wajib_disusun(await siklus_row(entri["siklus"]))
    return entri


async def _ubah(request, entri: dict, aksi: str, isi: dict, rincian: dict) -> None:
    oleh = await nama_pengguna(request)
    async with write_transaction():
        await PesertaBantuan.update({**{getattr(PesertaBantuan, k): v for k, v in isi.items()},
                                     PesertaBantuan.diubah: sekarang(), PesertaBantuan.oleh: oleh}).where(
            PesertaBantuan.id == entri["id"]).run()
        await log_change(request, aksi, "bantuan", audit_id("peserta", entri["id"]),
                         {"siklus": entri["siklus"], "kunci": entri["kunci"], **rincian})


async def keluarkan(request, peserta_id: int, alasan: str) -> None:
    """Take an entry off the list being prepared, with the reason (it stays visible as removed)."""
    alasan = alasan_wajib(alasan, kata="alasan penerima ini dikeluarkan")
    entri = await _entri_disusun(request, peserta_id)
    if entri["keluar"]:
        raise BantuanError("Penerima ini sudah dikeluarkan dari daftar.")
    await _ubah(request, entri, "keluarkan_peserta", {"keluar": True, "alasan_keluar": alasan}, {"alasan": alasan})


async def batal_keluarkan(request, peserta_id: int) -> None:
    """Put a removed entry back on the list being prepared; its flag is read again from the register."""
    entri = await _entri_disusun(request, peserta_id)
    if not entri["keluar"]:
        raise BantuanError("Penerima ini masih ada dalam daftar.")
    tanda = (await status_units([entri["kunci"]])).get(entri["kunci"], "")
    isi = {"keluar": False, "alasan_keluar": "", "tanda": tanda}
    if tanda != entri["tanda"]:
        isi["tanda_alasan"] = ""
    await _ubah(request, entri, "batal_keluarkan_peserta", isi,
                {"alasan_keluar_lama": entri["alasan_keluar"], "tanda": tanda})


async def pertahankan(request, peserta_id: int, alasan: str) -> None:
    """Keep a flagged entry (e.g. the widow receives for the family) with the reason, so the list can be
    submitted."""
    alasan = alasan_wajib(alasan, kata="alasan penerima ini tetap dipertahankan")
    entri = await _entri_disusun(request, peserta_id)
    if entri["keluar"]:
        raise BantuanError("Penerima ini sudah dikeluarkan dari daftar.")
    if not entri["tanda"]:
        raise BantuanError("Penerima ini tidak bertanda; tidak perlu dipertahankan.")
    await _ubah(request, entri, "pertahankan_peserta", {"tanda_alasan": alasan},
                {"tanda": entri["tanda"], "alasan": alasan})


async def isi_kartu(request, peserta_id: int, no_kartu: str) -> None:
    """Write (or clear) the recipient's card number: also after approval, as cards often arrive later."""
    await wajib_izin(request, KELOLA, TIDAK_BERHAK)
    kartu = " ".join((no_kartu or "").split())
    if len(kartu) > KARTU_MAKS:
        raise BantuanError(f"Nomor kartu paling banyak {KARTU_MAKS} huruf.",
                           {"no_kartu": f"Paling banyak {KARTU_MAKS} huruf."})
    entri = await peserta_row(peserta_id)
    if kartu == entri["no_kartu"]:
        return
    await _ubah(request, entri, "isi_kartu", {"no_kartu": kartu}, {"no_kartu": [entri["no_kartu"], kartu]})

