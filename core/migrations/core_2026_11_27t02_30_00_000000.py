"""The audit log is append-only in the database itself: UPDATE and DELETE are refused.

The hash chain detects tampering after the fact; these triggers stop the ordinary
mistakes (a careless SQL console session) before they happen.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-27T02:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "log audit hanya boleh ditambah"

SQLITE_UP = [
    """CREATE TRIGGER balai_audit_tanpa_ubah BEFORE UPDATE ON balai_audit
       BEGIN SELECT RAISE(ABORT, 'log audit hanya boleh ditambah'); END""",
    """CREATE TRIGGER balai_audit_tanpa_hapus BEFORE DELETE ON balai_audit
       BEGIN SELECT RAISE(ABORT, 'log audit hanya boleh ditambah'); END""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS balai_audit_tanpa_ubah", "DROP TRIGGER IF EXISTS balai_audit_tanpa_hapus"]
POSTGRES_UP = [
    """CREATE OR REPLACE FUNCTION balai_audit_tolak() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'log audit hanya boleh ditambah'; END; $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER balai_audit_hanya_tambah BEFORE UPDATE OR DELETE ON balai_audit
       FOR EACH ROW EXECUTE FUNCTION balai_audit_tolak()""",
]
POSTGRES_DOWN = ["DROP TRIGGER IF EXISTS balai_audit_hanya_tambah ON balai_audit",
                 "DROP FUNCTION IF EXISTS balai_audit_tolak()"]


async def _run(statements_by_engine):
    engine = engine_finder()
    for statement in statements_by_engine[engine.engine_type]:
        await engine.run_ddl(statement)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)

    async def up():
        await _run({"sqlite": SQLITE_UP, "postgres": POSTGRES_UP})

    async def down():
        await _run({"sqlite": SQLITE_DOWN, "postgres": POSTGRES_DOWN})

    manager.add_raw(up)
    manager.add_raw_backwards(down)
    return manager
