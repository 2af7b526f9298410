"""The hub's growing tables (applied batches, releases, event summaries): hash-partitioned by kode_wilayah on
PostgreSQL, so each nagari's rows live in one of 8 partitions and a later move to Citus keeps the same key; plain
tables on SQLite (a hub never runs there, but every installation runs every migration)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import BigInt, BigSerial, Boolean, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.columns.indexes import IndexMethod
from piccolo.engine import engine_finder

ID = "2026-12-07T03:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "hub sinkron: batch diterapkan, rilis dan peristiwa per nagari (dipartisi per kode wilayah)"

PARTISI = 8
_NOW = "NOT NULL DEFAULT CURRENT_TIMESTAMP"
POSTGRES = {
    "hub_batch": f"""id BIGSERIAL NOT NULL, kode_wilayah VARCHAR(20) NOT NULL DEFAULT '',
        seq BIGINT NOT NULL DEFAULT 0, diterapkan TIMESTAMPTZ {_NOW}, ukuran INTEGER NOT NULL DEFAULT 0,
        lewat VARCHAR(10) NOT NULL DEFAULT 'http',
        PRIMARY KEY (kode_wilayah, id), UNIQUE (kode_wilayah, seq)""",
    "hub_rilis": f"""id BIGSERIAL NOT NULL, kode_wilayah VARCHAR(20) NOT NULL DEFAULT '',
        dataset VARCHAR(100) NOT NULL DEFAULT '', periode VARCHAR(10) NOT NULL DEFAULT '',
        versi INTEGER NOT NULL DEFAULT 1, sementara BOOLEAN NOT NULL DEFAULT false,
        kolom TEXT NOT NULL DEFAULT '[]', baris TEXT NOT NULL DEFAULT '[]', diterima TIMESTAMPTZ {_NOW},
        diubah TIMESTAMPTZ {_NOW},
        PRIMARY KEY (kode_wilayah, id), UNIQUE (kode_wilayah, dataset, periode)""",
    "hub_peristiwa": f"""id BIGSERIAL NOT NULL, kode_wilayah VARCHAR(20) NOT NULL DEFAULT '',
        bulan VARCHAR(7) NOT NULL DEFAULT '', baris TEXT NOT NULL DEFAULT '[]', diterima TIMESTAMPTZ {_NOW},
        PRIMARY KEY (kode_wilayah, id), UNIQUE (kode_wilayah, bulan)""",
}
# the dashboards read one dataset and period across every nagari
INDEXES = ("CREATE INDEX hub_rilis_dataset ON hub_rilis (dataset, periode)",)


def _column(manager, table: str, tablename: str, name: str, column_class, **params) -> None:
    full = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
            "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False, **params}
    manager.add_column(table_class_name=table, tablename=tablename, column_name=name, db_column_name=name,
                       column_class_name=column_class.__name__, column_class=column_class, params=full, schema=None)


def _sqlite_tables(manager) -> None:
    for table, name in (("BatchHub", "hub_batch"), ("RilisHub", "hub_rilis"), ("PeristiwaHub", "hub_peristiwa")):
        manager.add_table(class_name=table, tablename=name, schema=None, columns=None)
        _column(manager, table, name, "id", BigSerial, default=None, primary_key=True)
        _column(manager, table, name, "kode_wilayah", Varchar, length=20)
    table, name = "BatchHub", "hub_batch"
    _column(manager, table, name, "seq", BigInt, default=0)
    _column(manager, table, name, "diterapkan", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "ukuran", Integer, default=0)
    _column(manager, table, name, "lewat", Varchar, length=10, default="http")
    table, name = "RilisHub", "hub_rilis"
    _column(manager, table, name, "dataset", Varchar, length=100)
    _column(manager, table, name, "periode", Varchar, length=10)
    _column(manager, table, name, "versi", Integer, default=1)
    _column(manager, table, name, "sementara", Boolean, default=False)
    _column(manager, table, name, "kolom", Text, default="[]")
    _column(manager, table, name, "baris", Text, default="[]")
    _column(manager, table, name, "diterima", Timestamptz, default=TimestamptzNow())
    _column(manager, table, name, "diubah", Timestamptz, default=TimestamptzNow())
    table, name = "PeristiwaHub", "hub_peristiwa"
    _column(manager, table, name, "bulan", Varchar, length=7)
    _column(manager, table, name, "baris", Text, default="[]")
    _column(manager, table, name, "diterima", Timestamptz, default=TimestamptzNow())


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="sinkron", description=DESCRIPTION)
    if engine_finder().engine_type != "postgres":
        _sqlite_tables(manager)
        return manager

    async def partitioned():
        engine = engine_finder()
        for name, columns in POSTGRES.items():
            await engine.run_ddl(f"CREATE TABLE {name} ({columns}) PARTITION BY HASH (kode_wilayah)")
            for sisa in range(PARTISI):
                await engine.run_ddl(f"CREATE TABLE {name}_p{sisa} PARTITION OF {name} "
                                     f"FOR VALUES WITH (MODULUS {PARTISI}, REMAINDER {sisa})")
        for statement in INDEXES:
            await engine.run_ddl(statement)

    manager.add_raw(partitioned)
    return manager
