"""Tables the kernel itself owns (its own Piccolo app, `core`)."""

from piccolo.columns import Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table


class Pengguna(Table, tablename="balai_pengguna"):
    """A staff account. Residents log in through a separate realm."""

    username = Varchar(length=64, unique=True, index=True)
    nama = Varchar(length=120)
    password_hash = Varchar(length=255)
    aktif = Boolean(default=True)
    adalah_admin = Boolean(default=False)
    dibuat = Timestamptz(default=TimestamptzNow())


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
