"""The nagari's assets as open data (satu_data's event `satu_data_dataset`): how many assets of each KIB class the
nagari owns at the end of a day and their acquisition value, from `rekap`, the one computation the asset list and
the books lay out (ENGINEERING-NOTES 11). satu_data is imported inside the functions: aset runs without it.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from plugins.aset.kib import GOLONGAN, PREFIKS
from plugins.aset.rekap import Rekap, rekap

NAMA = "aset-per-golongan"
#: The key of the total row, as the other datasets of the catalogue write it (a key needs a value).
JUMLAH = "JUMLAH"


def rupiah(sen: int) -> Decimal:
    """Sen as exact rupiah (a Decimal: no float on the way). keuangan's dataset has the same; its contract offers
    only the printed form ("Rp1.250.000"), and aset may not import keuangan's internals."""
    return Decimal(int(sen)) / 100


def baris(r: Rekap) -> list[dict]:
    """Every class A-F (zeros included, so the table never changes shape) and the total, as the list page shows."""
    return [*({"golongan": p.kode, "nama_golongan": p.nama, "kode_barang": PREFIKS.get(p.kode, ""),
               "jumlah": p.jumlah, "nilai": rupiah(p.nilai)} for p in r.per_golongan),
            {"golongan": JUMLAH, "nama_golongan": "Jumlah", "kode_barang": "", "jumlah": r.total.jumlah,
             "nilai": rupiah(r.total.nilai)}]


async def hitung(per: date):
    """Owned at the end of `per`; the month's figure, provisional until the month has ended (satu_data's rule)."""
    from plugins.satu_data.api import Terbitan, periode_bulan

    periode, sementara = await periode_bulan(per)
    return Terbitan(periode=periode, baris=baris(await rekap(per_tanggal=per)), sementara=sementara)


def datasets() -> list:
    from plugins.satu_data.api import BUKAN_ORANG, Dataset, Kolom

    kolom = (
        Kolom("golongan", "Golongan", "string",
              "Golongan Kartu Inventaris Barang (KIB A sampai F); JUMLAH untuk jumlah semua golongan.",
              kode=(*GOLONGAN.items(), (JUMLAH, "Jumlah semua golongan")),
              daftar_kode="Permendagri 1/2016 tentang Pengelolaan Aset Desa (KIB A-F)", kunci=True),
        Kolom("nama_golongan", "Nama golongan", "string", "Nama golongan aset."),
        Kolom("kode_barang", "Kode barang", "string",
              "Awalan kode barang golongan ini (1.3.1 tanah sampai 1.3.6 konstruksi dalam pengerjaan).",
              daftar_kode="Permendagri 1/2016: kodefikasi aset desa"),
        Kolom("jumlah", "Jumlah barang", "integer",
              "Banyaknya barang (nomor register) yang dimiliki nagari pada akhir tanggal data: sudah diperoleh "
              "dan belum dijual, dipindahtangankan atau dihapuskan.", satuan="barang"),
        Kolom("nilai", "Nilai perolehan", "number",
              "Jumlah nilai perolehan barang-barang itu, dalam rupiah (dengan sen bila ada).", satuan="rupiah"),
    )
    return [Dataset(
        NAMA, "Aset nagari per golongan",
        "Banyaknya aset yang dimiliki nagari dan nilai perolehannya per golongan Kartu Inventaris Barang (tanah, "
        "peralatan dan mesin, gedung dan bangunan, jalan, irigasi dan jaringan, aset tetap lainnya, konstruksi "
        "dalam pengerjaan), keadaan pada akhir bulan. Angka bulan berjalan bersifat sementara.",
        kolom, hitung, grup="aset", tag=("aset", "inventaris", "kekayaan desa"), frekuensi="bulanan",
        hitungan_orang=False, sensor=BUKAN_ORANG, sumber="Buku Inventaris dan Kekayaan Desa (A.3) nagari")]
