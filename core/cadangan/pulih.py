"""Restoring a backup into an empty installation, on SQLite or PostgreSQL, all or nothing.

Everything is checked before anything is written: checksums, the plugins the backup needs, and that this Balai
knows every migration the backup's schema went through. The schema is then rebuilt to exactly the backup's
state and the rows loaded in one write transaction (both engines run DDL inside a transaction), so a restore
that is killed leaves an empty database. Files are unpacked beside the data folder first and moved into place
just before the commit; a marker names them, so a restore interrupted in that moment is cleaned up next time.
After the commit the usual migrations bring the schema up to this version.
"""

from __future__ import annotations

import json
import shutil
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Awaitable, Callable

from piccolo.apps.migrations.tables import Migration
from piccolo.conf.apps import AppConfig

from core import __version__
from core.audit.log import log_change
from core.cadangan.arsip import Backup, opened
from core.cadangan.buat import KEY_FOLDER, LAST_KEY, SECRET_FILE, installed_apps
from core.cadangan.errors import CadanganError
from core.cadangan.jadwal import CLAIM_KEY
from core.cadangan.tabel import Loader, existing_tables, load_order
from core.db.binding import current_engine
from core.db.migrations import MigrationError, available, migrate_to, order_apps, times_may_be_mixed
from core.db.transaction import write_transaction
from core.tables import Pengaturan
from core.tugas.tables import Tugas

Progress = Callable[[int, int, str], Awaitable[None]]
STAGING = ".pemulihan"
MARKER = ".pemulihan-berjalan"
PLACED = ("berkas", KEY_FOLDER, SECRET_FILE)


def check_compatible(balai, manifest: dict) -> list[AppConfig]:
    """The apps to rebuild, in dependency order; CadanganError listing every reason this Balai cannot take it."""
    installed = installed_apps(balai)
    owners = manifest.get("pemilik_app", {})
    versions = {p["nama"]: p for p in manifest.get("plugin", [])}
    problems = []

    def missing(plugin: str) -> str:
        record = balai.host.get(plugin)
        wanted = versions.get(plugin, {}).get("versi", "")
        if record is not None and not record.loaded:
            return f"plugin {plugin} terpasang tetapi gagal dimuat: {record.error}"
        return f"plugin {plugin}{' versi ' + wanted if wanted else ''} belum terpasang di komputer ini"

    for plugin in sorted(p["nama"] for p in manifest.get("plugin", []) if p.get("aktif")):
        record = balai.host.get(plugin)
        if record is None or not record.loaded:
            problems.append(missing(plugin))
    apps = []
    for app_name, ran in manifest.get("skema", {}).items():
        plugin = owners.get(app_name, app_name)
        app = installed.get(app_name)
        if app is None:
            if (text := missing(plugin)) not in problems:
                problems.append(text)
            continue
        shipped = available(app)
        if shipped[:len(ran)] != ran:
            unknown = next((m for m in ran if m not in shipped), ran[-1])
            wanted = versions.get(plugin, {}).get("versi") or manifest.get("balai", "")
            who = "Balai" if plugin == "core" else f"plugin {plugin}"
            problems.append(f"{who} di cadangan lebih baru dari yang terpasang (migrasi {unknown} tidak dikenal); "
                            f"perbarui {who} ke versi {wanted} atau lebih baru")
            continue
        apps.append(app)
    if problems:
        raise CadanganError("Cadangan tidak bisa dipulihkan di instalasi ini:\n- " + "\n- ".join(problems))
    return order_apps(apps)


async def check_empty(balai) -> None:
    """A restore only fills an empty installation; leftovers of an interrupted restore are cleared first."""
    tables = [t for app in installed_apps(balai).values() for t in app.table_classes]
    found = [t._meta.tablename for t in await existing_tables(tables)]
    if await Migration.table_exists().run():
        found.append("migration")
    if found:
        where = "PostgreSQL" if current_engine().engine_type == "postgres" else "SQLite"
        raise CadanganError(
            f"Basis data tujuan ({where}) tidak kosong: sudah ada {len(found)} tabel Balai, mis. {found[0]}. "
            "Pemulihan hanya mengisi instalasi baru yang kosong; siapkan basis data kosong atau folder data baru.")
    data_dir = balai.settings.data_dir
    _clear_interrupted(data_dir)
    for folder in ("berkas", KEY_FOLDER):
        path = data_dir / folder
        if path.is_dir() and any(p.is_file() for p in path.rglob("*")):
            raise CadanganError(f"Folder {path} tidak kosong. Pulihkan ke folder data baru, atau pindahkan isi "
                                "folder itu dulu bila memang sisa instalasi lama.")


def _clear_interrupted(data_dir: Path) -> None:
    marker = data_dir / MARKER
    if marker.exists():  # files moved in by a restore whose database transaction never committed
        for name in json.loads(marker.read_text()):
            path = data_dir / name
            shutil.rmtree(path) if path.is_dir() else path.unlink(missing_ok=True)
        marker.unlink()
    shutil.rmtree(data_dir / STAGING, ignore_errors=True)
    for scratch in data_dir.glob(".buka-cadangan-*"):  # a decrypted copy left by a killed restore
        shutil.rmtree(scratch, ignore_errors=True)


def _place_files(data_dir: Path, staging: Path) -> None:
    """Move the unpacked files into the data folder (called inside the open transaction)."""
    names = [n for n in PLACED if (staging / n).exists()]
    (data_dir / MARKER).write_text(json.dumps(names))
    for name in names:
        target = data_dir / name
        if target.is_dir():
            shutil.rmtree(target)  # empty (checked before), or left by an interrupted restore
        (staging / name).replace(target)
    if (data_dir / KEY_FOLDER).is_dir():
        (data_dir / KEY_FOLDER).chmod(0o700)


async def _table_names() -> set[str]:
    engine = current_engine()
    connection = engine.current_transaction.get().connection
    if engine.engine_type == "sqlite":
        cursor = await connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row["name"] for row in await cursor.fetchall()}
    return {row["tablename"] for row in await connection.fetch(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}


async def load_rows(backup: Backup, apps: list[AppConfig], progress: Progress | None) -> int:
    """Rebuild the backup's schema and load its rows, by the manifest (not by this version's table classes)."""
    manifest = backup.manifest
    for app in apps:
        try:
            await migrate_to(app, manifest["skema"][app.app_name][-1])
        except MigrationError as exc:
            raise CadanganError(f"Skema {app.app_name} tidak bisa dibangun ulang: {exc}") from None
    existing = await _table_names()
    missing = [t["nama"] for t in manifest["tabel"] if t["nama"] not in existing]
    if missing:
        raise CadanganError(f"Migrasi yang terpasang tidak membuat tabel {', '.join(missing)} dari cadangan.")
    ordered = load_order(manifest["tabel"])
    connection = current_engine().current_transaction.get().connection
    for info in reversed(ordered):  # rows that migrations seeded: the backup holds the real ones
        await connection.execute(f'DELETE FROM "{info["nama"]}"')
    total = sum(t["baris"] for t in manifest["tabel"])
    done, loaders = 0, []
    for info in ordered:
        loader = Loader(info)
        for chunk in backup.table_rows(info):
            await loader.add(chunk, last=loader.count + len(chunk) >= info["baris"])
            done += len(chunk)
            if progress:
                await progress(done, total, f"Tabel {info['nama']}")
        if loader.count != info["baris"]:
            raise CadanganError(f"Cadangan rusak: tabel {info['nama']} berisi {loader.count} baris, "
                                f"manifest menyebut {info['baris']}.")
        loaders.append(loader)
    for loader in loaders:
        await loader.finish()
    return done


async def _this_computer() -> None:
    """What belongs to the computer the backup came from, not to this one: its queue and its backup record."""
    await Tugas.update({Tugas.status: "gagal", Tugas.berakhir: datetime.now(timezone.utc),
                        Tugas.pesan: "Terputus: data dipulihkan dari cadangan. Jalankan ulang bila perlu."}
                       ).where(Tugas.status.is_in(["antri", "berjalan"])).run()
    await Pengaturan.delete().where(Pengaturan.kunci.is_in([LAST_KEY, CLAIM_KEY])).run()


async def restore(balai, path: Path, passphrase: str | None = None, progress: Progress | None = None) -> dict:
    """Restore the backup at `path` into this (empty) installation; return a summary. CadanganError if refused."""
    started = time.monotonic()
    data_dir = balai.settings.data_dir
    with opened(path, passphrase, workdir=data_dir) as backup:
        manifest = backup.manifest
        apps = check_compatible(balai, manifest)
        await check_empty(balai)
        staging = data_dir / STAGING
        staging.mkdir()
        try:
            backup.extract_files(staging)
            async with write_transaction():
                rows = await load_rows(backup, apps, progress)
                await times_may_be_mixed()  # an older version's backup may hold times without their offset
                try:  # up to this version's schema, and roles for permissions added since: in the same transaction
                    await balai.migrate()
                except MigrationError as exc:
                    raise CadanganError(f"Data dipulihkan tetapi skemanya gagal dimutakhirkan: {exc}") from None
                await _this_computer()
                summary = _summary(path, manifest, rows, started)
                await log_change(None, "pulihkan", "cadangan", summary["berkas"],
                                 {k: summary[k] for k in ("dibuat", "dari_mesin", "ke_mesin", "balai_cadangan")})
                _place_files(data_dir, staging)
            (data_dir / MARKER).unlink(missing_ok=True)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    summary["detik"] = round(time.monotonic() - started, 2)
    return summary


async def inspect(balai, path: Path, passphrase: str | None = None) -> dict:
    """Check a backup as a restore would (passphrase, checksums, plugins, schema) without writing anything."""
    started = time.monotonic()
    with opened(path, passphrase, workdir=balai.settings.data_dir) as backup:
        check_compatible(balai, backup.manifest)
        return _summary(path, backup.manifest, sum(t["baris"] for t in backup.manifest["tabel"]), started)


def _summary(path: Path, manifest: dict, rows: int, started: float) -> dict:
    return {"berkas": Path(path).name, "dibuat": manifest.get("dibuat", ""), "dari_mesin": manifest.get("mesin"),
            "ke_mesin": current_engine().engine_type, "balai_cadangan": manifest.get("balai"),
            "balai_terpasang": __version__, "baris": rows, "berkas_data": len(manifest["berkas"]),
            "kunci_rahasia": manifest.get("kunci_rahasia", False), "nagari": manifest.get("nagari", {}),
            "plugin_aktif": [f"{p['nama']} {p.get('versi', '')}".strip() for p in manifest.get("plugin", [])
                             if p.get("aktif")],
            "detik": round(time.monotonic() - started, 2)}
