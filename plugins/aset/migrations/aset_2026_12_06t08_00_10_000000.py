"""The assets' tables: assets by KIB class, their mutations and their files."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import (BigInt, Boolean, Date, DoublePrecision, ForeignKey, Integer, Serial,
                                          Timestamptz, Varchar)
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-06T08:00:10:000000"
VERSION = "1.38.0"
DESCRIPTION = "tabel aset: barang per golongan KIB, mutasi, berkas"


class Aset(Table, tablename="aset_barang", schema=None):
    id = Serial(null=False, primary_key=True, unique=False, index=False, index_method=IndexMethod.btree,
                choices=None, db_column_name="id", secret=False)


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


def _fk(manager, table: str, tablename: str) -> None:
    _column(manager, table, tablename, "aset", ForeignKey, references=Aset, on_delete=OnDelete.restrict,
            on_update=OnUpdate.cascade, target_column=None, default=None, index=True)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="aset", description=DESCRIPTION)

    table, name = "Aset", "aset_barang"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "golongan", Varchar, length=1, index=True)
    _column(manager, table, name, "kode_barang", Varchar, length=30)
    _column(manager, table, name, "nomor_register", Integer, default=1)
    _column(manager, table, name, "nama", Varchar, length=200)
    _column(manager, table, name, "jumlah", Integer, default=1)
    _column(manager, table, name, "satuan", Varchar, length=20, default="unit")
    _column(manager, table, name, "jorong", Integer, default=0)
    _column(manager, table, name, "lokasi", Varchar, length=200)
    _column(manager, table, name, "lintang", DoublePrecision, default=None, null=True)
    _column(manager, table, name, "bujur", DoublePrecision, default=None, null=True)
    _column(manager, table, name, "tahun_perolehan", Integer, default=0)
    _column(manager, table, name, "tanggal_perolehan", Date, default=None, null=True)
    _column(manager, table, name, "asal", Varchar, length=20)
    _column(manager, table, name, "nilai", BigInt, default=0)
    _column(manager, table, name, "kondisi", Varchar, length=12, default="baik")
    _column(manager, table, name, "status", Varchar, length=20, default="aktif", index=True)
    _column(manager, table, name, "luas", DoublePrecision, default=None, null=True)
    _column(manager, table, name, "keterangan", Varchar, length=300)
    _column(manager, table, name, "tanah_kas", Boolean, default=False)
    _column(manager, table, name, "sertifikat", Varchar, length=80)
    _column(manager, table, name, "jenis_tanah", Varchar, length=20)
    _column(manager, table, name, "kelas_tanah", Varchar, length=20)
    _column(manager, table, name, "patok", Boolean, default=False)
    _column(manager, table, name, "papan_nama", Boolean, default=False)
    _column(manager, table, name, "peruntukan", Varchar, length=120)
    _column(manager, table, name, "anggaran_tahun", Integer, default=None, null=True)
    _column(manager, table, name, "anggaran_kegiatan", Varchar, length=20)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "diubah", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "oleh", Varchar, length=60)

    table, name = "MutasiAset", "aset_mutasi"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _fk(manager, table, name)
    _column(manager, table, name, "jenis", Varchar, length=20)
    _column(manager, table, name, "tanggal", Date, default=None)
    _column(manager, table, name, "kondisi_lama", Varchar, length=12)
    _column(manager, table, name, "kondisi_baru", Varchar, length=12)
    _column(manager, table, name, "nilai", BigInt, default=0)
    _column(manager, table, name, "pihak", Varchar, length=200)
    _column(manager, table, name, "dokumen", Varchar, length=120)
    _column(manager, table, name, "keterangan", Varchar, length=300)
    _column(manager, table, name, "dicatat", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "oleh", Varchar, length=60)

    table, name = "BerkasAset", "aset_berkas"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _fk(manager, table, name)
    _column(manager, table, name, "jenis", Varchar, length=10, default="foto")
    _column(manager, table, name, "judul", Varchar, length=120)
    _column(manager, table, name, "berkas", Varchar, length=80)
    _column(manager, table, name, "tipe", Varchar, length=60)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "oleh", Varchar, length=60)
    return manager
