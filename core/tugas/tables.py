"""The kernel's record of background jobs: what the browser and the CLI read to show progress."""

from piccolo.columns import Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class Tugas(Table, tablename="balai_tugas"):
    """One background job. The queue itself lives in huey's store; this row is its visible state."""

    kode = Varchar(length=32, unique=True, index=True)  # unguessable id used in addresses
    jenis = Varchar(length=64)  # the registered job kind, e.g. "impor.periksa"
    judul = Varchar(length=160)
    izin = Varchar(length=64, default="")  # permission needed to watch it (besides its owner)
    parameter = Text(default="{}")  # JSON given to the job
    status = Varchar(length=12, default="antri", index=True)  # antri | berjalan | selesai | gagal | dibatalkan
    selesai_n = Integer(default=0)
    total = Integer(default=0)
    pesan = Varchar(length=300, default="")
    hasil = Text(default="{}")  # JSON the job returned
    batal_diminta = Boolean(default=False)
    dibuat_oleh = Varchar(length=64, default="")
    dibuat = Timestamptz(default=TimestamptzNow())
    mulai = Timestamptz(null=True, default=None)
    berakhir = Timestamptz(null=True, default=None)
