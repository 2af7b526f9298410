"""Shared by tests/test_paket_modul*.py (a helper, not a test module): a tiny module's wheel made by hand, keys,
and a throw-away venv.

The venv sees the main .venv's packages through a .pth file, so `balai plugins install` there (pip into its
own sys.executable) never touches the main .venv. No tests here.
"""

from __future__ import annotations

import base64
import hashlib
import os
import site
import subprocess
import sys
import textwrap
import zipfile
import zlib
from pathlib import Path

MIGRATION = '''
from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar

ID = "{id}"
VERSION = "1.38.0"
DESCRIPTION = "catatan"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="{app}", description=DESCRIPTION)
    manager.add_table(class_name="Catatan", tablename="{app}_catatan", schema=None, columns=None)
    manager.add_column(table_class_name="Catatan", tablename="{app}_catatan", column_name="isi",
                       db_column_name="isi", column_class_name="Varchar", column_class=Varchar,
                       params={{"length": 80, "default": "", "null": False, "primary_key": False, "unique": False,
                               "index": False, "choices": None, "db_column_name": None, "secret": False}},
                       schema=None)
    return manager
'''

BROKEN = '''
from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "{id}"
VERSION = "1.38.0"
DESCRIPTION = "gagal"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="{app}", description=DESCRIPTION)

    async def gagal():
        raise RuntimeError("migrasi sengaja gagal")

    manager.add_raw(gagal)
    return manager
'''


def buat_roda(folder: Path, plugin: str = "kecil", versi: str = "0.1.0", core: str = ">=0.1",
              depends: tuple[str, ...] = (), requires: tuple[str, ...] = (), penulis: str = "Tim Nagari",
              migrasi_gagal: bool = False, migrasi_id: str = "", tambahan: dict[str, str] | None = None) -> Path:
    """A wheel of a module with one table and its migration, built as a zip (no build tool, no network).

    Piccolo knows a migration by its id alone (running one backwards deletes every record of that id), so each
    test module's ids are its own."""
    dist, package = f"balai-{plugin}", f"balai_{plugin}"
    files = {
        f"{package}/__init__.py": "",
        f"{package}/plugin.py": textwrap.dedent(f'''
            from plugin_sdk import PluginMeta
            PLUGIN = PluginMeta(name="{plugin}", title="Modul {plugin}", version="{versi}",
                                core_requires="{core}", depends={depends!r})
            '''),
        f"{package}/tables.py": "from piccolo.columns import Varchar\nfrom piccolo.table import Table\n\n\n"
                                f"class Catatan(Table, tablename='{plugin}_catatan'):\n    isi = Varchar(length=80)\n",
        f"{package}/piccolo_app.py": textwrap.dedent(f'''
            from pathlib import Path
            from piccolo.conf.apps import AppConfig
            from {package}.tables import Catatan
            APP_CONFIG = AppConfig(app_name="{plugin}", migrations_folder_path=Path(__file__).parent / "migrations",
                                   table_classes=[Catatan])
            '''),
        f"{package}/migrations/__init__.py": "",
        f"{package}/migrations/{plugin}_2026_12_07t03_14_15_000000.py": MIGRATION.format(
            app=plugin, id=migrasi_id or f"2026-12-07T03:14:15:{zlib.crc32(plugin.encode()) % 10**6:06d}"),
    }
    if migrasi_gagal:  # a second migration that fails, after the first made the table
        files[f"{package}/migrations/{plugin}_2026_12_07t03_14_16_000000.py"] = BROKEN.format(
            app=plugin, id=f"2026-12-07T03:14:16:{zlib.crc32(plugin.encode()) % 10**6:06d}")
    files.update(tambahan or {})  # files a wheel should not ship, for the refusals
    files[f"{package}-{versi}.dist-info/entry_points.txt"] = f"[balai.plugins]\n{plugin} = {package}.plugin\n"
    return _zip(folder, dist, versi, files, penulis, requires)


def buat_pustaka(folder: Path, nama: str = "pustaka-kecil", versi: str = "1.0",
                 tambahan: dict[str, str] | None = None) -> Path:
    """A wheel of a plain Python library (no plugin), as a module's companion."""
    package = nama.replace("-", "_")
    files = {f"{package}/__init__.py": f"VERSI = {versi!r}\n", **(tambahan or {})}
    return _zip(folder, nama, versi, files, "Penulis Pustaka", ())


def _zip(folder: Path, dist: str, versi: str, files: dict[str, str], penulis: str, requires) -> Path:
    package = dist.replace("-", "_")
    info = f"{package}-{versi}.dist-info"
    meta = ["Metadata-Version: 2.1", f"Name: {dist}", f"Version: {versi}", f"Author: {penulis}"]
    files[f"{info}/METADATA"] = "\n".join(meta + [f"Requires-Dist: {r}" for r in requires]) + "\n"
    files[f"{info}/WHEEL"] = "Wheel-Version: 1.0\nGenerator: tes\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    record = []
    for name, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(text.encode())}")
    files[f"{info}/RECORD"] = "\n".join(record + [f"{info}/RECORD,,"]) + "\n"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{package}-{versi}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


class Venv:
    """A throw-away environment that sees the main .venv's packages, with its own data folder."""

    def __init__(self, root: Path):
        self.root = root
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root / "venv")], check=True)
        self.python = root / "venv" / "bin" / "python"
        own = next((root / "venv" / "lib").glob("python3*/site-packages"))
        main = next(p for p in site.getsitepackages() if p.endswith("site-packages"))
        (own / "_balai_utama.pth").write_text(f"import site; site.addsitedir({main!r})\n")
        self.site = own
        self.data = root / "data"

    def run(self, *args: str, data: Path | None = None, database: str | None = None,
            extra: dict | None = None) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("BALAI_")} | (extra or {})
        env["BALAI_DATA_DIR"] = str(data or self.data)
        if database:
            env["BALAI_DATABASE_URL"] = database
        return subprocess.run([str(self.python), *args], capture_output=True, text=True, env=env, cwd=self.root,
                              timeout=600)

    def balai(self, *args: str, data: Path | None = None, database: str | None = None,
              extra: dict | None = None) -> subprocess.CompletedProcess:
        return self.run("-m", "core.cli.main", *args, data=data, database=database, extra=extra)

    def pip_list(self) -> str:
        return self.run("-m", "pip", "list", "--format=freeze", "--disable-pip-version-check").stdout


def tandatangani(folder: Path, kunci_pem: Path, *wheels: Path, core: str = ">=0.1", bergantung=(),
                 penerbit: str = "Kabupaten Agam") -> Path:
    """An index of `wheels` signed as `balai plugins index buat` would, without importing them."""
    from core.paket.indeks import Entri, buat_isi, sha256_berkas, tulis_indeks
    from core.paket.kunci import muat_privat
    from core.paket.roda import baca_roda

    entries = []
    for path in wheels:
        info = baca_roda(path)
        plugin = next(iter(info.plugins), "")
        entries.append(Entri(berkas=path.name, sha256=sha256_berkas(path), nama=info.nama, versi=info.versi,
                             plugin=plugin, core=core if plugin else "", bergantung=tuple(bergantung),
                             penulis=info.penulis))
    return tulis_indeks(folder / "indeks-modul.json", buat_isi(entries, penerbit), muat_privat(kunci_pem))
