"""Tables of `pemberitahuan`: how each resident wants to be told, and every notice with its delivery state."""

from piccolo.columns import Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from plugin_sdk import register


class Pilihan(Table, tablename="pemberitahuan_pilihan"):
    """A resident's choice: the channel's code ("" = do not tell me) and the address it sends to."""

    penduduk = register.resident_fk(unique=True, index=True)
    saluran = Varchar(length=40, default="")
    alamat = Varchar(length=200, default="")  # normalised by the channel's check (e-mail lower-cased, +62...)
    diubah = Timestamptz(default=TimestamptzNow())


class Kiriman(Table, tablename="pemberitahuan_kiriman"):
    """One notice to one resident and its delivery. Written in the transaction of the change it reports, sent
    after that commits; kept so the office and the resident see what was sent, and what failed and why."""

    kode = Varchar(length=32, unique=True)  # random: names the notice before its transaction commits
    penduduk = register.resident_fk(index=True)
    jenis = Varchar(length=16)  # permohonan | surat | uji
    peristiwa = Varchar(length=16)  # the request's new status, "terbit" (a letter) or "uji" (a test message)
    sumber_id = Integer(null=True, default=None)  # the request or the letter
    kunci = Varchar(length=48, default="", index=True)  # "surat:<id>": one letter is told once
    judul = Varchar(length=120)
    teks = Text()
    tautan = Varchar(length=300, default="")
    saluran = Varchar(length=40, default="")  # as chosen when the notice was made; "" = none chosen
    alamat = Varchar(length=200, default="")
    status = Varchar(length=16, index=True)  # see antar.py
    percobaan = Integer(default=0)
    galat = Varchar(length=300, default="")  # why the last attempt failed, in Indonesian
    dibuat = Timestamptz(default=TimestamptzNow(), index=True)
    diubah = Timestamptz(default=TimestamptzNow())
    coba_lagi = Timestamptz(null=True, default=None)  # when a failed delivery is tried again
    terkirim = Timestamptz(null=True, default=None)
