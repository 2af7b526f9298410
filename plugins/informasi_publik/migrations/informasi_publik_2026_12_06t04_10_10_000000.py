"""The PPID's tables: public-information documents, requests, holidays."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Boolean, Date, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T04:10:10:000000"
VERSION = "1.38.0"
DESCRIPTION = "tabel PPID: dokumen informasi publik, permohonan informasi, hari libur"


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="informasi_publik", description=DESCRIPTION)

    table, name = "DokumenInformasi", "informasi_publik_dokumen"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "judul", Varchar, length=200)
    _column(manager, table, name, "uraian", Text)
    _column(manager, table, name, "kategori", Varchar, length=16, index=True)
    _column(manager, table, name, "tahun", Integer, default=0, index=True)
    _column(manager, table, name, "pejabat", Integer, default=None, null=True)
    _column(manager, table, name, "penanggung_jawab", Varchar, length=200)
    _column(manager, table, name, "berkas", Varchar, length=100)
    _column(manager, table, name, "tautan", Varchar, length=500)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "diubah", Timestamptz, default=TimestamptzNow())

    table, name = "PermohonanInformasi", "informasi_publik_permohonan"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "nomor", Varchar, length=40, unique=True)
    _column(manager, table, name, "tahun", Integer, default=0, index=True)
    _column(manager, table, name, "urut", Integer, default=0)
    _column(manager, table, name, "kode_sidik", Varchar, length=64)
    _column(manager, table, name, "nama", Varchar, length=120)
    _column(manager, table, name, "alamat", Varchar, length=250)
    _column(manager, table, name, "kontak", Varchar, length=120)
    _column(manager, table, name, "informasi", Text)
    _column(manager, table, name, "tujuan", Text)
    _column(manager, table, name, "cara", Varchar, length=16)
    _column(manager, table, name, "kirim", Varchar, length=16)
    _column(manager, table, name, "sidik", Varchar, length=64)
    _column(manager, table, name, "diterima", Date, default=None)
    _column(manager, table, name, "tenggat", Date, default=None)
    _column(manager, table, name, "diperpanjang", Boolean, default=False)
    _column(manager, table, name, "alasan_perpanjangan", Text)
    _column(manager, table, name, "status", Varchar, length=12, default="diproses", index=True)
    _column(manager, table, name, "dijawab", Date, default=None, null=True)
    _column(manager, table, name, "pasal", Varchar, length=16)
    _column(manager, table, name, "catatan", Text)
    _column(manager, table, name, "keberatan", Date, default=None, null=True)
    _column(manager, table, name, "keberatan_alasan", Varchar, length=16)
    _column(manager, table, name, "keberatan_uraian", Text)
    _column(manager, table, name, "keberatan_tenggat", Date, default=None, null=True)
    _column(manager, table, name, "keberatan_dijawab", Date, default=None, null=True)
    _column(manager, table, name, "keberatan_tanggapan", Text)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())

    table, name = "HariLibur", "informasi_publik_libur"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "tanggal", Date, default=None, unique=True)
    _column(manager, table, name, "nama", Varchar, length=120)
    _column(manager, table, name, "cuti_bersama", Boolean, default=False)
    return manager
