"""The checks every write of the APB Desa makes before it touches anything: the error it raises, each field of a
line or a realisation read and checked, and the lookups a check needs (the version, realisation on a pos).

Messages are in Bahasa Indonesia, per field ("akun", "anggaran") or per row of a pasted table ("baris 3").
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from plugin_sdk import public_changed

from plugins.keuangan.jumlah import JumlahError, baca_jumlah
from plugins.keuangan.kode import BELANJA, kelompok_akun, normal_akun, normal_kegiatan, periksa_akun, periksa_kegiatan
from plugins.keuangan.ringkasan import urutan_kode
from plugins.keuangan.tables import BERLAKU, DIGANTI, DRAF, Apbdes, Kegiatan, Realisasi

TAHUN_MIN, TAHUN_MAX = 2000, 2100


class KeuanganError(Exception):
    """Bad input: `pesan` for the page, `galat` per field ("akun", "anggaran") or per row ("baris 3")."""

    def __init__(self, pesan: str | dict[str, str]):
        if isinstance(pesan, dict):
            self.galat = dict(pesan)
            self.pesan = ("Ada isian yang perlu diperbaiki; belum ada yang disimpan." if len(self.galat) != 1
                          else next(iter(self.galat.values())))
        else:
            self.galat, self.pesan = {}, pesan
        super().__init__(self.pesan)


def cek_tahun(tahun: Any) -> int:
    if isinstance(tahun, bool) or not isinstance(tahun, int) or not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise KeuanganError(f"Tahun anggaran harus antara {TAHUN_MIN} dan {TAHUN_MAX}.")
    return tahun


def baca_tanggal(nilai: Any) -> date | None:
    if isinstance(nilai, datetime):
        return nilai.date()
    if isinstance(nilai, date):
        return nilai
    try:
        return date.fromisoformat(str(nilai or "").strip())
    except ValueError:
        return None


def baca_sen(nilai: Any) -> int:
    """Text as the operator typed it, or int sen from code; JumlahError when unreadable or negative."""
    if isinstance(nilai, bool):
        raise JumlahError("Jumlah hanya boleh berisi angka.")
    if isinstance(nilai, int):
        if nilai < 0:
            raise JumlahError("Jumlah tidak boleh negatif.")
        return nilai
    return baca_jumlah(nilai)


def teks(nilai: Any, panjang: int, nama: str, galat: dict, kunci: str) -> str:
    """Text with its spaces tidied; a message in `galat[kunci]` when longer than the column holds."""
    hasil = " ".join(str(nilai or "").split())
    if len(hasil) > panjang:
        galat[kunci] = f"{nama} paling panjang {panjang} huruf."
    return hasil


def nama_pos(kegiatan: str, akun: str) -> str:
    return f"kegiatan {kegiatan} rekening {akun}" if kegiatan else f"rekening {akun}"


def periksa_baris(data: dict, kegiatan_ada: set[str] | frozenset = frozenset()) -> tuple[dict, dict[str, str]]:
    """One line's fields checked and cleaned: (line, problems per field). `kegiatan_ada`: the version's activity
    codes (a new activity needs its name)."""
    galat: dict[str, str] = {}
    akun = normal_akun(str(data.get("akun") or ""))
    kegiatan = normal_kegiatan(str(data.get("kegiatan") or ""))
    if masalah := periksa_akun(akun):
        galat["akun"] = masalah
    elif kelompok_akun(akun) == BELANJA:
        if masalah := periksa_kegiatan(kegiatan):
            galat["kegiatan"] = masalah if kegiatan else "Belanja harus di bawah sebuah kegiatan; isi kode kegiatannya."
    elif kegiatan:
        galat["kegiatan"] = "Pendapatan dan pembiayaan tidak memakai kegiatan; kosongkan kode kegiatannya."
    kegiatan_nama = teks(data.get("kegiatan_nama"), 250, "Nama kegiatan", galat, "kegiatan_nama")
    if kegiatan and "kegiatan" not in galat and kegiatan not in kegiatan_ada and not kegiatan_nama:
        galat["kegiatan_nama"] = f"Kegiatan {kegiatan} belum ada; tuliskan nama kegiatannya."
    uraian = teks(data.get("uraian"), 250, "Uraian", galat, "uraian")
    sumber = teks(data.get("sumber_dana"), 10, "Sumber dana", galat, "sumber_dana").upper()
    anggaran = 0
    try:
        anggaran = baca_sen(data.get("anggaran"))
    except JumlahError as e:
        galat["anggaran"] = e.pesan
    baris = {"kegiatan": kegiatan, "akun": akun, "uraian": uraian, "anggaran": anggaran, "sumber_dana": sumber,
             "kegiatan_nama": kegiatan_nama}
    return baris, galat


def periksa_semua(baris: list[dict], ada: set[str]) -> tuple[dict[str, str], list[dict]]:
    """Many lines checked together: (problems keyed "baris N", the cleaned lines). An activity named on any row
    counts as known for all; a pos given twice is blamed on its second row."""
    galat: dict[str, str] = {}
    bersih: list[dict] = []
    dikenal = set(ada) | {normal_kegiatan(str(b.get("kegiatan") or "")) for b in baris if b.get("kegiatan_nama")}
    dilihat: dict[tuple[str, str], int] = {}
    for n, data in enumerate(baris, start=1):
        satu, masalah = periksa_baris(data, dikenal)
        pos = (satu["kegiatan"], satu["akun"])
        if not masalah and pos in dilihat:
            masalah["akun"] = f"{nama_pos(*pos).capitalize()} sudah ada di baris {dilihat[pos]}."
        dilihat.setdefault(pos, n)
        if masalah:
            galat[f"baris {n}"] = " ".join(masalah.values())  # each message is a sentence
        bersih.append(satu)
    return galat, bersih


# --- what a check reads -----------------------------------------------------------------------------------------

async def versi_apbdes(apbdes_id: int) -> dict:
    row = await Apbdes.select().where(Apbdes.id == apbdes_id).first().run()
    if row is None:
        raise KeuanganError("APB Desa itu tidak ditemukan.")
    return row


def boleh_diubah(versi: dict) -> None:
    if versi["status"] == DIGANTI:
        raise KeuanganError(f"{versi['nama']} sudah diganti oleh perubahannya dan tidak dapat diubah lagi.")


async def versi_realisasi(tahun: int) -> dict | None:
    """The version realisation is checked against: the one in force, else the latest draft."""
    rows = await Apbdes.select().where((Apbdes.tahun == tahun) & (Apbdes.status.is_in([BERLAKU, DRAF]))).run()
    berlaku = [r for r in rows if r["status"] == BERLAKU]
    return berlaku[0] if berlaku else max(rows, key=lambda r: r["versi"], default=None)


async def ada_realisasi(tahun: int, kegiatan: str, akun: str) -> bool:
    return await Realisasi.exists().where((Realisasi.tahun == tahun) & (Realisasi.kegiatan == kegiatan)
                                          & (Realisasi.akun == akun)).run()


async def pos_terealisasi_tanpa_baris(tahun: int, pos: set[tuple[str, str]], *,
                                      kecuali_sumber: str | None = None) -> list[tuple[str, str, int]]:
    """The pos (kegiatan, akun) of the version in force that have realisation recorded but are not in `pos`: the
    lines a new set of lines `pos` would drop although money was received or spent on them, as (kegiatan, akun,
    realisation in sen), in code order. `kecuali_sumber`: ignore realisation of that source (an import replacing
    its own journal passes "siskeudes" and checks the new journal itself)."""
    sql = ("SELECT r.kegiatan, r.akun, SUM(r.jumlah) AS jumlah FROM keuangan_realisasi r WHERE r.tahun = {} "
           "AND EXISTS (SELECT 1 FROM keuangan_baris b JOIN keuangan_apbdes a ON a.id = b.apbdes WHERE "
           "a.tahun = r.tahun AND a.status = {} AND b.kegiatan = r.kegiatan AND b.akun = r.akun)")
    args: list[Any] = [tahun, BERLAKU]
    if kecuali_sumber is not None:
        sql += " AND r.sumber <> {}"
        args.append(kecuali_sumber)
    rows = await Realisasi.raw(sql + " GROUP BY r.kegiatan, r.akun", *args).run()
    hilang = [(r["kegiatan"], r["akun"], int(r["jumlah"] or 0)) for r in rows if (r["kegiatan"], r["akun"]) not in pos]
    return sorted(hilang, key=lambda h: urutan_kode(f"{h[0]}/{h[1]}"))


def pesan_pos_hilang(hilang: list[tuple[str, str, int]], paling_banyak: int = 10) -> str:
    """"Pos ... sudah ada realisasinya: kembalikan barisnya (anggaran boleh 0)." for the list above."""
    nama = [nama_pos(k, a) for k, a, _ in hilang[:paling_banyak]]
    if len(hilang) > paling_banyak:
        nama.append(f"dan {len(hilang) - paling_banyak} pos lain")
    return f"Pos {', '.join(nama)} sudah ada realisasinya: kembalikan barisnya (anggaran boleh 0)."


async def sudah_diubah(versi: dict) -> None:
    """Mark the version changed and, when the public sees it, move the public version. A version edited by hand no
    longer equals the Siskeudes file it was imported from: forgetting the file's hash lets that file be imported
    again (as a new version) instead of being refused as the same file."""
    await Apbdes.update({Apbdes.diubah: datetime.now(timezone.utc), Apbdes.sidik_berkas: ""}).where(
        Apbdes.id == versi["id"]).run()
    if versi["status"] == BERLAKU:
        await public_changed()


async def kegiatan_versi(apbdes_id: int) -> dict[str, str]:
    rows = await Kegiatan.select(Kegiatan.kode, Kegiatan.nama).where(Kegiatan.apbdes == apbdes_id).run()
    return {r["kode"]: r["nama"] for r in rows}

