"""Tables the kernel itself owns (its own Piccolo app, `core`)."""

from piccolo.columns import Boolean, Date, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from core.penduduk.tables import Wilayah


class Peran(Table, tablename="balai_peran"):
    """A role: a named set of permissions. Built-in roles can be edited but not deleted."""

    kode = Varchar(length=32, unique=True)  # stable identifier: administrator, operator, wali_nagari, ...
    nama = Varchar(length=64, unique=True)
    keterangan = Text(default="")
    izin = Text(default="[]")  # JSON list of permission codes
    semua_izin = Boolean(default=False)  # Administrator: every permission, including ones added later
    bawaan = Boolean(default=False)


class Pengguna(Table, tablename="balai_pengguna"):
    """A staff account. Residents log in through a separate realm. Never deleted: deactivated."""

    username = Varchar(length=64, unique=True, index=True)
    nama = Varchar(length=120)
    password_hash = Varchar(length=255, secret=True)
    peran = ForeignKey(references=Peran, on_delete=OnDelete.restrict, null=False)
    aktif = Boolean(default=True)
    totp_rahasia = Varchar(length=64, default="", secret=True)
    totp_aktif = Boolean(default=False)
    kode_pemulihan = Text(default="[]", secret=True)  # JSON list of argon2 hashes, each usable once
    # Bumped when the password is changed or reset or the account is deactivated: every
    # session that carries an older number is over.
    sesi_versi = Integer(default=0)
    wajib_ganti_sandi = Boolean(default=False)  # after a reset by an administrator
    # The part of the nagari this account works in (a jorong, RW or RT, with everything below it);
    # None: the whole nagari. Lists, pages, the API, exports and the SDK's register helpers apply it.
    wilayah_lingkup = ForeignKey(references=Wilayah, on_delete=OnDelete.restrict, null=True, default=None)
    dibuat = Timestamptz(default=TimestamptzNow())
    terakhir_masuk = Timestamptz(null=True, default=None)


class PercobaanMasuk(Table, tablename="balai_percobaan_masuk"):
    """Failed login attempts per IP address or account, for growing delays (never a hard lock)."""

    kunci = Varchar(length=160, unique=True, index=True)  # "ip:1.2.3.4" or "akun:admin"
    gagal = Integer(default=0)
    terakhir = Timestamptz(default=TimestamptzNow())


class PluginState(Table, tablename="balai_plugin"):
    """Whether an installed plugin is enabled. Absent row: never seen yet."""

    nama = Varchar(length=64, unique=True, index=True)
    aktif = Boolean(default=False)
    diubah = Timestamptz(default=TimestamptzNow())


class Pengaturan(Table, tablename="balai_pengaturan"):
    """Operator-edited settings, one JSON value per key (plugin settings are `plugin.key`)."""

    kunci = Varchar(length=128, unique=True, index=True)
    # JSON text. Not Piccolo's JSON column: SQLite gives a column declared JSON numeric
    # affinity, so the text "2" would come back as the integer 2.
    nilai = Text(default="null")
    versi = Integer(default=0)


class Perangkat(Table, tablename="balai_perangkat"):
    """An official of the nagari (perangkat): who may sign letters, and on whose behalf."""

    nama = Varchar(length=120)
    nip = Varchar(length=32, default="")  # civil-servant number, when the official has one
    nomor_staf = Varchar(length=32, default="")  # the village staff number otherwise
    jabatan = Varchar(length=120)
    masa_mulai = Date(null=True, default=None)
    masa_selesai = Date(null=True, default=None)
    boleh_tanda_tangan = Boolean(default=False)
    # "kepala" signs in their own name; "an" signs a.n. the head; "ub" signs a.n. the head u.b. `atasan`.
    cara_tanda_tangan = Varchar(length=8, default="an")
    atasan = ForeignKey(references="self", on_delete=OnDelete.restrict, null=True, default=None)
    aktif = Boolean(default=True)
    urutan = Integer(default=100)
    foto = Varchar(length=64, default="")  # stem of the photo for the public website (core/files_gambar.py), or ""
