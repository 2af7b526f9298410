"""The letter registers' tables: the agenda counter, incoming letters, manual outgoing letters, dispatch."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import Date, ForeignKey, Integer, Serial, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-06T04:10:20:000000"
VERSION = "1.38.0"
DESCRIPTION = "agenda surat: nomor agenda, surat masuk, surat keluar manual, ekspedisi"


class SuratKeluar(Table, tablename="informasi_publik_surat_keluar", schema=None):
    id = Serial(null=False, primary_key=True, unique=False, index=False, index_method=IndexMethod.btree,
                choices=None, db_column_name="id", secret=False)


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


def _dicatat(manager, table: str, tablename: str) -> None:
    _column(manager, table, tablename, "dicatat_oleh", Varchar, length=64)
    _column(manager, table, tablename, "dicatat", Timestamptz, default=TimestamptzNow())


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="informasi_publik", description=DESCRIPTION)

    table, name = "UrutanAgenda", "informasi_publik_agenda_urutan"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "tahun", Integer, default=0, unique=True)
    _column(manager, table, name, "terakhir", Integer, default=0)

    table, name = "SuratMasuk", "informasi_publik_surat_masuk"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "tahun", Integer, default=0, index=True)
    _column(manager, table, name, "nomor_agenda", Integer, default=0)
    _column(manager, table, name, "tanggal_terima", Date, default=None, index=True)
    _column(manager, table, name, "nomor_surat", Varchar, length=100)
    _column(manager, table, name, "tanggal_surat", Date, default=None)
    _column(manager, table, name, "pengirim", Varchar, length=200)
    _column(manager, table, name, "isi", Varchar, length=500)
    _column(manager, table, name, "disposisi_kepada", Integer, default=None, null=True)
    _column(manager, table, name, "disposisi_nama", Varchar, length=200)
    _column(manager, table, name, "disposisi_isi", Varchar, length=500)
    _column(manager, table, name, "disposisi_tanggal", Date, default=None, null=True)
    _column(manager, table, name, "berkas", Varchar, length=80)
    _column(manager, table, name, "keterangan", Varchar, length=300)
    _dicatat(manager, table, name)

    table, name = "SuratKeluar", "informasi_publik_surat_keluar"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "nomor", Varchar, length=100, unique=True)
    _column(manager, table, name, "tanggal", Date, default=None, index=True)
    _column(manager, table, name, "kepada", Varchar, length=200)
    _column(manager, table, name, "isi", Varchar, length=500)
    _column(manager, table, name, "keterangan", Varchar, length=300)
    _dicatat(manager, table, name)

    table, name = "Ekspedisi", "informasi_publik_ekspedisi"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "surat_keluar", ForeignKey, references=SuratKeluar, on_delete=OnDelete.restrict,
            on_update=OnUpdate.cascade, target_column=None, default=None, null=True)
    _column(manager, table, name, "surat_id", Integer, default=None, null=True)
    _column(manager, table, name, "nomor_surat", Varchar, length=100)
    _column(manager, table, name, "tanggal_surat", Date, default=None)
    _column(manager, table, name, "isi", Varchar, length=500)
    _column(manager, table, name, "kepada", Varchar, length=200)
    _column(manager, table, name, "tanggal_kirim", Date, default=None, index=True)
    _column(manager, table, name, "cara", Varchar, length=60)
    _column(manager, table, name, "penerima", Varchar, length=200)
    _column(manager, table, name, "keterangan", Varchar, length=300)
    _dicatat(manager, table, name)
    return manager
