"""The public website's tables: categories, articles, static pages, menu, comments, images, home blocks (by hand)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import Boolean, ForeignKey, Integer, Serial, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

ID = "2026-12-05T23:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "tabel situs web: kategori, artikel, halaman, menu, komentar, gambar, blok beranda"


def _id() -> Serial:
    return Serial(null=False, primary_key=True, unique=False, index=False, index_method=IndexMethod.btree,
                  choices=None, db_column_name="id", secret=False)


class Kategori(Table, tablename="portal_kategori", schema=None):
    id = _id()


class Artikel(Table, tablename="portal_artikel", schema=None):
    id = _id()


class Halaman(Table, tablename="portal_halaman", schema=None):
    id = _id()


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


def _fk(manager, table: str, tablename: str, name: str, references, on_delete, **params) -> None:
    _column(manager, table, tablename, name, ForeignKey, references=references, on_delete=on_delete,
            on_update=OnUpdate.cascade, target_column=None, **params)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="portal", description=DESCRIPTION)

    table, name = "Kategori", "portal_kategori"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "nama", Varchar, length=80, unique=True)
    _column(manager, table, name, "slug", Varchar, length=90, unique=True)
    _column(manager, table, name, "urutan", Integer, default=0)

    table, name = "Artikel", "portal_artikel"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "judul", Varchar, length=200)
    _column(manager, table, name, "slug", Varchar, length=220, unique=True)
    _column(manager, table, name, "jenis", Varchar, length=12, default="berita", index=True)
    _fk(manager, table, name, "kategori", Kategori, OnDelete.set_null, null=True, default=None, index=True)
    _column(manager, table, name, "ringkasan", Text)
    _column(manager, table, name, "isi", Text)
    _column(manager, table, name, "sampul", Varchar, length=120)
    _column(manager, table, name, "status", Varchar, length=8, default="draf", index=True)
    _column(manager, table, name, "terbit_pada", Timestamptz, default=None, null=True, index=True)
    _column(manager, table, name, "agenda_mulai", Timestamptz, default=None, null=True)
    _column(manager, table, name, "agenda_tempat", Varchar, length=200)
    _column(manager, table, name, "komentar_dibuka", Boolean, default=False)
    _column(manager, table, name, "penulis", Varchar, length=80)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "diubah", Timestamptz, default=TimestamptzNow())

    table, name = "Halaman", "portal_halaman"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "judul", Varchar, length=200)
    _column(manager, table, name, "slug", Varchar, length=220, unique=True)
    _column(manager, table, name, "isi", Text)
    _column(manager, table, name, "terbit", Boolean, default=True)
    _column(manager, table, name, "diubah", Timestamptz, default=TimestamptzNow())

    table, name = "MenuPortal", "portal_menu"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "label", Varchar, length=60)
    _fk(manager, table, name, "halaman", Halaman, OnDelete.cascade, null=True, default=None)
    _column(manager, table, name, "tautan", Varchar, length=300)
    _column(manager, table, name, "urutan", Integer, default=0)

    table, name = "Komentar", "portal_komentar"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _fk(manager, table, name, "artikel", Artikel, OnDelete.cascade, default=None, index=True)
    _column(manager, table, name, "nama", Varchar, length=80)
    _column(manager, table, name, "isi", Text)
    _column(manager, table, name, "status", Varchar, length=6, default="tunggu", index=True)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "sidik", Varchar, length=64, index=True)

    table, name = "Gambar", "portal_gambar"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "berkas", Varchar, length=120, unique=True)
    _column(manager, table, name, "lebar", Integer, default=0)
    _column(manager, table, name, "tinggi", Integer, default=0)
    _column(manager, table, name, "keterangan", Varchar, length=200)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "pengunggah", Varchar, length=80)

    table, name = "BlokBeranda", "portal_blok_beranda"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "kunci", Varchar, length=60, unique=True)
    _column(manager, table, name, "urutan", Integer, default=0)
    _column(manager, table, name, "tampil", Boolean, default=True)
    return manager
