"""Shared steps for the release-bundle tests: real Balai wheels built from this checkout with a bumped version (and
extra core migrations), a signing key the test nagari trusts, and new venvs that borrow the main .venv's
dependencies through a .pth file (a filtered folder of symlinks: never Balai itself, never pip), so an upgrade
installs only the bundle's wheels offline and nothing touches the main .venv."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import sysconfig
from pathlib import Path

from core.paket import kunci

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "plugin_sdk", "plugins", "themes", "balai_demo")
MIGRATION = '''
from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "{id}"
VERSION = "1.38.0"
DESCRIPTION = "uji pembaruan"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="core", description=DESCRIPTION)

    async def run():
        from core.tables import Pengaturan

{body}

    manager.add_raw(run)
    return manager
'''
CREATES_TABLE = ('        await Pengaturan.raw("CREATE TABLE rilis_uji (id INTEGER PRIMARY KEY, '
                 'catatan VARCHAR(40))")\n'
                 '        await Pengaturan.raw("INSERT INTO rilis_uji (id, catatan) VALUES (1, \'dari versi baru\')")')
FAILS = '        raise RuntimeError("migrasi uji sengaja gagal")'
GOOD = [("2099-01-01T00:00:00:000000", CREATES_TABLE)]
BAD = [("2099-01-01T00:00:00:000000", CREATES_TABLE), ("2099-01-02T00:00:00:000000", FAILS)]


def build_wheel(work: Path, version: str, migrations: list[tuple[str, str]] = ()) -> Path:
    """A wheel of this checkout as Balai `version`, with `migrations` (id, body) added to the core app."""
    source = work / f"sumber-{version}-{len(migrations)}"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in PACKAGES:
        shutil.copytree(ROOT / name, source / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    pyproject = source / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('\nversion = "0.1.0"', f'\nversion = "{version}"', 1))
    init = source / "core" / "__init__.py"
    init.write_text(init.read_text().replace('__version__ = "0.1.0"', f'__version__ = "{version}"'))
    for migration_id, body in migrations:
        stem = "core_" + migration_id.lower().replace("-", "_").replace(":", "_")
        (source / "core" / "migrations" / f"{stem}.py").write_text(MIGRATION.format(id=migration_id, body=body))
    out = work / f"wheel-{version}-{len(migrations)}"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out),
                    str(source)], check=True, capture_output=True)
    return next(out.glob("balai-*.whl"))


def tiny_wheel(work: Path, name: str = "bantu_uji", version: str = "1.0", extra: str = "") -> Path:
    """A small dependency wheel (with no dependencies of its own) to pin in a test lock."""
    source = work / f"{name}-{version}"
    (source / name).mkdir(parents=True)
    (source / name / "__init__.py").write_text(f'VERSI = "{version}"\n{extra}')
    (source / "pyproject.toml").write_text(
        f'[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n'
        f'[project]\nname = "{name}"\nversion = "{version}"\n')
    out = work / f"wheel-{name}-{version}"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out),
                    str(source)], check=True, capture_output=True)
    return next(out.glob("*.whl"))


def lock_for(wheels: list[Path], path: Path) -> Path:
    """A hash-pinned lock (uv's layout) listing each wheel."""
    from packaging.utils import parse_wheel_filename

    from core.paket.indeks import sha256_berkas

    lines = []
    for wheel in wheels:
        name, version, _, _ = parse_wheel_filename(wheel.name)
        lines += [f"{name}=={version} \\", f"    --hash=sha256:{sha256_berkas(wheel)}", "    # via balai"]
    path.write_text("\n".join(lines) + "\n")
    return path


def folder_of(path: Path, *wheels: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for wheel in wheels:
        shutil.copy(wheel, path / wheel.name)
    return path


def signing_key(folder: Path, name: str) -> tuple[Path, Path]:
    return kunci.buat_pasangan(folder, name)


def dependencies(folder: Path) -> Path:
    """The main .venv's packages as symlinks, without Balai, its example plugin, editable finders and pip."""
    site = Path(sysconfig.get_paths()["purelib"])
    folder.mkdir(parents=True, exist_ok=True)
    for entry in site.iterdir():
        name = entry.name.lower()
        if name.startswith(("balai", "__editable__", "pip", "_distutils_hack")) or name.endswith(".pth"):
            continue
        (folder / entry.name).symlink_to(entry)
    return folder


def borrowing(deps: Path):
    """`siapkan_venv` for the tests: the new venv sees `deps` after its own site-packages."""
    def prepare(venv: Path) -> None:
        site = next(venv.glob("lib/python3*/site-packages"))
        (site / "_dependensi_uji.pth").write_text(f"{deps}\n")
    return prepare


def migrations_ran(database_url: str) -> list[str]:
    """The migration names in the database, read directly (not with Balai's code)."""
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return [r[0] for r in db.execute("SELECT name FROM migration ORDER BY id")]
    import asyncio

    import asyncpg

    async def go():
        connection = await asyncpg.connect(database_url)
        try:
            return [r["name"] for r in await connection.fetch("SELECT name FROM migration ORDER BY id")]
        finally:
            await connection.close()

    return asyncio.run(go())


def has_table(database_url: str, table: str) -> bool:
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (table,)).fetchone() is not None
    import asyncio

    import asyncpg

    async def go():
        connection = await asyncpg.connect(database_url)
        try:
            return await connection.fetchval("SELECT to_regclass($1) IS NOT NULL", table)
        finally:
            await connection.close()

    return asyncio.run(go())
