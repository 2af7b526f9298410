"""The potential's tables: figures per year, indicator and jorong; what is published; photos."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import BigInt, Boolean, Integer, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T08:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "tabel potensi: nilai indikator per tahun, indikator yang diterbitkan, foto"


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="potensi", description=DESCRIPTION)

    table, name = "NilaiPotensi", "potensi_nilai"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "tahun", Integer, default=0, index=True)
    _column(manager, table, name, "indikator", Varchar, length=60, index=True)
    _column(manager, table, name, "jorong", Integer, default=0)
    _column(manager, table, name, "nilai", BigInt, default=0)
    _column(manager, table, name, "sumber", Varchar, length=120)
    _column(manager, table, name, "keterangan", Varchar, length=250)
    _column(manager, table, name, "diubah", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "oleh", Varchar, length=60)

    table, name = "TerbitPotensi", "potensi_terbit"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "indikator", Varchar, length=60, unique=True)

    table, name = "FotoPotensi", "potensi_foto"
    manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
    _column(manager, table, name, "judul", Varchar, length=120)
    _column(manager, table, name, "keterangan", Varchar, length=300)
    _column(manager, table, name, "tema", Varchar, length=30)
    _column(manager, table, name, "berkas", Varchar, length=80)
    _column(manager, table, name, "terbit", Boolean, default=False)
    _column(manager, table, name, "urutan", Integer, default=0)
    _column(manager, table, name, "dibuat", Timestamptz, default=TimestamptzNow())
    return manager
