"""Tables of the `surat` plugin: letter types, numbering counters and the archive of letters."""

from piccolo.columns import Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from plugin_sdk.register import resident_fk


class JenisSurat(Table, tablename="surat_jenis"):
    """A kind of letter the office issues; operators edit all of it in the browser."""

    kode = Varchar(length=40, unique=True)
    nama = Varchar(length=120)
    kode_klasifikasi = Varchar(length=40, default="")
    subjek = Varchar(length=24, default="penduduk")  # penduduk | penduduk_atau_luar
    orang_tua = Boolean(default=False)
    pasangan = Boolean(default=False)
    isian = Text(default="[]")  # JSON: [{kunci, label, jenis, wajib, pilihan}]
    persyaratan = Text(default="")  # one requirement per line
    template = Text(default="")
    masa_berlaku_hari = Integer(default=30)
    kertas = Varchar(length=4, default="F4")
    margin = Varchar(length=24, default="15,20,15,25")
    peran = Text(default="[]")  # JSON: further persons [{kunci, label, orang_tua, wajib}] (spouse-to-be, witnesses)
    keluarga = Boolean(default=False)  # the letter lists the subject's family card
    semua_status = Boolean(default=False)  # the subject may be no longer living (heirs' statement)
    persetujuan = Boolean(default=False)  # the head approves before a number is given
    aktif = Boolean(default=True)
    diubah = Timestamptz(default=TimestamptzNow())


class UrutanSurat(Table, tablename="surat_urutan"):
    """The last number given per sequence and year; advanced only by INSERT ... ON CONFLICT ... RETURNING."""

    kunci = Varchar(length=40)  # a letter type's kode, or "semua" for one shared sequence
    tahun = Integer()
    terakhir = Integer(default=0)


class Surat(Table, tablename="surat_arsip"):
    """One letter: prepared, issued (with number, PDF and signatures), refused or cancelled. Never deleted."""

    token = Varchar(length=32, unique=True)  # unguessable, in the QR's verification address
    jenis = ForeignKey(references=JenisSurat, on_delete=OnDelete.restrict, index=True)
    jenis_kode = Varchar(length=40)
    judul = Varchar(length=120)
    status = Varchar(length=12, index=True)  # menunggu | terbit | ditolak | batal
    nomor = Varchar(length=100, null=True, default=None, unique=True)
    urutan = Varchar(length=40, default="")
    tahun = Integer(null=True, default=None)
    nomor_urut = Integer(null=True, default=None)
    penduduk = resident_fk(null=True, default=None, index=True)
    nama = Varchar(length=120)
    nama_cari = Varchar(length=120, index=True)
    nik = Varchar(length=16, default="")
    keperluan = Varchar(length=300, default="")
    data = Text(default="{}")  # JSON: the persons, fields and purpose as they were when prepared
    penandatangan = Integer(null=True, default=None)
    penandatangan_nama = Varchar(length=120, default="")
    tanggal = Date(null=True, default=None, index=True)
    berlaku_sampai = Date(null=True, default=None)
    dibuat_oleh = Varchar(length=64, default="")
    dibuat = Timestamptz(default=TimestamptzNow())
    diterbitkan_oleh = Varchar(length=64, default="")
    kunci_id = Varchar(length=16, default="")
    tanda_data = Varchar(length=128, default="")  # Ed25519 over the letter's fields (what the QR carries)
    berkas = Varchar(length=80, default="")
    sha256 = Varchar(length=64, default="")
    tanda_berkas = Varchar(length=128, default="")  # Ed25519 over the PDF's SHA-256
    alasan = Varchar(length=300, default="")  # why it was refused or cancelled
    diakhiri_oleh = Varchar(length=64, default="")
    diakhiri = Timestamptz(null=True, default=None)
