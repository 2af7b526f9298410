"""A.4 Buku Aparat Pemerintah Desa: every official recorded in the profile (Perangkat), serving ones first.

Read through `plugin_sdk.dokumen.officials()`, the same records that sign letters; the book keeps officials whose
term ended, marked "Tidak aktif", since the book is the history of who served.
"""

from __future__ import annotations

from plugin_sdk import dokumen

from plugins.buku_administrasi.buku import Buku, Hasil, Kolom, Saringan, slice_rows

KOLOM = (
    Kolom("nama", "Nama"), Kolom("nomor_staf", "NIAP / nomor staf"), Kolom("nip", "NIP"),
    Kolom("jabatan", "Jabatan"), Kolom("masa_mulai", "Masa jabatan mulai", "date"),
    Kolom("masa_selesai", "Masa jabatan selesai", "date"), Kolom("status", "Status"),
    Kolom("keterangan", "Keterangan"),
)


def _matches(official: dict, cari: str) -> bool:
    needle = cari.strip().lower()
    return not needle or needle in f"{official['nama']}\n{official['jabatan']}".lower()


async def aparat_pemerintah(saring: Saringan, *, mulai: int = 0, batas: int | None = None) -> Hasil:
    """A.4: officials in the order the profile lists them (serving first); `cari` finds a name or a position."""
    rows = [{"nama": o["nama"], "nomor_staf": o["nomor_staf"] or "", "nip": o["nip"] or "", "jabatan": o["jabatan"],
             "masa_mulai": o["masa_mulai"], "masa_selesai": o["masa_selesai"],
             "status": "Aktif" if o["aktif"] else "Tidak aktif",
             "keterangan": "Menandatangani surat" if o["boleh_tanda_tangan"] and o["aktif"] else ""}
            for o in await dokumen.officials() if _matches(o, saring.cari)]
    return slice_rows(rows, mulai, batas)


A4 = Buku("A.4", "Buku Aparat Pemerintah Desa", KOLOM, aparat_pemerintah, saringan=("cari",), urutan=40,
          petunjuk_cari="Cari nama atau jabatan",
          keterangan="Perangkat yang tercatat di profil, yang masih menjabat lebih dulu.")
