"""The table of a resident's photo and document scans; the files themselves are in the kernel's file store."""

from piccolo.columns import ForeignKey, Integer, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from core.penduduk.tables import Penduduk


class BerkasPenduduk(Table, tablename="balai_penduduk_berkas"):
    """A resident's photo (at most one: a partial unique index, migration 2026-12-05T12:40) or a document scan.

    Unlike the register, a row here may be deleted (with a reason, in the audit log): a scan that is wrong or no
    longer needed should not be kept (UU 27/2022, data kept only as long as its purpose needs it).
    """

    penduduk = ForeignKey(references=Penduduk, on_delete=OnDelete.restrict, index=True)
    jenis = Varchar(length=16)  # core.penduduk.berkas.JENIS: foto, ktp, kk, akta_lahir, ...
    judul = Varchar(length=120, default="")
    berkas = Varchar(length=64, unique=True)  # the name the file store gave it (folder "penduduk")
    ukuran = Integer(default=0)  # bytes as stored (a photo after it was shrunk and re-encoded)
    mime = Varchar(length=64)
    diunggah_oleh = Varchar(length=64, default="")  # username as it was, like the audit log
    diunggah = Timestamptz(default=TimestamptzNow())
