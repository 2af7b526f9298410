"""Tables of `keuangan`: the APB Desa of each year as versions, their activities and lines, and the realisation.

Amounts are whole sen (1/100 rupiah) in BIGINT columns: exact on SQLite and PostgreSQL alike, summed in SQL
without rounding; `jumlah.rupiah` prints them. A budget line is one account under one activity (or, for
pendapatan and pembiayaan, under none); realisation is recorded against that pair (the *pos*) and the year, not
against a version, so it carries over when an APB Desa Perubahan replaces the version in force.
"""

from piccolo.columns import BigInt, Date, ForeignKey, Integer, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

DRAF, BERLAKU, DIGANTI = "draf", "berlaku", "diganti"
STATUS = {DRAF: "Rancangan", BERLAKU: "Berlaku", DIGANTI: "Sudah diganti"}
MANUAL, SISKEUDES = "manual", "siskeudes"
SUMBER = {MANUAL: "Diisi di Balai", SISKEUDES: "Impor Siskeudes"}


class Apbdes(Table, tablename="keuangan_apbdes"):
    """One version of a year's APB Desa: versi 1 is the APB Desa, 2, 3, ... its Perubahan. At most one version of
    a year is in force (status berlaku, unique index); a draft is being prepared; a replaced one is kept."""

    tahun = Integer(index=True)
    versi = Integer(default=1)
    nama = Varchar(length=120)
    status = Varchar(length=8, default=DRAF, index=True)
    berlaku_sejak = Date(null=True, default=None)
    nomor_perdes = Varchar(length=80, default="")
    sumber = Varchar(length=12, default=MANUAL)
    sidik_berkas = Varchar(length=64, default="")  # sha256 of the Siskeudes zip it was imported from
    dibuat = Timestamptz(default=TimestamptzNow())
    diubah = Timestamptz(default=TimestamptzNow())


class Kegiatan(Table, tablename="keuangan_kegiatan"):
    """An activity of one version, coded bidang.sub_bidang.kegiatan ("02.03.01", Permendagri 20/2018)."""

    apbdes = ForeignKey(references=Apbdes, on_delete=OnDelete.cascade, index=True)
    kode = Varchar(length=20)
    nama = Varchar(length=250)


class BarisAnggaran(Table, tablename="keuangan_baris"):
    """One budget line: an account (jenis "5.2.1" or objek "5.2.1.01") under an activity ('' for 4 and 6)."""

    apbdes = ForeignKey(references=Apbdes, on_delete=OnDelete.cascade, index=True)
    kegiatan = Varchar(length=20, default="")
    akun = Varchar(length=20)
    uraian = Varchar(length=250, default="")
    anggaran = BigInt(default=0)  # sen
    sumber_dana = Varchar(length=10, default="")  # DDS, ADD, PAD, BKK, ... as Siskeudes names them


class Realisasi(Table, tablename="keuangan_realisasi"):
    """Money actually received or spent on a pos (tahun, kegiatan, akun) on a date; negative only from a
    correcting journal entry of an import."""

    tahun = Integer(index=True)
    kegiatan = Varchar(length=20, default="")
    akun = Varchar(length=20)
    tanggal = Date()
    jumlah = BigInt(default=0)  # sen
    uraian = Varchar(length=250, default="")
    bukti = Varchar(length=60, default="")
    sumber = Varchar(length=12, default=MANUAL)
    dicatat = Timestamptz(default=TimestamptzNow())


TABLES = [Apbdes, Kegiatan, BarisAnggaran, Realisasi]
