"""`balai_akun_warga` leaves the core app for the `akun_warga` plugin; the table itself is not touched.

Recorded as a dropped table so that the core's migration history (what Piccolo compares the table classes with
when it writes the next automatic migration) no longer holds it, but nothing runs forwards: the rows stay where
they are, and the plugin's first migration adopts the table. Backwards the core takes the table back: it is made
again, empty and as migration 2026-11-27T05:31:51:434582 made it, where the plugin's own backwards dropped it.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns import Boolean, ForeignKey, Integer, Timestamptz, Varchar
from piccolo.columns.base import OnDelete
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.engine import engine_finder
from piccolo.table import Table

ID = "2026-12-04T18:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "akun warga pindah ke plugin akun_warga (tabel tetap)"


class Penduduk(Table, tablename="balai_penduduk"):
    pass


class AkunWarga(Table, tablename="balai_akun_warga"):
    """The table as the core made it."""

    penduduk = ForeignKey(references=Penduduk, on_delete=OnDelete.restrict, unique=True, index=True)
    pin_hash = Varchar(length=255, secret=True)
    wajib_ganti_pin = Boolean(default=True)
    aktif = Boolean(default=True)
    sesi_versi = Integer(default=0)
    pin_dari = Varchar(length=64, default="")
    pin_diatur = Timestamptz(default=TimestamptzNow())
    dibuat = Timestamptz(default=TimestamptzNow())
    terakhir_masuk = Timestamptz(null=True, default=None)


class RecordOnly(MigrationManager):
    """Changes the history's picture of the schema; forwards never the database."""

    async def run(self, backwards: bool = False):
        if backwards:
            AkunWarga._meta.db = Penduduk._meta.db = engine_finder()
            await AkunWarga.create_table(if_not_exists=True).run()
        return None


async def forwards():
    manager = RecordOnly(migration_id=ID, app_name="core", description=DESCRIPTION)
    manager.drop_table(class_name="AkunWarga", tablename="balai_akun_warga")
    return manager
