from piccolo.columns import ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from plugin_sdk.register import resident_fk


class Suku(Table, tablename="adat_suku"):
    """A matrilineal clan of the nagari, e.g. Piliang or Chaniago."""

    nama = Varchar(length=80, unique=True)
    penghulu = Varchar(length=120, default="")  # the clan head's title, e.g. "Datuak Bandaro"
    keterangan = Text(default="")


class Kaum(Table, tablename="adat_kaum"):
    """A matrilineal lineage within a suku, led by a penghulu; its name is unique within its suku."""

    nama = Varchar(length=80)
    suku = ForeignKey(references=Suku, on_delete=OnDelete.restrict, index=True)
    keterangan = Text(default="")


class SukuWarga(Table, tablename="adat_suku_warga"):
    """The suku a resident belongs to: an extra field of the register, kept in this plugin's own table."""

    penduduk = resident_fk(unique=True, index=True)
    suku = ForeignKey(references=Suku, on_delete=OnDelete.restrict, index=True)


class SuratSuku(Table, tablename="adat_surat_suku"):
    """A letter issued to a member of a suku, noted when `surat` announced it (event surat_terbit)."""

    suku = ForeignKey(references=Suku, on_delete=OnDelete.restrict, index=True)
    surat_id = Integer(index=True)  # the letter in `surat`: read it through plugins.surat.api.letters
    judul = Varchar(length=120, default="")
    nama = Varchar(length=120, default="")
    dicatat = Timestamptz(default=TimestamptzNow())
