"""The budget's tables: APB Desa versions, activities, lines and realisation (by hand)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import BigInt, Date, ForeignKey, Integer, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-06T03:15:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "tabel APB Desa: versi, kegiatan, baris anggaran, realisasi"


class Apbdes(Table, tablename="keuangan_apbdes", schema=None):
    id = Serial(null=False, primary_key=True, unique=False, index=False, index_method=IndexMethod.btree,
                choices=None, db_column_name="id", secret=False)


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


def _fk(manager, table: str, tablename: str) -> None:
    _column(manager, table, tablename, "apbdes", ForeignKey, references=Apbdes, on_delete=OnDelete.cascade,
            on_update=OnUpdate.cascade, target_column=None, default=None, index=True)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="keuangan", description=DESCRIPTION)

    table, name = "Apbdes", "keuangan_apbdes"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "tahun", Integer, default=0, index=True)
    _column(manager, table, name, "versi", Integer, default=1)
    _column(manager, table, name, "nama", Varchar, length=120)
    _column(manager, table, name, "status", Varchar, length=8, default="draf", index=True)
    _column(manager, table, name, "berlaku_sejak", Date, default=None, null=True)
    _column(manager, table, name, "nomor_perdes", Varchar, length=80)
    _column(manager, table, name, "sumber", Varchar, length=12, default="manual")
    _column(manager, table, name, "sidik_berkas", Varchar, length=64)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "diubah", Timestamptz, default=TimestamptzNow())

    table, name = "Kegiatan", "keuangan_kegiatan"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _fk(manager, table, name)
    _column(manager, table, name, "kode", Varchar, length=20)
    _column(manager, table, name, "nama", Varchar, length=250)

    table, name = "BarisAnggaran", "keuangan_baris"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _fk(manager, table, name)
    _column(manager, table, name, "kegiatan", Varchar, length=20)
    _column(manager, table, name, "akun", Varchar, length=20)
    _column(manager, table, name, "uraian", Varchar, length=250)
    _column(manager, table, name, "anggaran", BigInt, default=0)
    _column(manager, table, name, "sumber_dana", Varchar, length=10)

    table, name = "Realisasi", "keuangan_realisasi"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "tahun", Integer, default=0, index=True)
    _column(manager, table, name, "kegiatan", Varchar, length=20)
    _column(manager, table, name, "akun", Varchar, length=20)
    _column(manager, table, name, "tanggal", Date, default=None)
    _column(manager, table, name, "jumlah", BigInt, default=0)
    _column(manager, table, name, "uraian", Varchar, length=250)
    _column(manager, table, name, "bukti", Varchar, length=60)
    _column(manager, table, name, "sumber", Varchar, length=12, default="manual")
    _column(manager, table, name, "dicatat", Timestamptz, default=TimestamptzNow())
    return manager
