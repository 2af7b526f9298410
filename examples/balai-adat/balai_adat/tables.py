from piccolo.columns import Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from plugin_sdk.register import resident_fk


class Suku(Table, tablename="adat_suku"):
    """A matrilineal clan of the nagari, e.g. Piliang or Chaniago."""

    nama = Varchar(length=80, unique=True)
    keterangan = Text(default="")


class Kaum(Table, tablename="adat_kaum"):
    """A matrilineal lineage within a suku, led by a penghulu; its name is unique within its suku."""

    nama = Varchar(length=80)
    suku = ForeignKey(references=Suku, on_delete=OnDelete.restrict, index=True)
    keterangan = Text(default="")


class Penghulu(Table, tablename="adat_penghulu"):
    """A Datuak title (sako) of a kaum, or of the suku as a whole when `kaum` is empty, and who holds it now.

    Members of the Kerapatan Adat Nagari are the penghulu with a `jabatan_kan` ("" when not a member)."""

    gelar = Varchar(length=120)  # e.g. "Datuak Bandaro"; unique within the suku
    suku = ForeignKey(references=Suku, on_delete=OnDelete.restrict, index=True)
    kaum = ForeignKey(references=Kaum, on_delete=OnDelete.restrict, null=True, default=None, index=True)
    penduduk = resident_fk(null=True, default=None, index=True)  # the holder, when a resident of the register
    sejak = Date(null=True, default=None)  # since when the holder carries the title
    jabatan_kan = Varchar(length=20, default="")


class SukuWarga(Table, tablename="adat_suku_warga"):
    """The suku (and kaum) a resident belongs to: extra fields of the register, kept in this plugin's own table."""

    penduduk = resident_fk(unique=True, index=True)
    suku = ForeignKey(references=Suku, on_delete=OnDelete.restrict, index=True)
    kaum = ForeignKey(references=Kaum, on_delete=OnDelete.restrict, null=True, default=None, index=True)


class SuratSuku(Table, tablename="adat_surat_suku"):
    """A letter issued to a member of a suku, noted when `surat` announced it (event surat_terbit)."""

    suku = ForeignKey(references=Suku, on_delete=OnDelete.restrict, index=True)
    surat_id = Integer(index=True)  # the letter in `surat`: read it through plugins.surat.api.letters
    judul = Varchar(length=120, default="")
    nama = Varchar(length=120, default="")
    dicatat = Timestamptz(default=TimestamptzNow())
