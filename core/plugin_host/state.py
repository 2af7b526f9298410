"""Which installed plugins are enabled: kept in the database, shared by every worker.

Routes of every installed plugin are mounted at start-up (Litestar cannot remove
routes); each request checks the enabled set. A version number in the database
tells each worker when to re-read it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from piccolo.conf.apps import AppConfig

from core.db.binding import load_app
from core.db.migrations import migrate_backwards, migrate_forwards
from core.db.transaction import write_transaction
from core.plugin_host.host import PluginHost
from core.tables import Pengaturan, PluginState

log = logging.getLogger("balai.plugins")
# One version for everything a worker caches (enabled plugins, nagari profile):
# any change bumps it, and every worker re-reads when it sees a new number.
VERSION_KEY = "_konfigurasi.versi"


class PluginStateError(ValueError):
    """An enable/disable/purge request that cannot be carried out; the message is for the operator."""


@dataclass
class EnabledSet:
    """One worker's copy of the enabled set."""

    version: int = -1
    names: frozenset[str] = field(default_factory=frozenset)

    async def refresh(self, host: PluginHost, on_change=None) -> frozenset[str]:
        version = await read_version()
        if version != self.version:
            self.names = effective(host, await stored_enabled())
            if on_change is not None:
                await on_change()
            self.version = version
        return self.names


async def read_version() -> int:
    # Asked on every request: written out, as Piccolo's query builder costs more CPU than this query does.
    rows = await Pengaturan.raw("SELECT versi FROM balai_pengaturan WHERE kunci = {} LIMIT 1", VERSION_KEY).run()
    return rows[0]["versi"] if rows else 0


async def bump_version() -> None:
    """Tell every worker to re-read what it caches."""
    updated = await Pengaturan.update({Pengaturan.versi: Pengaturan.versi + 1}).where(
        Pengaturan.kunci == VERSION_KEY
    ).returning(Pengaturan.versi).run()
    if not updated:
        await Pengaturan.insert(Pengaturan(kunci=VERSION_KEY, nilai="null", versi=1)).run()


async def stored_enabled() -> set[str]:
    rows = await PluginState.select(PluginState.nama).where(PluginState.aktif == True).run()  # noqa: E712
    return {r["nama"] for r in rows}


def effective(host: PluginHost, stored: set[str]) -> frozenset[str]:
    """Enabled and runnable: loaded, and every dependency effective too."""
    result: set[str] = set()
    changed = True
    candidates = {n for n in stored if (r := host.get(n)) is not None and r.loaded}
    while changed:
        changed = False
        for name in sorted(candidates - result):
            if all(dep in result for dep in host.get(name).depends):
                result.add(name)
                changed = True
    return frozenset(result)


def apps_of(host: PluginHost, name: str) -> list[AppConfig]:
    return [load_app(path) for _, path in host.collect("balai_piccolo_apps", only={name})]


async def record_new_plugins(host: PluginHost) -> list[str]:
    """Give every newly seen plugin a row: built-in ones start enabled, third-party ones disabled."""
    known = {r["nama"] for r in await PluginState.select(PluginState.nama).run()}
    new = [r for r in host.loaded() if r.name not in known]
    if not new:
        return []
    async with write_transaction():
        for record in new:
            await PluginState.insert(PluginState(nama=record.name, aktif=record.builtin)).run()
        await bump_version()
    return [r.name for r in new if r.builtin]


async def migrate_enabled(host: PluginHost, core_apps: list[AppConfig]) -> list[str]:
    """Run the core's and every enabled plugin's migrations, in dependency order."""
    changed = await migrate_forwards(core_apps)
    await record_new_plugins(host)
    enabled = effective(host, await stored_enabled())
    apps = [load_app(path) for _, path in host.collect("balai_piccolo_apps", only=set(enabled))]
    return changed + await migrate_forwards(core_apps + apps)


def _check_enable(host: PluginHost, name: str, enabled: set[str]) -> None:
    record = host.get(name)
    if record is None:
        raise PluginStateError(f"Plugin {name!r} tidak terpasang.")
    if not record.loaded:
        raise PluginStateError(f"Plugin {name!r} tidak dapat diaktifkan: {record.error}")
    for dep in record.depends:
        dep_record = host.get(dep)
        if dep_record is None:
            raise PluginStateError(f"Plugin {name!r} butuh plugin {dep!r}, yang tidak terpasang.")
        if not dep_record.loaded:
            raise PluginStateError(f"Plugin {name!r} butuh plugin {dep!r}, yang gagal dimuat: {dep_record.error}")
        if dep not in enabled:
            raise PluginStateError(f"Plugin {name!r} butuh plugin {dep!r}, yang belum aktif. Aktifkan {dep!r} dulu.")


async def enable(host: PluginHost, name: str, core_apps: list[AppConfig]) -> bool:
    """Migrate and enable a plugin. Returns False when it was already enabled."""
    enabled = effective(host, await stored_enabled())
    if name in enabled:
        return False
    _check_enable(host, name, set(enabled))
    await migrate_forwards(core_apps + apps_of(host, name))
    async with write_transaction():
        updated = await PluginState.update({PluginState.aktif: True}).where(PluginState.nama == name).returning(
            PluginState.id
        ).run()
        if not updated:
            await PluginState.insert(PluginState(nama=name, aktif=True)).run()
        await bump_version()
    log.info("plugin %s diaktifkan", name)
    return True


async def disable(host: PluginHost, name: str) -> bool:
    """Disable a plugin, keeping its data. Returns False when it was not enabled."""
    stored = await stored_enabled()
    if name not in stored:
        if host.get(name) is None:
            raise PluginStateError(f"Plugin {name!r} tidak terpasang.")
        return False
    users = sorted(n for n in effective(host, stored) if name in host.get(n).depends)
    if users:
        raise PluginStateError(
            f"Plugin {name!r} masih dibutuhkan oleh plugin aktif: {', '.join(users)}. Nonaktifkan itu dulu."
        )
    async with write_transaction():
        await PluginState.update({PluginState.aktif: False}).where(PluginState.nama == name).run()
        await bump_version()
    log.info("plugin %s dinonaktifkan", name)
    return True


async def purge(host: PluginHost, name: str) -> None:
    """Drop a disabled plugin's tables by running its migrations backwards."""
    record = host.get(name)
    if record is None or not record.loaded:
        raise PluginStateError(f"Plugin {name!r} tidak terpasang atau gagal dimuat; datanya tidak bisa dihapus.")
    if name in await stored_enabled():
        raise PluginStateError(f"Plugin {name!r} masih aktif. Nonaktifkan dulu sebelum menghapus datanya.")
    for app in reversed(apps_of(host, name)):
        await migrate_backwards(app)
    # The row stays (disabled), so a built-in plugin is not re-enabled at the next start.
    await bump_version()
    log.info("data plugin %s dihapus", name)
