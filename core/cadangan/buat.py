"""Making a backup while the app keeps running: one database snapshot, the data folder's files, a manifest.

Signing keys and the secret key go only into an encrypted backup (ENGINEERING-NOTES 3); a plain backup carries
the public half of each signing key, so letters signed before still verify after a restore.
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import re
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Awaitable, Callable

from cryptography.hazmat.primitives import serialization
from piccolo.conf.apps import AppConfig

from core import __version__
from core.audit.log import log_change
from core.cadangan import sandi
from core.cadangan.arsip import Writer
from core.cadangan.errors import CadanganError
from core.cadangan.tabel import describe, encode, existing_tables, load_order, snapshot
from core.crypto.keyring import key_id
from core.db.binding import load_app
from core.db.migrations import applied
from core.db.transaction import write_transaction
from core.plugin_host import state
from core.plugin_host.settings import get_value, set_values

log = logging.getLogger("balai.cadangan")
Progress = Callable[[int, int, str], Awaitable[None]]
LAST_KEY = "_cadangan.terakhir"
# Not part of what a nagari owns: sessions expire, the job queue is rebuilt, backups do not hold backups.
FILE_FOLDERS = ("berkas",)
KEY_FOLDER = "kunci"
SECRET_FILE = "secret_key"
SCRATCH = ".cadangan-sementara"
# What mkstemp names below look like: `.<target>.<8 random>.sebagian|.sandi` beside the target, `tmp<8>.sebagian` in
# the scratch folder. Only such files, and only when no running backup holds their lock, are ever swept.
LEFTOVER = re.compile(r"^(\..+\.|tmp)[a-z0-9_]{8}\.(sebagian|sandi)$")
STORAGE_FULL = ("Ruang penyimpanan penuh: cadangan tidak muat di {folder}. Berkas yang belum selesai sudah dihapus; "
                "tidak ada cadangan setengah jadi yang tertinggal. Kosongkan ruang atau pilih tempat lain, lalu "
                "coba lagi.")


def app_plugins(balai) -> dict[str, str]:
    """Piccolo app name -> the plugin that owns it ('core' for the kernel)."""
    owners = {"core": "core"}
    for plugin, path in balai.host.collect("balai_piccolo_apps"):
        try:
            owners[load_app(path).app_name] = plugin
        except Exception:  # a broken plugin is reported elsewhere
            continue
    return owners


def installed_apps(balai) -> dict[str, AppConfig]:
    """Every loaded Piccolo app (the core's and each plugin's, enabled or not) by app name."""
    return {app.app_name: app for app in (load_app(p) for p in balai.all_app_paths())}


async def installed_state(balai) -> dict:
    """Plugins (with versions and whether enabled) and each app's applied migrations."""
    stored = await state.stored_enabled()
    plugins = [{"nama": r.name, "versi": r.meta.version if r.meta else "", "aktif": r.name in stored,
                "bawaan": r.builtin} for r in sorted(balai.host.records.values(), key=lambda r: r.name)]
    schema = {}
    for name in installed_apps(balai):
        if ran := await applied(name):
            schema[name] = ran
    return {"plugin": plugins, "skema": schema, "pemilik_app": app_plugins(balai)}


def _data_files(data_dir: Path, secrets_included: bool) -> list[tuple[Path, str]]:
    found = []
    for folder in FILE_FOLDERS:
        root = data_dir / folder
        if root.is_dir():
            found += [(p, p.relative_to(data_dir).as_posix()) for p in sorted(root.rglob("*")) if p.is_file()]
    keys = data_dir / KEY_FOLDER
    if secrets_included and keys.is_dir():
        found += [(p, p.relative_to(data_dir).as_posix()) for p in sorted(keys.rglob("*")) if p.is_file()]
    if secrets_included and (data_dir / SECRET_FILE).is_file():
        found.append((data_dir / SECRET_FILE, SECRET_FILE))
    return found


def _public_keys(data_dir: Path) -> list[tuple[bytes, str]]:
    """The public half of every signing key, as PEM files a restored installation keeps trusting.

    A key ring's `<stamp>-<id>.pem` becomes `<stamp>-<id>.pub`; a single key such as `audit.pem` becomes
    `audit-<id>.pub`. Public keys restored earlier (`*.pub`) and certificates (`*.crt`: the nagari CA and signing
    certificates, public by design, so old letters' PDF signatures still chain to a trusted CA) go as they are.
    """
    keys = data_dir / KEY_FOLDER
    found: dict[str, bytes] = {}
    for path in sorted([*keys.rglob("*.pub"), *keys.rglob("*.crt")]) if keys.is_dir() else []:
        found[path.relative_to(data_dir).as_posix()] = path.read_bytes()
    for path in sorted(keys.rglob("*.pem")) if keys.is_dir() else []:
        try:
            public = serialization.load_pem_private_key(path.read_bytes(), password=None).public_key()
            raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        except (ValueError, TypeError):  # not one of Balai's Ed25519 keys (a certificate, a protected key): not ours
            log.warning("kunci %s dilewati: bukan kunci Ed25519 Balai", path)
            continue
        stem = path.stem if path.parent != keys else f"{path.stem}-{key_id(raw)}"
        name = path.with_name(stem + ".pub").relative_to(data_dir).as_posix()
        found[name] = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return [(data, name) for name, data in found.items()]


def _scratch(data_dir: Path) -> Path:
    """A private folder for the unsealed zip of an encrypted backup: it never lands beside the target (a flash
    disk keeps deleted data)."""
    folder = data_dir / SCRATCH
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _temporary(folder: Path, prefix: str, suffix: str, locks: list[int]) -> tuple[int, Path]:
    """A new owner-only (0600: a backup holds everyone's data) temporary file and its descriptor, locked for as
    long as this backup runs: the lock tells `sweep_leftovers` in another backup that it is not a leftover."""
    handle, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    lock = os.open(name, os.O_RDONLY)
    fcntl.flock(lock, fcntl.LOCK_EX)
    locks.append(lock)
    return handle, Path(name)


def sweep_leftovers(folder: Path) -> list[str]:
    """Remove the temporary files of backups that were killed (SIGKILL, power cut) in `folder`; return their names.

    A backup writes to a temporary name and renames it at the end, so a killed one never leaves a file under the
    backup's own name, only a hidden `.sebagian` (or `.sandi`) file. Its flock ended with its process: a file
    nobody holds the lock of is a leftover; one still locked belongs to a backup that is running now."""
    removed = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if not LEFTOVER.match(path.name) or not path.is_file():
            continue
        try:
            lock = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # a running backup's
            continue
        else:
            path.unlink(missing_ok=True)
            removed.append(path.name)
        finally:
            os.close(lock)
    if removed:
        log.warning("sisa cadangan yang terhenti dihapus di %s: %s", folder, ", ".join(removed))
    return removed


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


async def make_backup(balai, target: Path, master: sandi.MasterKey | None = None, progress: Progress | None = None,
                      source: str = "cli", user: dict | None = None) -> dict:
    """Write a backup of this installation to `target`; return what was written (for the log and the page).

    CadanganError (in Bahasa Indonesia) when a table cannot be carried or the disk is full; nothing is left behind
    on failure. The backup is written under a temporary name and renamed at the end, so a backup killed half-way
    leaves nothing at `target` (its temporary file is swept by the next backup).
    """
    started = time.monotonic()
    data_dir = balai.settings.data_dir
    target = Path(target).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    installed = await installed_state(balai)
    work = [(app.app_name, table, describe(table)) for app in installed_apps(balai).values()
            if app.app_name in installed["skema"]
            for table in await existing_tables(app.table_classes)]
    load_order(info for _, _, info in work)  # a cycle would make it unrestorable: refuse it now
    # Unsealed content goes next to the target only when it stays unsealed anyway.
    folder, prefix = (_scratch(data_dir), "") if master else (target.parent, f".{target.name}.")
    for place in {folder, target.parent}:
        sweep_leftovers(place)
    locks: list[int] = []
    handle, partial = _temporary(folder, prefix, ".sebagian", locks)
    os.close(handle)
    sealed = None
    try:
        writer = Writer(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        _unlock(locks)
        raise
    try:
        rows = 0
        async with snapshot() as read:
            for done, (app_name, table, info) in enumerate(work):
                if progress:
                    await progress(done, len(work) + 1, f"Tabel {info['nama']}")
                if (last := await read.last_id(table)) is not None:
                    info = {**info, "urutan": last}
                with writer.table(app_name, info) as add:
                    async for chunk in read.rows(table):
                        add([[encode(v) for v in row] for row in chunk])
                        rows += len(chunk)
        # Listed after the snapshot: a document is written before the row naming it commits, so every file a
        # snapshot row names is here (one removed meanwhile is skipped).
        files = _data_files(data_dir, secrets_included=master is not None)
        total = len(work) + len(files)
        for done, (path, name) in enumerate(files, start=len(work)):
            if progress and done % 50 == 0:
                await progress(done, total, "Berkas dokumen dan unggahan")
            try:
                writer.add_file(path, name)
            except FileNotFoundError:
                continue
        if master is None:
            for data, name in _public_keys(data_dir):
                writer.add_bytes(data, name)
        profile = await balai.load_profile()
        writer.close({
            "dibuat": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "balai": __version__,
            "mesin": balai.engine.engine_type,
            "nagari": {"kode": profile.get("kode", ""), "nama": profile.get("nama", "")},
            "kunci_rahasia": master is not None,
            **installed,
        })
        if master is not None:
            handle, sealed = _temporary(target.parent, f".{target.name}.", ".sandi", locks)
            with os.fdopen(handle, "wb") as out:
                sandi.encrypt_file(partial, out, master)
                out.flush()
                os.fsync(out.fileno())
            partial.unlink()
            partial = sealed
        else:
            _fsync(partial)  # on disk before it takes the backup's name: a power cut leaves no empty backup
        os.replace(partial, target)
    except BaseException as exc:
        writer.abort()
        partial.unlink(missing_ok=True)
        if sealed is not None:
            sealed.unlink(missing_ok=True)
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
            log.error("ruang penyimpanan penuh saat menulis cadangan %s", target)
            raise CadanganError(STORAGE_FULL.format(folder=target.parent)) from None
        raise
    finally:
        _unlock(locks)
    if progress:
        await progress(total, total, "Selesai")
    info = {"berkas": target.name, "folder": str(target.parent), "ukuran": target.stat().st_size, "baris": rows,
            "berkas_data": len(writer.files), "disandikan": master is not None, "sumber": source,
            "waktu": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "detik": round(time.monotonic() - started, 2)}
    await _remember(info, user)
    return info


def _unlock(locks: list[int]) -> None:
    while locks:
        os.close(locks.pop())


async def _remember(info: dict, user: dict | None) -> None:
    """The last backup, for the admin page and the dashboard warning; logged like any other change."""
    async with write_transaction():
        await set_values({LAST_KEY: info})
        await log_change(None, "buat", "cadangan", info["berkas"],
                         {k: info[k] for k in ("ukuran", "disandikan", "sumber")}, user=user)


async def last_backup() -> dict | None:
    return await get_value(LAST_KEY)
