"""The register keeps what OpenSID's import used to park beside it: documents, birth details, work insurance.

Written by hand, with its own copy of every column (tests/test_migrasi_literal.py). The names are OpenSID's
(`dokumen_pasport` as OpenSID spells it). Every column is empty text or NULL for residents already on record:
the impor plugin's own migration moves the values it kept beside the register into them.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Date, DoublePrecision, SmallInt, Time, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-05T12:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "penduduk: dokumen, data kelahiran, BPJS Ketenagakerjaan"

TABLE = "balai_penduduk"


def _params(**own) -> dict:
    return {"null": False, "primary_key": False, "unique": False, "index": False, "index_method": IndexMethod.btree,
            "choices": None, "db_column_name": None, "secret": False, **own}


def _text(length: int) -> dict:
    return _params(length=length, default="")


EMPTY = {"null": True, "default": None}

COLUMNS = (
    ("dokumen_pasport", Varchar, _text(45)),
    ("tanggal_akhir_paspor", Date, _params(**EMPTY)),
    ("dokumen_kitas", Varchar, _text(45)),
    ("bpjs_ketenagakerjaan", Varchar, _text(100)),
    ("waktu_lahir", Time, _params(**EMPTY)),
    ("tempat_dilahirkan", Varchar, _text(40)),
    ("jenis_kelahiran", Varchar, _text(40)),
    ("penolong_kelahiran", Varchar, _text(40)),
    ("kelahiran_anak_ke", SmallInt, _params(**EMPTY)),
    ("berat_lahir", SmallInt, _params(**EMPTY)),
    ("panjang_lahir", DoublePrecision, _params(**EMPTY)),
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)
    for name, column_class, params in COLUMNS:
        manager.add_column(table_class_name="Penduduk", tablename=TABLE, column_name=name, db_column_name=name,
                           column_class_name=column_class.__name__, column_class=column_class, params=params,
                           schema=None)
    return manager
