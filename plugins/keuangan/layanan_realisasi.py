"""Every write of the realisation: by hand (one entry at a time) and from a Siskeudes import (the year's journal
replaced whole). Realisation belongs to a pos (tahun, kegiatan, akun), so it carries over to an APB Desa Perubahan.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from plugin_sdk import bulk_insert, log_change, public_changed, today, write_transaction

from plugins.keuangan.jumlah import JumlahError
from plugins.keuangan.kode import normal_akun, normal_kegiatan
from plugins.keuangan.periksa import (KeuanganError, baca_sen, baca_tanggal, cek_tahun, nama_pos, teks,
                                      versi_realisasi)
from plugins.keuangan.tables import BERLAKU, MANUAL, SISKEUDES, Apbdes, BarisAnggaran, Realisasi

__all__ = ["catat_realisasi", "hapus_realisasi", "ganti_realisasi_impor", "lebih_anggaran"]


def _hari_ini(request) -> date:
    return today(request) if getattr(request, "app", None) is not None else today({})


async def _realisasi_berubah(tahun: int) -> None:
    """The version in force shows this realisation: it reads as updated now, and the public pages are rebuilt."""
    berlaku = await Apbdes.update({Apbdes.diubah: datetime.now(timezone.utc)}).where(
        (Apbdes.tahun == tahun) & (Apbdes.status == BERLAKU)).returning(Apbdes.id).run()
    if berlaku:
        await public_changed()


async def catat_realisasi(request, tahun: int, data: dict, *, realisasi_id: int | None = None) -> int:
    """Record money received or spent on a pos of `tahun` (or correct record `realisasi_id`); returns its id."""
    tahun = cek_tahun(tahun)
    galat: dict[str, str] = {}
    kegiatan = normal_kegiatan(str(data.get("kegiatan") or ""))
    akun = normal_akun(str(data.get("akun") or ""))
    tanggal = baca_tanggal(data.get("tanggal"))
    if tanggal is None:
        galat["tanggal"] = "Isi tanggal dengan benar."
    elif tanggal.year != tahun:
        galat["tanggal"] = f"Tanggal harus di tahun anggaran {tahun}."
    elif tanggal > _hari_ini(request):
        galat["tanggal"] = "Tanggal realisasi tidak boleh di masa depan."
    jumlah = 0
    try:
        jumlah = baca_sen(data.get("jumlah"))
        if jumlah == 0:
            galat["jumlah"] = "Jumlah realisasi harus lebih dari nol."
    except JumlahError as e:
        galat["jumlah"] = e.pesan
    uraian = teks(data.get("uraian"), 250, "Uraian", galat, "uraian")
    bukti = teks(data.get("bukti"), 60, "Nomor bukti", galat, "bukti")
    async with write_transaction():
        versi = await versi_realisasi(tahun)
        if versi is None:
            raise KeuanganError(f"Belum ada APB Desa tahun {tahun}; isi dulu anggarannya.")
        lama = None
        if realisasi_id is not None:
            lama = await Realisasi.select().where(Realisasi.id == realisasi_id).first().run()
            if lama is None or lama["tahun"] != tahun:
                raise KeuanganError("Catatan realisasi itu tidak ditemukan.")
            if lama["sumber"] != MANUAL:
                raise KeuanganError("Realisasi hasil impor Siskeudes tidak dapat diubah di sini; perbaiki di "
                                    "Siskeudes lalu impor ulang.")
        if not await BarisAnggaran.exists().where((BarisAnggaran.apbdes == versi["id"])
                                                  & (BarisAnggaran.kegiatan == kegiatan)
                                                  & (BarisAnggaran.akun == akun)).run():
            pos = nama_pos(kegiatan, akun or "(kosong)")
            galat["akun"] = f"Tidak ada baris anggaran untuk {pos} di {versi['nama']}."
        if galat:
            raise KeuanganError(galat)
        isi = {"tahun": tahun, "kegiatan": kegiatan, "akun": akun, "tanggal": tanggal, "jumlah": jumlah,
               "uraian": uraian, "bukti": bukti}
        if lama is None:
            baru = await Realisasi.insert(Realisasi(sumber=MANUAL, **isi)).run()
            realisasi_id = baru[0]["id"]
            rincian = {**isi, "tanggal": tanggal.isoformat()}
        else:
            await Realisasi.update(isi).where(Realisasi.id == realisasi_id).run()
            rincian = {k: [str(lama[k]), str(v)] for k, v in isi.items() if lama[k] != v}
        await log_change(request, "buat" if lama is None else "ubah", "keuangan.realisasi", realisasi_id, rincian)
        await _realisasi_berubah(tahun)
    return realisasi_id


async def hapus_realisasi(request, realisasi_id: int) -> None:
    """Delete a realisation entered by hand (imported ones go away by importing again)."""
    async with write_transaction():
        lama = await Realisasi.select().where(Realisasi.id == realisasi_id).first().run()
        if lama is None:
            raise KeuanganError("Catatan realisasi itu tidak ditemukan.")
        if lama["sumber"] != MANUAL:
            raise KeuanganError("Realisasi hasil impor Siskeudes tidak dapat dihapus di sini; perbaiki di Siskeudes "
                                "lalu impor ulang.")
        await Realisasi.delete().where(Realisasi.id == realisasi_id).run()
        await log_change(request, "hapus", "keuangan.realisasi", realisasi_id,
                         {k: str(lama[k]) for k in ("tahun", "kegiatan", "akun", "tanggal", "jumlah", "uraian")})
        await _realisasi_berubah(lama["tahun"])


_KOLOM_IMPOR = ("kegiatan", "akun", "tanggal", "jumlah", "uraian", "bukti")


def _baris_impor(tahun: int, n: int, row: dict) -> dict:
    tanggal = baca_tanggal(row.get("tanggal"))
    jumlah = row.get("jumlah")
    if tanggal is None or isinstance(jumlah, bool) or not isinstance(jumlah, int):
        raise KeuanganError({f"baris {n}": "Tanggal atau jumlah realisasi tidak terbaca."})
    return {"tahun": tahun, "kegiatan": normal_kegiatan(str(row.get("kegiatan") or "")),
            "akun": normal_akun(str(row.get("akun") or "")), "tanggal": tanggal, "jumlah": jumlah,
            "uraian": " ".join(str(row.get("uraian") or "").split())[:250],
            "bukti": str(row.get("bukti") or "").strip()[:60], "sumber": SISKEUDES}


async def ganti_realisasi_impor(request, tahun: int, rows: list[dict]) -> int:
    """Replace the year's imported (Siskeudes) realisation by `rows` (jumlah int sen, may be negative). Importing
    the same rows again writes nothing. Returns the number of rows now recorded."""
    tahun = cek_tahun(tahun)
    baru = [_baris_impor(tahun, n, r) for n, r in enumerate(rows, start=1)]
    kunci = sorted(tuple(str(b[k]) for k in _KOLOM_IMPOR) for b in baru)
    async with write_transaction():
        lama = await Realisasi.select(*[getattr(Realisasi, k) for k in _KOLOM_IMPOR]).where(
            (Realisasi.tahun == tahun) & (Realisasi.sumber == SISKEUDES)).run()
        if sorted(tuple(str(r[k]) for k in _KOLOM_IMPOR) for r in lama) == kunci:
            return len(baru)
        await Realisasi.delete().where((Realisasi.tahun == tahun) & (Realisasi.sumber == SISKEUDES)).run()
        await bulk_insert(Realisasi, baru)
        await log_change(request, "impor", "keuangan.realisasi", tahun,
                         {"sumber": SISKEUDES, "dihapus": len(lama), "dicatat": len(baru),
                          "jumlah": sum(b["jumlah"] for b in baru)})
        await _realisasi_berubah(tahun)
    return len(baru)


async def lebih_anggaran(tahun: int, kegiatan: str, akun: str) -> tuple[int, int] | None:
    """(anggaran, realisasi) of a pos when the realisation recorded exceeds its budget, else None."""
    kegiatan, akun = normal_kegiatan(kegiatan), normal_akun(akun)
    versi = await versi_realisasi(tahun)
    anggaran = 0
    if versi is not None:
        row = await BarisAnggaran.select(BarisAnggaran.anggaran).where(
            (BarisAnggaran.apbdes == versi["id"]) & (BarisAnggaran.kegiatan == kegiatan)
            & (BarisAnggaran.akun == akun)).first().run()
        anggaran = int(row["anggaran"]) if row else 0
    rows = await Realisasi.raw("SELECT SUM(jumlah) AS jumlah FROM keuangan_realisasi WHERE tahun = {} "
                               "AND kegiatan = {} AND akun = {}", tahun, kegiatan, akun).run()
    realisasi = int(rows[0]["jumlah"] or 0) if rows else 0
    return (anggaran, realisasi) if realisasi > anggaran else None

