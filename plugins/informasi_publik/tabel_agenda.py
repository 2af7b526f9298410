"""Tables of the letter registers: incoming letters with their yearly agenda number and disposition, outgoing
letters typed by hand (surat's own letters are read through its contract, never stored twice), and the dispatch
book (ekspedisi), one record per outgoing letter."""

from piccolo.columns import Date, ForeignKey, Integer, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class UrutanAgenda(Table, tablename="informasi_publik_agenda_urutan"):
    """The last agenda number given per year; advanced only by INSERT ... ON CONFLICT ... RETURNING."""

    tahun = Integer(unique=True)
    terakhir = Integer(default=0)


class SuratMasuk(Table, tablename="informasi_publik_surat_masuk"):
    """A letter received: its agenda number in the year it was received, the letter itself, its disposition."""

    tahun = Integer(index=True)
    nomor_agenda = Integer()
    tanggal_terima = Date(index=True)
    nomor_surat = Varchar(length=100)
    tanggal_surat = Date()
    pengirim = Varchar(length=200)
    isi = Varchar(length=500)  # isi singkat
    disposisi_kepada = Integer(null=True, default=None)  # an official's id (plugin_sdk.dokumen.officials)
    disposisi_nama = Varchar(length=200, default="")  # name and position as they were when disposed
    disposisi_isi = Varchar(length=500, default="")
    disposisi_tanggal = Date(null=True, default=None)
    berkas = Varchar(length=80, default="")  # the scan in the file store (folder "agenda"), PDF or picture
    keterangan = Varchar(length=300, default="")
    dicatat_oleh = Varchar(length=64, default="")
    dicatat = Timestamptz(default=TimestamptzNow())


class SuratKeluar(Table, tablename="informasi_publik_surat_keluar"):
    """A letter sent that the letters service did not issue (typed or signed elsewhere), entered by hand."""

    nomor = Varchar(length=100, unique=True)
    tanggal = Date(index=True)
    kepada = Varchar(length=200)
    isi = Varchar(length=500)
    keterangan = Varchar(length=300, default="")
    dicatat_oleh = Varchar(length=64, default="")
    dicatat = Timestamptz(default=TimestamptzNow())


class Ekspedisi(Table, tablename="informasi_publik_ekspedisi"):
    """How an outgoing letter left the office (A.8 Buku Ekspedisi). The letter is a manual entry (`surat_keluar`)
    or one of surat's (`surat_id`, read through plugins.surat.api); its number, date, subject and addressee are
    copied here so the book reads the same whichever plugin is enabled later."""

    surat_keluar = ForeignKey(references=SuratKeluar, null=True, default=None, on_delete=OnDelete.restrict)
    surat_id = Integer(null=True, default=None)
    nomor_surat = Varchar(length=100)
    tanggal_surat = Date()
    isi = Varchar(length=500)
    kepada = Varchar(length=200)
    tanggal_kirim = Date(index=True)
    cara = Varchar(length=60, default="")  # diantar langsung, pos, kurir, surel
    penerima = Varchar(length=200, default="")  # who received it
    keterangan = Varchar(length=300, default="")
    dicatat_oleh = Varchar(length=64, default="")
    dicatat = Timestamptz(default=TimestamptzNow())


TABLES = [UrutanAgenda, SuratMasuk, SuratKeluar, Ekspedisi]
