"""The code lists of `bantuan`: where a program's money comes from, whom it targets, its form, and the states of
programs, cycles and list entries. Codes are stored; labels are shown."""

from __future__ import annotations

SUMBER = {
    "blt_dd": "BLT Dana Desa",
    "pkh": "Program Keluarga Harapan (PKH)",
    "bpnt": "Bantuan Pangan Non Tunai / Sembako (BPNT)",
    "pbi_jk": "PBI Jaminan Kesehatan",
    "pip": "Program Indonesia Pintar (PIP)",
    "nagari": "APB Nagari (selain BLT Dana Desa)",
    "kabupaten": "Program Pemerintah Kabupaten",
    "provinsi": "Program Pemerintah Provinsi",
    "lain": "Lainnya",
}
SASARAN = {"penduduk": "Perorangan", "keluarga": "Keluarga", "rumah_tangga": "Rumah tangga", "kelompok": "Kelompok"}
#: The unit word in counts and messages: "12 keluarga", "3 kelompok".
SATUAN = {"penduduk": "orang", "keluarga": "keluarga", "rumah_tangga": "rumah tangga", "kelompok": "kelompok"}
BENTUK = {"uang": "Uang", "barang": "Barang", "jasa": "Jasa atau layanan"}
STATUS_PROGRAM = {"draf": "Draf", "aktif": "Berjalan", "selesai": "Selesai"}

# A cycle's list: prepared by one user, submitted, then approved (frozen) by another or sent back with a note.
DISUSUN, DIAJUKAN, DISETUJUI = "disusun", "diajukan", "disetujui"
STATUS_SIKLUS = {DISUSUN: "Disusun", DIAJUKAN: "Menunggu persetujuan", DISETUJUI: "Disetujui"}

# How an entry came onto a list.
ASAL = {"aturan": "Memenuhi aturan", "manual": "Ditambah petugas", "lanjutan": "Penerima siklus sebelumnya"}

# Why the register no longer shows a recipient as one who can receive.
TANDA = {"meninggal": "Meninggal", "pindah": "Pindah atau pergi", "tidak_ada": "Tidak ada lagi di register"}

__all__ = ["SUMBER", "SASARAN", "SATUAN", "BENTUK", "STATUS_PROGRAM", "DISUSUN", "DIAJUKAN", "DISETUJUI",
           "STATUS_SIKLUS", "ASAL", "TANDA"]
