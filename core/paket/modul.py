"""After pip: load the new module, run its migrations, record it, enable it on request; or undo all of it."""

from __future__ import annotations

import contextlib
import importlib
import io
import logging

from piccolo.apps.migrations.commands.backwards import BackwardsMigrationManager
from piccolo.apps.migrations.tables import Migration

from core.db.migrations import applied, available, migrate_forwards
from core.db.transaction import write_transaction
from core.paket import catatan
from core.paket.pasang import PasangError, Rencana, copot, simpan_roda
from core.plugin_host import state
from core.plugin_host.host import PluginHost
from core.runtime import Balai
from core.settings import Settings
from core.tables import PluginState

log = logging.getLogger("balai.paket")
UNDONE = "Modul dicopot lagi. Tidak ada yang diubah."


def muat_ulang(settings: Settings) -> Balai:
    """A Balai that sees what pip just installed (the one booted at start-up does not)."""
    importlib.invalidate_caches()
    return Balai.boot(settings=settings, host=PluginHost().discover())


async def selesaikan(settings: Settings, plan: Rencana, dipasang: list[str], aktifkan: bool) -> Balai:
    """Migrate, record and (on request) enable the installed module; on any failure undo the install.

    Raises PasangError; the wheels pip put in are uninstalled and the module's tables dropped."""
    name = plan.plugin
    try:
        balai = muat_ulang(settings)
    except Exception as exc:
        copot(dipasang)
        raise PasangError(f"Balai tidak bisa dimuat setelah memasang {name}: {exc}. {UNDONE}") from exc
    record = balai.host.get(name)
    if record is None or not record.loaded:
        copot(dipasang)
        why = record.error if record is not None else "entry point tidak ditemukan setelah dipasang"
        raise PasangError(f"Modul {name} gagal dimuat ({why}). {UNDONE}")
    apps = state.apps_of(balai.host, name)
    if clashes := await _clashes(apps):
        copot(dipasang)
        raise PasangError(f"Modul {name} memakai nomor migrasi yang sudah dipakai aplikasi lain: {', '.join(clashes)}. "
                          f"Menghapus modul ini kelak akan merusak catatan migrasi aplikasi itu; minta penulisnya "
                          f"membuat ulang migrasinya. {UNDONE}")
    step, kept = "Migrasi", []
    # A module installed again over the data an earlier install left: its undo must not drop those tables.
    before = {app.app_name: set(await applied(app.app_name)) for app in apps}
    known = await PluginState.exists().where(PluginState.nama == name).run()
    try:
        await migrate_forwards(balai.core_apps + apps)
        step = "Pengaktifan"
        if aktifkan:
            await balai.enable(name)
        step = "Pencatatan"
        plan.disimpan, kept = simpan_roda(plan, dipasang, settings.data_dir)
        await catatan.simpan(plan)
    except Exception as exc:
        log.exception("modul %s: %s gagal", name, step.lower())
        for path in kept:
            path.unlink(missing_ok=True)
        await _undo(name, apps, before, known)
        copot(dipasang)
        raise PasangError(f"{step} modul {name} gagal: {exc}. {UNDONE}") from exc
    return balai


async def _clashes(apps: list) -> list[str]:
    """Migration ids of the new apps already recorded for another app. Piccolo knows a migration by its id alone:
    running one backwards (an undo, a purge) deletes every record of that id, the other app's too."""
    ids = {migration: app.app_name for app in apps for migration in available(app)}
    if not ids or not await Migration.table_exists().run():
        return []
    rows = await Migration.select(Migration.name, Migration.app_name).where(Migration.name.is_in(list(ids))).run()
    return sorted(f"{r['name']} (milik {r['app_name']})" for r in rows if r["app_name"] != ids[r["name"]])


async def _undo(name: str, apps: list, before: dict[str, set[str]], known: bool) -> None:
    """What this install added goes: the module's row (when it was unknown before) and the migrations it ran
    itself, newest first; each step on its own, as far as it gets."""
    try:
        if not known:
            async with write_transaction():
                await PluginState.delete().where(PluginState.nama == name).run()
                await state.bump_version()
    except Exception:
        log.exception("status plugin %s tidak bisa dihapus", name)
    for app in reversed(apps):
        try:
            ran = [m for m in await applied(app.app_name) if m not in before.get(app.app_name, set())]
            if ran:  # Piccolo reverses from this id up to the newest, all run by this install
                await _backwards(app.app_name, ran[0])
        except Exception:
            log.exception("migrasi mundur %s gagal", app.app_name)


async def _backwards(app_name: str, migration_id: str) -> None:
    buffer = io.StringIO()  # Piccolo prints its progress; keep it for the log
    with contextlib.redirect_stdout(buffer):
        result = await BackwardsMigrationManager(app_name=app_name, migration_id=migration_id, auto_agree=True).run()
    if not result.success:
        raise RuntimeError(result.message or buffer.getvalue())
