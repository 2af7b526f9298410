"""Tables of `satu_data`: which datasets the office publishes and how, and every release (one per dataset and
period, revised in place with a version number).

A release keeps its rows as JSON text: a dataset is a few hundred to a few thousand aggregate rows, read whole by
the catalogue (katalog.py) and kept in memory; nothing queries inside them in SQL.
"""

from piccolo.columns import Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

BULANAN, MANUAL = "bulanan", "manual"


class PilihanDataset(Table, tablename="satu_data_pilihan"):
    """The office's choice for one dataset: published or not, and released monthly (after the month closes) or
    only on demand. No row: not published."""

    dataset = Varchar(length=100, unique=True)
    terbit = Boolean(default=False)
    jadwal = Varchar(length=10, default=BULANAN)
    diubah = Timestamptz(default=TimestamptzNow())
    oleh = Varchar(length=60, default="")


class TerbitanDataset(Table, tablename="satu_data_terbitan"):
    """One period of one dataset as published. Unique on (dataset, periode); `versi` counts its revisions."""

    dataset = Varchar(length=100, index=True)
    periode = Varchar(length=10)
    baris = Text(default="[]")
    jumlah_baris = Integer(default=0)
    sidik = Varchar(length=64, default="")  # sha256 of the rows: an unchanged recomputation is not a revision
    sementara = Boolean(default=False)
    catatan = Varchar(length=300, default="")
    versi = Integer(default=1)
    dibuat = Timestamptz(default=TimestamptzNow())
    diubah = Timestamptz(default=TimestamptzNow())
    # For counts of people: the rows before suppression, for the kabupaten hub only (never served); "" when they
    # are the published rows.
    mentah = Text(default="")


class PerubahanDataset(Table, tablename="satu_data_perubahan"):
    """The change log: one row per new period or revision, written in the release's transaction, in order. The sync
    plugin reads it after its last position (`api.perubahan`), so nothing released is ever missed or sent twice."""

    dataset = Varchar(length=100)
    periode = Varchar(length=10)
    versi = Integer(default=1)
    dibuat = Timestamptz(default=TimestamptzNow())


class CatatanTerbit(Table, tablename="satu_data_catatan"):
    """The outcome of the last release attempt of each dataset (shown on the admin page): ok or why it failed."""

    dataset = Varchar(length=100, unique=True)
    pada = Timestamptz(default=TimestamptzNow())
    berhasil = Boolean(default=True)
    pesan = Varchar(length=500, default="")


TABLES = [PilihanDataset, TerbitanDataset, PerubahanDataset, CatatanTerbit]
