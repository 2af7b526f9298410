"""The tables of social assistance: programs, cycles and their lists, distributions, DTKS/DTSEN per family."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import (BigInt, Boolean, Date, ForeignKey, Integer, Serial, SmallInt, Text,
                                          Timestamptz, Varchar)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-06T20:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "tabel bantuan: program, siklus dan daftar penerima, penyaluran, DTKS per keluarga"


def _ref(tablename: str):
    class Ref(Table, tablename=tablename, schema=None):
        id = Serial(null=False, primary_key=True, unique=False, index=False, index_method=IndexMethod.btree,
                    choices=None, db_column_name="id", secret=False)
    return Ref


Penduduk, Keluarga = _ref("balai_penduduk"), _ref("balai_keluarga")
Program, Siklus, Peserta = _ref("bantuan_program"), _ref("bantuan_siklus"), _ref("bantuan_peserta")


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


def _fk(manager, table: str, tablename: str, name: str, references, **params) -> None:
    _column(manager, table, tablename, name, ForeignKey, references=references, on_delete=OnDelete.restrict,
            on_update=OnUpdate.cascade, target_column=None, **{"default": None, "index": True, **params})


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="bantuan", description=DESCRIPTION)

    table, name = "ProgramBantuan", "bantuan_program"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "nama", Varchar, length=150)
    _column(manager, table, name, "sumber", Varchar, length=20)
    _column(manager, table, name, "sumber_lain", Varchar, length=120)
    _column(manager, table, name, "sasaran", Varchar, length=12)
    _column(manager, table, name, "mulai", Date, default=None)
    _column(manager, table, name, "selesai", Date, default=None, null=True)
    _column(manager, table, name, "kuota", Integer, default=None, null=True)
    _column(manager, table, name, "bentuk", Varchar, length=10, default="uang")
    _column(manager, table, name, "nilai", BigInt, default=0)
    _column(manager, table, name, "barang", Varchar, length=150)
    _column(manager, table, name, "status", Varchar, length=10, default="draf", index=True)
    _column(manager, table, name, "aturan", Text)
    _column(manager, table, name, "keterangan", Varchar, length=500)
    _column(manager, table, name, "publik", Boolean, default=False)
    _column(manager, table, name, "dasar_hukum", Varchar, length=300)
    _column(manager, table, name, "nama_utuh", Boolean, default=False)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "diubah", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "oleh", Varchar, length=60)

    table, name = "SiklusBantuan", "bantuan_siklus"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _fk(manager, table, name, "program", Program)
    _column(manager, table, name, "nomor", Integer, default=0)
    _column(manager, table, name, "nama", Varchar, length=120)
    _column(manager, table, name, "periode_mulai", Date, default=None)
    _column(manager, table, name, "periode_selesai", Date, default=None, null=True)
    _column(manager, table, name, "status", Varchar, length=12, default="disusun", index=True)
    _column(manager, table, name, "disusun_oleh", Varchar, length=60)
    _column(manager, table, name, "diajukan_oleh", Varchar, length=60)
    _column(manager, table, name, "diajukan", Timestamptz, default=None, null=True)
    _column(manager, table, name, "disetujui_oleh", Varchar, length=60)
    _column(manager, table, name, "disetujui", Timestamptz, default=None, null=True)
    _column(manager, table, name, "catatan", Varchar, length=500)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())

    table, name = "PesertaBantuan", "bantuan_peserta"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _fk(manager, table, name, "siklus", Siklus)
    _column(manager, table, name, "kunci", Varchar, length=80)
    _fk(manager, table, name, "penduduk", Penduduk, null=True)
    _column(manager, table, name, "keluarga", Integer, default=None, null=True, index=True)
    _column(manager, table, name, "rumah_tangga", Integer, default=None, null=True)
    _column(manager, table, name, "kelompok", Varchar, length=150)
    _column(manager, table, name, "asal", Varchar, length=10, default="manual")
    _column(manager, table, name, "alasan", Text)
    _column(manager, table, name, "keluar", Boolean, default=False)
    _column(manager, table, name, "alasan_keluar", Varchar, length=300)
    _column(manager, table, name, "no_kartu", Varchar, length=40)
    _column(manager, table, name, "data", Text)
    _column(manager, table, name, "tanda", Varchar, length=12)
    _column(manager, table, name, "tanda_alasan", Varchar, length=300)
    _column(manager, table, name, "diubah", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "oleh", Varchar, length=60)

    table, name = "PenyaluranBantuan", "bantuan_penyaluran"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _fk(manager, table, name, "peserta", Peserta)
    _column(manager, table, name, "tanggal", Date, default=None)
    _column(manager, table, name, "jumlah", BigInt, default=0)
    _column(manager, table, name, "barang", Varchar, length=150)
    _column(manager, table, name, "diterima_oleh", Varchar, length=150)
    _column(manager, table, name, "keterangan", Varchar, length=300)
    _column(manager, table, name, "dicatat", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "oleh", Varchar, length=60)

    table, name = "DtksKeluarga", "bantuan_dtks"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _fk(manager, table, name, "keluarga", Keluarga, unique=True)
    _column(manager, table, name, "no_kk", Varchar, length=16)
    _column(manager, table, name, "terdaftar", Boolean, default=True)
    _column(manager, table, name, "desil", SmallInt, default=None, null=True)
    _column(manager, table, name, "id_dtks", Varchar, length=40)
    _column(manager, table, name, "tahun", Integer, default=None, null=True)
    _column(manager, table, name, "sumber", Varchar, length=120)
    _column(manager, table, name, "diimpor", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "oleh", Varchar, length=60)
    return manager
