"""Tables of `aset`: the nagari's assets (one row per registered item, by KIB class), their mutations and files.

An asset is never overwritten into another state: a sale, a transfer, a write-off or a change of condition is a
`MutasiAset` row, and the asset row only carries the current `kondisi` and `status` those rows led to. Values are
whole sen (1/100 rupiah) in BIGINT, as in `keuangan`. Land (golongan A) has the fields of Buku Tanah Kas Desa.
"""

from piccolo.columns import BigInt, Boolean, Date, DoublePrecision, ForeignKey, Integer, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

AKTIF = "aktif"


class Aset(Table, tablename="aset_barang"):
    """One asset: its KIB class (A-F) and code with a register number unique per code, where it is, when and how
    it was acquired, its value and its current condition and status."""

    golongan = Varchar(length=1, index=True)  # A..F
    kode_barang = Varchar(length=30)
    nomor_register = Integer(default=1)  # unique per kode_barang
    nama = Varchar(length=200)
    jumlah = Integer(default=1)
    satuan = Varchar(length=20, default="unit")
    jorong = Integer(default=0)  # wilayah id of a jorong; 0 when none
    lokasi = Varchar(length=200, default="")
    lintang = DoublePrecision(null=True, default=None)
    bujur = DoublePrecision(null=True, default=None)
    tahun_perolehan = Integer()
    tanggal_perolehan = Date(null=True, default=None)
    asal = Varchar(length=20)  # kib.ASAL
    nilai = BigInt(default=0)  # sen
    kondisi = Varchar(length=12, default="baik")  # kib.KONDISI
    status = Varchar(length=20, default=AKTIF, index=True)  # kib.STATUS
    luas = DoublePrecision(null=True, default=None)  # m2 (land, buildings)
    keterangan = Varchar(length=300, default="")
    # Land (golongan A): the columns of Buku Tanah Kas Desa (A.5)
    tanah_kas = Boolean(default=False)
    sertifikat = Varchar(length=80, default="")
    jenis_tanah = Varchar(length=20, default="")  # kib.JENIS_TANAH
    kelas_tanah = Varchar(length=20, default="")
    patok = Boolean(default=False)
    papan_nama = Boolean(default=False)
    peruntukan = Varchar(length=120, default="")
    # Bought from an activity of the APB Desa (plugin keuangan), when known
    anggaran_tahun = Integer(null=True, default=None)
    anggaran_kegiatan = Varchar(length=20, default="")
    dibuat = Timestamptz(default=TimestamptzNow())
    diubah = Timestamptz(default=TimestamptzNow())
    oleh = Varchar(length=60, default="")


class MutasiAset(Table, tablename="aset_mutasi"):
    """What happened to an asset after it was registered: a change of condition, a sale, a transfer, a write-off,
    or the cancellation (`pembatalan`) of a wrong one. Never edited or deleted; the asset row's kondisi/status follow
    from the mutations no cancellation names."""

    aset = ForeignKey(references=Aset, on_delete=OnDelete.restrict, index=True)
    jenis = Varchar(length=20)  # kib.NAMA_MUTASI: a kib.MUTASI kind or kib.PEMBATALAN
    tanggal = Date()
    kondisi_lama = Varchar(length=12, default="")
    kondisi_baru = Varchar(length=12, default="")
    nilai = BigInt(default=0)  # sen: the price of a sale, the value at a transfer or write-off
    pihak = Varchar(length=200, default="")  # buyer or recipient
    dokumen = Varchar(length=120, default="")  # number of the decision or berita acara
    keterangan = Varchar(length=300, default="")  # for a pembatalan: its reason
    dicatat = Timestamptz(default=TimestamptzNow())
    oleh = Varchar(length=60, default="")
    membatalkan = Integer(null=True, default=None)  # a pembatalan: the id of the mutation it cancels (unique)


class NomorRegister(Table, tablename="aset_nomor"):
    """The last register number given under a code. Kept apart from the assets so a number an asset gave up (its
    code corrected) is never given again: a number painted on an item names that item only."""

    kode_barang = Varchar(length=30)  # unique
    terakhir = Integer(default=0)


class BerkasAset(Table, tablename="aset_berkas"):
    """A photo or a document (certificate, receipt, berita acara) of an asset; staff only."""

    aset = ForeignKey(references=Aset, on_delete=OnDelete.restrict, index=True)
    jenis = Varchar(length=10, default="foto")  # foto | dokumen
    judul = Varchar(length=120, default="")
    berkas = Varchar(length=80)  # its name in the plugin's file folder
    tipe = Varchar(length=60, default="")  # media type it is served with
    dibuat = Timestamptz(default=TimestamptzNow())
    oleh = Varchar(length=60, default="")


TABLES = [Aset, MutasiAset, BerkasAset, NomorRegister]
