"""Tables of `potensi`: one figure per (year, indicator, jorong), what the office publishes (which indicators, of
which year), and its photos.

A figure is kept in hundredths of its indicator's unit (1.234,5 ha -> 123450) in a BIGINT: exact on SQLite and
PostgreSQL alike; `indikator.dari_seratus` turns it back into a Decimal. The unit, theme and definition are the
indicator's (a code list, indikator.py), so a figure row holds only the number, its source and a note.
"""

from piccolo.columns import BigInt, Boolean, Integer, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

NAGARI = 0  # `jorong` of a figure for the whole nagari


class NilaiPotensi(Table, tablename="potensi_nilai"):
    """One figure: an indicator's value in a year, for the nagari (jorong 0) or one jorong (its wilayah id).
    Unique on (tahun, indikator, jorong)."""

    tahun = Integer(index=True)
    indikator = Varchar(length=60, index=True)
    jorong = Integer(default=NAGARI)
    nilai = BigInt(default=0)  # hundredths of the indicator's unit
    sumber = Varchar(length=120, default="")
    keterangan = Varchar(length=250, default="")
    diubah = Timestamptz(default=TimestamptzNow())
    oleh = Varchar(length=60, default="")


class TerbitPotensi(Table, tablename="potensi_terbit"):
    """An indicator the office publishes on the public page "Potensi Nagari" (all others stay inside)."""

    indikator = Varchar(length=60, unique=True)


class TahunTerbitPotensi(Table, tablename="potensi_tahun_terbit"):
    """The one year whose figures the public page shows, chosen by the office: typing or copying another year's
    figures never moves the public page. At most one row; none until the office first chooses."""

    tahun = Integer()


class FotoPotensi(Table, tablename="potensi_foto"):
    """A photo of the nagari's potential (a field of gambir, a waterfall); shown publicly only when `terbit`."""

    judul = Varchar(length=120)
    keterangan = Varchar(length=300, default="")
    tema = Varchar(length=30, default="")
    berkas = Varchar(length=80)  # its name in the plugin's file folder (plugin_sdk.store_file)
    terbit = Boolean(default=False)
    urutan = Integer(default=0)
    dibuat = Timestamptz(default=TimestamptzNow())


TABLES = [NilaiPotensi, TerbitPotensi, TahunTerbitPotensi, FotoPotensi]
