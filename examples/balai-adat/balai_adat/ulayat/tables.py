"""Tables of the tanah ulayat register: one row per parcel of customary land, and the disputes over it."""

from __future__ import annotations

from piccolo.columns import Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from balai_adat.tables import Kaum, Suku


class TanahUlayat(Table, tablename="adat_ulayat"):
    """A parcel of customary land of the nagari, a suku or a kaum (status says which; the holder follows)."""

    nama = Varchar(length=120)  # as the nagari calls it, e.g. "Rimbo Gadang"
    jorong = Integer(default=0)  # the kernel's wilayah id of the jorong it lies in; 0: across jorong
    batas = Text(default="")  # its boundaries as the KAN describes them (sepadan)
    luas_m2 = Integer()  # the area, exact on both engines; shown and typed in hectares (1 ha = 10.000 m²)
    status = Varchar(length=12)  # kode.STATUS
    suku = ForeignKey(references=Suku, on_delete=OnDelete.restrict, null=True, default=None, index=True)
    kaum = ForeignKey(references=Kaum, on_delete=OnDelete.restrict, null=True, default=None, index=True)
    penggunaan = Varchar(length=20)  # kode.PENGGUNAAN
    keterangan = Text(default="")
    diubah = Timestamptz(default=TimestamptzNow())


class SengketaUlayat(Table, tablename="adat_ulayat_sengketa"):
    """A dispute over a parcel: who against whom, what about, where it stands and how it ended."""

    tanah = ForeignKey(references=TanahUlayat, on_delete=OnDelete.restrict, index=True)
    tanggal = Date()  # when it was brought to the nagari or the KAN
    pihak = Text()  # the parties, as written by the office (no NIK)
    uraian = Text()
    status = Varchar(length=12)  # kode.SENGKETA
    hasil = Text(default="")  # the outcome; required once settled
    diubah = Timestamptz(default=TimestamptzNow())


ULAYAT_TABLES: list = [TanahUlayat, SengketaUlayat]
