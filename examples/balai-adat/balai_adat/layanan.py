"""Writes to the adat registry (suku, kaum, penghulu and the KAN), shared by the pages and the tests.

Every function checks the whole form first and raises `GalatIsian` ({field: message in Bahasa Indonesia}) before
writing anything; the checks that read the database run inside the same write transaction as the write, so two
clerks cannot both add "Piliang". Each write is logged with `log_change` in that transaction.
"""

from __future__ import annotations

from datetime import date

from piccolo.columns.combination import WhereRaw

from plugin_sdk import log_change, register, today, write_transaction

from balai_adat.tables import Kaum, Penghulu, Suku, SukuWarga, SuratSuku
from balai_adat.ulayat.tables import TanahUlayat

JABATAN_KAN = {"": "Bukan anggota KAN", "anggota": "Anggota", "ketua": "Ketua", "wakil_ketua": "Wakil ketua",
               "sekretaris": "Sekretaris", "bendahara": "Bendahara"}
TUNGGAL = ("ketua", "wakil_ketua", "sekretaris", "bendahara")  # held by one penghulu at a time


class GalatIsian(ValueError):
    """Bad input: `galat` maps a field (or "hapus") to its message. Nothing was written."""

    def __init__(self, galat: dict[str, str]):
        super().__init__("; ".join(galat.values()))
        self.galat = galat


def _teks(data: dict, kunci: str, label: str, batas: int, galat: dict, wajib: bool = False) -> str:
    nilai = " ".join(str(data.get(kunci, "")).split())
    if wajib and not nilai:
        galat[kunci] = f"{label} wajib diisi."
    elif len(nilai) > batas:
        galat[kunci] = f"{label} terlalu panjang (paling banyak {batas} huruf)."
    return nilai


def _sama(kolom: str, nilai: str) -> WhereRaw:
    return WhereRaw(f"lower({kolom}) = lower({{}})", nilai)


async def simpan_suku(request, data: dict, suku_id: int | None = None) -> int:
    """Add a suku (with its penghulu's title when given) or rename/describe one. Returns its id."""
    galat: dict[str, str] = {}
    nama = _teks(data, "nama", "Nama suku", 80, galat, wajib=True)
    keterangan = _teks(data, "keterangan", "Keterangan", 500, galat)
    gelar = _teks(data, "penghulu", "Gelar penghulu", 120, galat) if suku_id is None else ""
    async with write_transaction():
        if "nama" not in galat:
            sama = Suku.exists().where(_sama("nama", nama))
            if suku_id is not None:
                sama = sama.where(Suku.id != suku_id)
            if await sama.run():
                galat["nama"] = f"Suku {nama} sudah terdaftar."
        if galat:
            raise GalatIsian(galat)
        if suku_id is None:
            suku_id = (await Suku.insert(Suku(nama=nama, keterangan=keterangan)).returning(Suku.id).run())[0]["id"]
            await log_change(request, "buat", "adat.suku", suku_id, {"nama": nama, "keterangan": keterangan})
            if gelar:
                await _tambah_penghulu(request, {"gelar": gelar, "suku": suku_id, "kaum": None, "penduduk": None,
                                                 "sejak": None, "jabatan_kan": ""})
        else:
            await Suku.update({Suku.nama: nama, Suku.keterangan: keterangan}).where(Suku.id == suku_id).run()
            await log_change(request, "ubah", "adat.suku", suku_id, {"nama": nama, "keterangan": keterangan})
    return suku_id


async def hapus_suku(request, suku_id: int) -> str:
    """Remove a suku nothing refers to. Returns its name."""
    async with write_transaction():
        suku = await Suku.select(Suku.nama).where(Suku.id == suku_id).first().run()
        if suku is None:
            raise GalatIsian({"hapus": "Suku tidak ditemukan."})
        dipakai = [f"{n} {apa}" for n, apa in (
            (await Kaum.count().where(Kaum.suku == suku_id).run(), "kaum"),
            (await Penghulu.count().where(Penghulu.suku == suku_id).run(), "penghulu"),
            (await SukuWarga.count().where(SukuWarga.suku == suku_id).run(), "warga"),
            (await SuratSuku.count().where(SuratSuku.suku == suku_id).run(), "surat tercatat"),
            (await TanahUlayat.count().where(TanahUlayat.suku == suku_id).run(), "tanah ulayat")) if n]
        if dipakai:
            raise GalatIsian({"hapus": f"Suku {suku['nama']} tidak dapat dihapus: masih dipakai "
                                       f"{', '.join(dipakai)}."})
        await _hapus(Suku, suku_id, f"Suku {suku['nama']}")
        await log_change(request, "hapus", "adat.suku", suku_id, {"nama": suku["nama"]})
    return suku["nama"]


async def _hapus(tabel, baris_id: int, apa: str) -> None:
    """Delete one row; a row another table still points at (tanah ulayat, ...) is refused by the database."""
    try:
        await tabel.delete().where(tabel.id == baris_id).run()
    except Exception as exc:  # the foreign key's refusal: its class differs between SQLite and PostgreSQL
        raise GalatIsian({"hapus": f"{apa} tidak dapat dihapus: masih dipakai data lain."}) from exc


async def simpan_kaum(request, suku_id: int, data: dict, kaum_id: int | None = None) -> int:
    """Add a kaum to a suku or change one. Its name is unique within the suku."""
    galat: dict[str, str] = {}
    nama = _teks(data, "nama", "Nama kaum", 80, galat, wajib=True)
    keterangan = _teks(data, "keterangan", "Keterangan", 500, galat)
    async with write_transaction():
        if "nama" not in galat:
            sama = Kaum.exists().where((Kaum.suku == suku_id) & _sama("nama", nama))
            if kaum_id is not None:
                sama = sama.where(Kaum.id != kaum_id)
            if await sama.run():
                galat["nama"] = f"Kaum {nama} sudah ada di suku ini."
        if galat:
            raise GalatIsian(galat)
        rincian = {"nama": nama, "suku": suku_id, "keterangan": keterangan}
        if kaum_id is None:
            kaum_id = (await Kaum.insert(Kaum(nama=nama, suku=suku_id, keterangan=keterangan)).returning(
                Kaum.id).run())[0]["id"]
            await log_change(request, "buat", "adat.kaum", kaum_id, rincian)
        else:
            await Kaum.update({Kaum.nama: nama, Kaum.keterangan: keterangan}).where(Kaum.id == kaum_id).run()
            await log_change(request, "ubah", "adat.kaum", kaum_id, rincian)
    return kaum_id


async def hapus_kaum(request, kaum_id: int) -> dict:
    """Remove a kaum no penghulu and no resident belongs to. Returns {"nama", "suku"}."""
    async with write_transaction():
        kaum = await Kaum.select(Kaum.nama, Kaum.suku).where(Kaum.id == kaum_id).first().run()
        if kaum is None:
            raise GalatIsian({"hapus": "Kaum tidak ditemukan."})
        dipakai = [f"{n} {apa}" for n, apa in (
            (await Penghulu.count().where(Penghulu.kaum == kaum_id).run(), "penghulu"),
            (await SukuWarga.count().where(SukuWarga.kaum == kaum_id).run(), "warga"),
            (await TanahUlayat.count().where(TanahUlayat.kaum == kaum_id).run(), "tanah ulayat")) if n]
        if dipakai:
            raise GalatIsian({"hapus": f"Kaum {kaum['nama']} tidak dapat dihapus: masih dipakai "
                                       f"{', '.join(dipakai)}."})
        await _hapus(Kaum, kaum_id, f"Kaum {kaum['nama']}")
        await log_change(request, "hapus", "adat.kaum", kaum_id, {"nama": kaum["nama"], "suku": kaum["suku"]})
    return kaum


async def _isian_penghulu(suku_id: int, data: dict, penghulu_id: int | None) -> dict:
    """The penghulu form checked: the values to store, or GalatIsian. Call inside the write transaction."""
    galat: dict[str, str] = {}
    gelar = _teks(data, "gelar", "Gelar", 120, galat, wajib=True)
    lain = Penghulu.id != (penghulu_id or 0)
    if "gelar" not in galat and await Penghulu.exists().where(
            (Penghulu.suku == suku_id) & _sama("gelar", gelar) & lain).run():
        galat["gelar"] = f"Gelar {gelar} sudah ada di suku ini."
    kaum = None
    if (teks := str(data.get("kaum", "")).strip()):
        kaum = int(teks) if teks.isdigit() else 0
        if not await Kaum.exists().where((Kaum.id == kaum) & (Kaum.suku == suku_id)).run():
            galat["kaum"] = "Pilih kaum dari suku ini."
        elif other := await Penghulu.select(Penghulu.gelar).where((Penghulu.kaum == kaum) & lain).first().run():
            galat["kaum"] = f"Kaum ini sudah dipimpin {other['gelar']}."
    penduduk = None
    if (nik := "".join(str(data.get("nik", "")).split())):
        if not (nik.isdigit() and len(nik) == 16):
            galat["nik"] = "NIK harus 16 angka."
        elif (penduduk := await register.by_nik(nik)) is None:
            galat["nik"] = "Tidak ada penduduk dengan NIK ini di register."
    sejak = None
    if (teks := str(data.get("sejak", "")).strip()):
        try:
            sejak = date.fromisoformat(teks)
        except ValueError:
            galat["sejak"] = "Tanggal tidak sah; tulis seperti 2020-05-17."
        else:
            if sejak > today(await register.stored_profile()):
                galat["sejak"] = "Tanggal tidak boleh sesudah hari ini."
    jabatan = str(data.get("jabatan_kan", "")).strip()
    if jabatan not in JABATAN_KAN:
        galat["jabatan_kan"] = "Pilih jabatan di KAN dari daftar."
    elif jabatan in TUNGGAL and (other := await Penghulu.select(Penghulu.gelar).where(
            (Penghulu.jabatan_kan == jabatan) & lain).first().run()):
        galat["jabatan_kan"] = f"{JABATAN_KAN[jabatan]} KAN sudah dijabat {other['gelar']}."
    if galat:
        raise GalatIsian(galat)
    return {"gelar": gelar, "suku": suku_id, "kaum": kaum, "penduduk": penduduk, "sejak": sejak,
            "jabatan_kan": jabatan}


async def _tambah_penghulu(request, nilai: dict) -> int:
    baris = await Penghulu.insert(Penghulu(**nilai)).returning(Penghulu.id).run()
    await log_change(request, "buat", "adat.penghulu", baris[0]["id"], _log(nilai))
    return baris[0]["id"]


def _log(nilai: dict) -> dict:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in nilai.items()}


async def simpan_penghulu(request, suku_id: int, data: dict, penghulu_id: int | None = None) -> int:
    """Add a penghulu to a suku or change one (title, kaum, holder by NIK, since when, role in the KAN)."""
    async with write_transaction():
        nilai = await _isian_penghulu(suku_id, data, penghulu_id)
        if penghulu_id is None:
            return await _tambah_penghulu(request, nilai)
        await Penghulu.update({getattr(Penghulu, k): v for k, v in nilai.items()}).where(
            Penghulu.id == penghulu_id).run()
        await log_change(request, "ubah", "adat.penghulu", penghulu_id, _log(nilai))
    return penghulu_id


async def hapus_penghulu(request, penghulu_id: int) -> dict:
    """Remove a penghulu (a title no longer carried); refused while other data points at it."""
    async with write_transaction():
        row = await Penghulu.select(Penghulu.gelar, Penghulu.suku).where(Penghulu.id == penghulu_id).first().run()
        if row is None:
            raise GalatIsian({"hapus": "Penghulu tidak ditemukan."})
        await _hapus(Penghulu, penghulu_id, row["gelar"])
        await log_change(request, "hapus", "adat.penghulu", penghulu_id, row)
    return row
