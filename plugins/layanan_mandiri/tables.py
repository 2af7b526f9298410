"""Tables of `layanan_mandiri`: the letter types open to residents, their requests, documents and history."""

from piccolo.columns import ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from plugin_sdk.register import resident_fk
from plugins.surat.api import letter_fk, letter_type_fk


class JenisMandiri(Table, tablename="mandiri_jenis"):
    """A letter type (by its code in `surat`) residents may request themselves; the office opens and closes them."""

    kode = Varchar(length=40, unique=True)


class Permohonan(Table, tablename="mandiri_permohonan"):
    """One resident's request for one letter. Never deleted: cancelled or refused ones stay in the history."""

    penduduk = resident_fk(index=True)
    jenis = letter_type_fk(index=True)  # read through plugins.surat.api.letter_type(id=...)
    status = Varchar(length=16, index=True)  # see status.py
    keperluan = Varchar(length=300, default="")
    isian = Text(default="{}")  # JSON: the letter type's extra fields as the resident typed them
    alasan = Varchar(length=300, default="")  # why it was refused or cancelled, shown to the resident
    surat = letter_fk(null=True, default=None, index=True)  # read through plugins.surat.api.letter(...)
    dibuat = Timestamptz(default=TimestamptzNow())
    diajukan = Timestamptz(null=True, default=None)  # last time it went to the office
    diubah = Timestamptz(default=TimestamptzNow(), index=True)


class Lampiran(Table, tablename="mandiri_lampiran"):
    """A document uploaded for one requirement of a request, kept in the file store outside the web root."""

    permohonan = ForeignKey(references=Permohonan, on_delete=OnDelete.cascade, index=True)
    syarat = Integer()  # index of the requirement in the letter type's list
    berkas = Varchar(length=40)  # stored name: <random>.pdf|png|jpg
    nama_asli = Varchar(length=120, default="")
    ukuran = Integer(default=0)
    diunggah = Timestamptz(default=TimestamptzNow())


class RiwayatPermohonan(Table, tablename="mandiri_riwayat"):
    """Each change of a request's status, for the resident's history and the office's record."""

    permohonan = ForeignKey(references=Permohonan, on_delete=OnDelete.cascade, index=True)
    status = Varchar(length=16)
    oleh = Varchar(length=64, default="")  # "warga" or the staff username
    catatan = Varchar(length=300, default="")
    waktu = Timestamptz(default=TimestamptzNow())
