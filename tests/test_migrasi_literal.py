"""Migrations never call live code: they carry their own copy of any data they write.

A migration that imports today's table class or seed function runs today's code against yesterday's schema on
every fresh install; the first column added later breaks it.
"""

import ast
import json
from pathlib import Path

from plugin_sdk.testing import run_sync

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PACKAGES = {"core", "plugin_sdk", "plugins", "themes", "balai_adat", "balai_demo"}


def migration_files() -> list[Path]:
    folders = [p for top in ("core", "plugins", "examples") for p in (ROOT / top).glob("**/migrations") if p.is_dir()]
    return sorted(f for folder in folders for f in folder.glob("*.py") if f.name != "__init__.py")


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


def test_no_migration_imports_the_projects_own_modules():
    files = migration_files()
    assert any("surat" in f.name for f in files), "migrations not found"
    offenders = {str(f.relative_to(ROOT)): sorted(m for m in imported_modules(f)
                                                  if m.split(".")[0] in PROJECT_PACKAGES)
                 for f in files}
    assert {f: m for f, m in offenders.items() if m} == {}


def test_fresh_install_holds_exactly_the_shipped_letter_types(balai):
    """The seed migration's frozen rows are what `bawaan/` ships: change one, write a migration for the other."""
    from plugins.surat.jenis import builtin
    from plugins.surat.tables import JenisSurat

    stored = run_sync(JenisSurat.select().order_by(JenisSurat.id).run())
    shipped = builtin()
    assert [r["kode"] for r in stored] == [r["kode"] for r in shipped]
    assert [r["id"] for r in stored] == list(range(1, len(shipped) + 1))
    columns = set(stored[0]) & set(shipped[0])
    assert {"nama", "template", "isian", "persyaratan", "masa_berlaku_hari"} <= columns
    for row, expected in zip(stored, shipped):
        assert {c: row[c] for c in columns} == {c: expected[c] for c in columns}, row["kode"]
        assert json.loads(row["isian"]) == json.loads(expected["isian"])
        assert row["aktif"] is True and row["margin"] == "15,20,15,25" and row["diubah"].tzinfo is not None


def test_migration_ids_are_unique_across_apps():
    """Piccolo forgets a reversed migration by its id alone: two apps sharing one would lose each other's record."""
    ids = {}
    for path in migration_files():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["ID"]:
                ids.setdefault(node.value.value, []).append(str(path.relative_to(ROOT)))
    assert {k: v for k, v in ids.items() if len(v) > 1} == {}
