"""The residents' accounts; the table keeps the name it had in the kernel (`balai_akun_warga`), so no data moves."""

from piccolo.columns import Boolean, Integer, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table

from plugin_sdk import register


class AkunWarga(Table, tablename="balai_akun_warga"):
    """A resident's self-service account: one per resident, made when the office first issues a PIN."""

    penduduk = register.resident_fk(unique=True, index=True)
    pin_hash = Varchar(length=255, secret=True)
    wajib_ganti_pin = Boolean(default=True)  # a PIN from the counter is known to staff: change it first
    aktif = Boolean(default=True)
    # Bumped when the PIN is reset or the account switched off: older sessions end at once.
    sesi_versi = Integer(default=0)
    pin_dari = Varchar(length=64, default="")  # the staff member who last issued the PIN
    pin_diatur = Timestamptz(default=TimestamptzNow())
    dibuat = Timestamptz(default=TimestamptzNow())
    terakhir_masuk = Timestamptz(null=True, default=None)
