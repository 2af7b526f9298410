"""Every write of the APB Desa's versions, activities and lines (realisation: layanan_realisasi.py, re-exported here).

Each function is one user action: it checks everything first (periksa.py), then writes in one write transaction
with its audit entry (and `public_changed()` when the public pages could change), so bad input changes nothing.
Problems are raised as `KeuanganError`, with per-field or per-row messages in `.galat` for a form or a pasted table.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from plugin_sdk import bulk_insert, log_change, public_changed, write_transaction

from plugins.keuangan.kode import normal_kegiatan, periksa_kegiatan
from plugins.keuangan.layanan_realisasi import catat_realisasi, ganti_realisasi_impor, hapus_realisasi, lebih_anggaran
from plugins.keuangan.periksa import (KeuanganError, ada_realisasi, baca_tanggal, boleh_diubah, cek_tahun,
                                      kegiatan_versi, nama_pos, periksa_baris, periksa_semua, pesan_pos_hilang,
                                      pos_terealisasi_tanpa_baris, sudah_diubah, teks, versi_apbdes)
from plugins.keuangan.tables import BERLAKU, DIGANTI, DRAF, MANUAL, Apbdes, BarisAnggaran, Kegiatan

__all__ = ["KeuanganError", "buat_apbdes", "buat_perubahan", "tetapkan", "hapus_apbdes", "simpan_kegiatan",
           "periksa_baris", "periksa_banyak", "simpan_baris", "simpan_banyak", "hapus_baris", "catat_realisasi",
           "hapus_realisasi", "ganti_realisasi_impor", "lebih_anggaran", "nama_versi", "pos_terealisasi_tanpa_baris",
           "pesan_pos_hilang"]

BANYAK = 100  # more replaced lines than this in one paste or import are deleted and inserted again
_ROMAWI = ["", "", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def nama_versi(tahun: int, versi: int) -> str:
    """ "APB Desa 2026", "APB Desa Perubahan 2026", "APB Desa Perubahan II 2026", ..."""
    if versi <= 1:
        return f"APB Desa {tahun}"
    ke = _ROMAWI[versi - 1] if versi - 1 < len(_ROMAWI) else str(versi - 1)
    return f"APB Desa Perubahan {ke + ' ' if ke else ''}{tahun}"


# --- versions ---------------------------------------------------------------------------------------------------

async def buat_apbdes(request, tahun: int, *, nama: str | None = None) -> int:
    """A new draft APB Desa (versi 1) for a year that has none yet."""
    tahun = cek_tahun(tahun)
    galat: dict[str, str] = {}
    nama = teks(nama, 120, "Nama", galat, "nama") or nama_versi(tahun, 1)
    if galat:
        raise KeuanganError(galat)
    async with write_transaction():
        if await Apbdes.exists().where(Apbdes.tahun == tahun).run():
            raise KeuanganError(f"APB Desa tahun {tahun} sudah ada; untuk mengubahnya buat APB Desa Perubahan.")
        baru = await Apbdes.insert(Apbdes(tahun=tahun, versi=1, nama=nama, status=DRAF, sumber=MANUAL)).run()
        apbdes_id = baru[0]["id"]
        await log_change(request, "buat", "keuangan.apbdes", apbdes_id, {"tahun": tahun, "nama": nama})
    return apbdes_id


async def buat_perubahan(request, tahun: int) -> int:
    """A draft Perubahan copying the activities and lines of the version in force."""
    tahun = cek_tahun(tahun)
    async with write_transaction():
        rows = await Apbdes.select().where(Apbdes.tahun == tahun).run()
        if any(r["status"] == DRAF for r in rows):
            raise KeuanganError(f"Masih ada rancangan APB Desa {tahun}; tetapkan atau hapus rancangan itu dulu.")
        berlaku = next((r for r in rows if r["status"] == BERLAKU), None)
        if berlaku is None:
            raise KeuanganError(f"Belum ada APB Desa {tahun} yang berlaku untuk diubah.")
        versi = max(r["versi"] for r in rows) + 1
        nama = nama_versi(tahun, versi)
        baru = await Apbdes.insert(Apbdes(tahun=tahun, versi=versi, nama=nama, status=DRAF, sumber=MANUAL)).run()
        apbdes_id = baru[0]["id"]
        await Kegiatan.raw("INSERT INTO keuangan_kegiatan (apbdes, kode, nama) SELECT {}, kode, nama "
                           "FROM keuangan_kegiatan WHERE apbdes = {}", apbdes_id, berlaku["id"]).run()
        await BarisAnggaran.raw(
            "INSERT INTO keuangan_baris (apbdes, kegiatan, akun, uraian, anggaran, sumber_dana) "
            "SELECT {}, kegiatan, akun, uraian, anggaran, sumber_dana FROM keuangan_baris WHERE apbdes = {}",
            apbdes_id, berlaku["id"]).run()
        await log_change(request, "buat", "keuangan.apbdes", apbdes_id,
                         {"tahun": tahun, "nama": nama, "dari": berlaku["id"]})
    return apbdes_id


async def tetapkan(request, apbdes_id: int, *, berlaku_sejak: date | str, nomor_perdes: str = "") -> None:
    """The draft comes into force from `berlaku_sejak`; the version in force until then is kept as replaced."""
    galat: dict[str, str] = {}
    nomor = teks(nomor_perdes, 80, "Nomor Perdes", galat, "nomor_perdes")
    sejak = baca_tanggal(berlaku_sejak)
    async with write_transaction():
        versi = await versi_apbdes(apbdes_id)
        if versi["status"] != DRAF:
            raise KeuanganError("Hanya rancangan yang dapat ditetapkan.")
        tahun = versi["tahun"]
        lama = await Apbdes.select().where((Apbdes.tahun == tahun) & (Apbdes.status == BERLAKU)).first().run()
        if sejak is None:
            galat["berlaku_sejak"] = "Isi tanggal berlaku dengan benar."
        elif not date(tahun - 1, 1, 1) <= sejak <= date(tahun + 1, 12, 31):
            galat["berlaku_sejak"] = f"Tanggal berlaku harus antara 1 Januari {tahun - 1} dan 31 Desember {tahun + 1}."
        elif lama and lama["berlaku_sejak"] and sejak < lama["berlaku_sejak"]:
            galat["berlaku_sejak"] = (f"Tanggal berlaku tidak boleh sebelum {lama['berlaku_sejak']:%d-%m-%Y}, "
                                      f"tanggal berlakunya {lama['nama']}.")
        if galat:
            raise KeuanganError(galat)
        if not await BarisAnggaran.exists().where(BarisAnggaran.apbdes == apbdes_id).run():
            raise KeuanganError("Rancangan ini belum berisi baris anggaran; isi dulu sebelum ditetapkan.")
        # a line dropped from the draft while money was recorded on its pos in the meantime would vanish
        pos = {(r["kegiatan"], r["akun"]) for r in await BarisAnggaran.select(
            BarisAnggaran.kegiatan, BarisAnggaran.akun).where(BarisAnggaran.apbdes == apbdes_id).run()}
        if hilang := await pos_terealisasi_tanpa_baris(tahun, pos):
            raise KeuanganError(pesan_pos_hilang(hilang))
        if lama:  # first: at most one version in force (unique index)
            await Apbdes.update({Apbdes.status: DIGANTI}).where(Apbdes.id == lama["id"]).run()
        await Apbdes.update({Apbdes.status: BERLAKU, Apbdes.berlaku_sejak: sejak, Apbdes.nomor_perdes: nomor,
                             Apbdes.diubah: datetime.now(timezone.utc)}).where(Apbdes.id == apbdes_id).run()
        await log_change(request, "tetapkan", "keuangan.apbdes", apbdes_id,
                         {"tahun": tahun, "berlaku_sejak": sejak.isoformat(), "nomor_perdes": nomor,
                          "mengganti": lama["id"] if lama else None})
        await public_changed()


async def hapus_apbdes(request, apbdes_id: int) -> None:
    """Drop a draft (a version that was in force is kept for the record)."""
    async with write_transaction():
        versi = await versi_apbdes(apbdes_id)
        if versi["status"] != DRAF:
            raise KeuanganError("Hanya rancangan yang dapat dihapus; APB Desa yang pernah berlaku tetap disimpan.")
        await BarisAnggaran.delete().where(BarisAnggaran.apbdes == apbdes_id).run()
        await Kegiatan.delete().where(Kegiatan.apbdes == apbdes_id).run()
        await Apbdes.delete().where(Apbdes.id == apbdes_id).run()
        await log_change(request, "hapus", "keuangan.apbdes", apbdes_id, {"tahun": versi["tahun"],
                                                                          "nama": versi["nama"]})


# --- activities and lines ---------------------------------------------------------------------------------------

async def simpan_kegiatan(request, apbdes_id: int, kode: str, nama: str) -> None:
    """Add an activity to a version, or rename it."""
    kode = normal_kegiatan(kode)
    galat: dict[str, str] = {}
    if masalah := periksa_kegiatan(kode):
        galat["kode"] = masalah
    nama = teks(nama, 250, "Nama kegiatan", galat, "nama")
    if not nama:
        galat["nama"] = "Nama kegiatan wajib diisi."
    if galat:
        raise KeuanganError(galat)
    async with write_transaction():
        versi = await versi_apbdes(apbdes_id)
        boleh_diubah(versi)
        ada = await Kegiatan.select().where((Kegiatan.apbdes == apbdes_id) & (Kegiatan.kode == kode)).first().run()
        if ada:
            await Kegiatan.update({Kegiatan.nama: nama}).where(Kegiatan.id == ada["id"]).run()
        else:
            await Kegiatan.insert(Kegiatan(apbdes=apbdes_id, kode=kode, nama=nama)).run()
        await log_change(request, "ubah" if ada else "buat", "keuangan.kegiatan", f"{apbdes_id}/{kode}",
                         {"nama": [ada["nama"], nama] if ada else nama})
        await sudah_diubah(versi)


async def _simpan_kegiatan_baru(request, apbdes_id: int, ada: dict[str, str], baris: list[dict]) -> dict[str, str]:
    """Activities named by the lines: new ones created (returned, for the lines' audit entry), a changed name kept
    (the operator typed it) and audited as a rename."""
    baru: dict[str, str] = {}
    for b in baris:
        kode, nama = b["kegiatan"], b["kegiatan_nama"]
        if not kode or not nama or ada.get(kode, baru.get(kode)) == nama:
            continue
        if kode in ada:
            await Kegiatan.update({Kegiatan.nama: nama}).where(
                (Kegiatan.apbdes == apbdes_id) & (Kegiatan.kode == kode)).run()
            await log_change(request, "ubah", "keuangan.kegiatan", f"{apbdes_id}/{kode}", {"nama": [ada[kode], nama]})
            ada[kode] = nama
        else:
            baru[kode] = nama
    await bulk_insert(Kegiatan, [{"apbdes": apbdes_id, "kode": k, "nama": n} for k, n in baru.items()])
    ada.update(baru)
    return baru


def _kunci_pos(kegiatan: str, akun: str) -> str:
    return f"{kegiatan}/{akun}" if kegiatan else akun


async def simpan_baris(request, apbdes_id: int, data: dict, *, baris_id: int | None = None) -> int:
    """Add a line to a version (or correct line `baris_id`); returns the line's id."""
    async with write_transaction():
        versi = await versi_apbdes(apbdes_id)
        boleh_diubah(versi)
        ada = await kegiatan_versi(apbdes_id)
        baris, galat = periksa_baris(data, set(ada))
        lama = None
        if baris_id is not None:
            lama = await BarisAnggaran.select().where((BarisAnggaran.id == baris_id)
                                                      & (BarisAnggaran.apbdes == apbdes_id)).first().run()
            if lama is None:
                raise KeuanganError("Baris anggaran itu tidak ditemukan.")
        if not galat:
            kembar = await BarisAnggaran.select(BarisAnggaran.id).where(
                (BarisAnggaran.apbdes == apbdes_id) & (BarisAnggaran.kegiatan == baris["kegiatan"])
                & (BarisAnggaran.akun == baris["akun"])).first().run()
            if kembar and kembar["id"] != baris_id:
                galat["akun"] = f"Baris untuk {nama_pos(baris['kegiatan'], baris['akun'])} sudah ada; ubah baris itu."
            elif lama and (lama["kegiatan"], lama["akun"]) != (baris["kegiatan"], baris["akun"]) \
                    and await ada_realisasi(versi["tahun"], lama["kegiatan"], lama["akun"]):
                galat["akun"] = ("Kegiatan dan rekening baris ini tidak dapat diganti karena sudah ada realisasinya; "
                                 "tambahkan baris baru bila perlu.")
        if galat:
            raise KeuanganError(galat)
        kegiatan_baru = await _simpan_kegiatan_baru(request, apbdes_id, ada, [baris])
        isi = {k: baris[k] for k in ("kegiatan", "akun", "uraian", "anggaran", "sumber_dana")}
        if lama is None:
            baru = await BarisAnggaran.insert(BarisAnggaran(apbdes=apbdes_id, **isi)).run()
            baris_id = baru[0]["id"]
            rincian = dict(isi)
        else:
            await BarisAnggaran.update(isi).where(BarisAnggaran.id == baris_id).run()
            rincian = {k: [lama[k], v] for k, v in isi.items() if lama[k] != v}
        if kegiatan_baru:
            rincian["kegiatan_baru"] = kegiatan_baru
        if versi["status"] == BERLAKU:
            rincian["koreksi_versi_berlaku"] = True
        await log_change(request, "buat" if lama is None else "ubah", "keuangan.baris", baris_id,
                         {"apbdes": apbdes_id, **rincian})
        await sudah_diubah(versi)
    return baris_id


async def periksa_banyak(apbdes_id: int, baris: list[dict]) -> dict[str, str]:
    """The checks of `simpan_banyak` without writing: problems keyed "baris N" (1-based), {} when all is well."""
    boleh_diubah(await versi_apbdes(apbdes_id))
    galat, _ = periksa_semua(baris, set(await kegiatan_versi(apbdes_id)))
    return galat


async def simpan_banyak(request, apbdes_id: int, baris: list[dict]) -> int:
    """Many lines at once (a pasted table): all saved or none. A line for a pos the version already has replaces
    it. Returns the number of lines saved."""
    if not baris:
        raise KeuanganError("Tidak ada baris untuk disimpan.")
    async with write_transaction():
        versi = await versi_apbdes(apbdes_id)
        boleh_diubah(versi)
        ada = await kegiatan_versi(apbdes_id)
        galat, bersih = periksa_semua(baris, set(ada))
        if galat:
            raise KeuanganError(galat)
        kegiatan_baru = await _simpan_kegiatan_baru(request, apbdes_id, ada, bersih)
        lama = {(r["kegiatan"], r["akun"]): r for r in await BarisAnggaran.select().where(
            BarisAnggaran.apbdes == apbdes_id).run()}
        kolom = ("kegiatan", "akun", "uraian", "anggaran", "sumber_dana")
        baru, ganti, diubah = [], [], {}
        for b in bersih:
            isi = {k: b[k] for k in kolom}
            sebelum = lama.get((b["kegiatan"], b["akun"]))
            if sebelum is None:
                baru.append({"apbdes": apbdes_id, **isi})
            elif any(sebelum[k] != isi[k] for k in kolom):
                ganti.append((sebelum["id"], isi))
                diubah[_kunci_pos(b["kegiatan"], b["akun"])] = {k: [sebelum[k], isi[k]] for k in kolom
                                                                if sebelum[k] != isi[k]}
        # compact audit: each changed pos with only its changed fields; new lines listed when the public sees them
        rincian = {"baris": len(bersih), "baru": len(baru), "diganti": len(ganti),
                   "koreksi_versi_berlaku": versi["status"] == BERLAKU, "diubah": diubah}
        if versi["status"] == BERLAKU:
            rincian["ditambah"] = {_kunci_pos(b["kegiatan"], b["akun"]): b["anggaran"] for b in baru}
        if kegiatan_baru:
            rincian["kegiatan_baru"] = kegiatan_baru
        if len(ganti) > BANYAK:  # a re-import: deleting and inserting again beats thousands of UPDATEs
            for awal in range(0, len(ganti), 500):
                await BarisAnggaran.delete().where(BarisAnggaran.id.is_in([i for i, _ in ganti[awal:awal + 500]])).run()
            baru += [{"apbdes": apbdes_id, **isi} for _, isi in ganti]
        else:
            for baris_id, isi in ganti:
                await BarisAnggaran.update(isi).where(BarisAnggaran.id == baris_id).run()
        await bulk_insert(BarisAnggaran, baru)
        await log_change(request, "simpan_banyak", "keuangan.baris", apbdes_id, rincian)
        await sudah_diubah(versi)
    return len(bersih)


async def hapus_baris(request, baris_id: int) -> None:
    """Delete a line, unless realisation is recorded against its pos (then it can only be set to 0)."""
    async with write_transaction():
        baris = await BarisAnggaran.select().where(BarisAnggaran.id == baris_id).first().run()
        if baris is None:
            raise KeuanganError("Baris anggaran itu tidak ditemukan.")
        versi = await versi_apbdes(baris["apbdes"])
        boleh_diubah(versi)
        lain = await BarisAnggaran.exists().where(
            (BarisAnggaran.apbdes == versi["id"]) & (BarisAnggaran.id != baris_id)
            & (BarisAnggaran.kegiatan == baris["kegiatan"]) & (BarisAnggaran.akun == baris["akun"])).run()
        if not lain and await ada_realisasi(versi["tahun"], baris["kegiatan"], baris["akun"]):
            raise KeuanganError(f"Baris {nama_pos(baris['kegiatan'], baris['akun'])} sudah ada realisasinya; "
                                "ubah anggarannya menjadi 0 bila perlu.")
        await BarisAnggaran.delete().where(BarisAnggaran.id == baris_id).run()
        await log_change(request, "hapus", "keuangan.baris", baris_id,
                         {k: baris[k] for k in ("apbdes", "kegiatan", "akun", "uraian", "anggaran")})
        await sudah_diubah(versi)

