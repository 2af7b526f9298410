"""One running Balai: its settings, database engine, plugin host and enabled set.

The web app, the CLI and the tests each build one of these; nothing else is global
except Piccolo's table binding, which `boot` sets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module

from piccolo.conf.apps import AppConfig

import core.db  # noqa: F401  (sets PICCOLO_CONF before Piccolo looks for it)
from core.db.binding import bind, load_app
from core.db.engines import make_engine
from core.db.transaction import write_transaction
from core.identity.permissions import seed_roles
from core.plugin_host import state
from core.profil import waktu
from core.plugin_host.host import PluginHost
from core.plugin_host.settings import get_value, remember_defaults, set_values
from core.settings import Settings, load_settings

CORE_APP_PATH = "core.piccolo_app"
# The kernel's own features that declare jobs and periodic tasks on the same hooks as plugins (the job runner
# knows none of them by name); they always run, whatever plugins are enabled.
KERNEL_HOOKS = ("core.cadangan.jadwal", "core.penduduk.ekspor")
PROFILE_KEY = "nagari.profil"
SERVED_KEY = "_server.plugin_dimuat"
FAILED_KEY = "_server.plugin_gagal"
# The terms are settings, never hard-coded: a desa elsewhere says Desa/Dusun/Kepala Desa.
DEFAULT_PROFILE = {
    "nama": "Balai",
    "sebutan_desa": "Nagari",
    "sebutan_dusun": "Jorong",
    "sebutan_kepala": "Wali Nagari",
    "tema": "bawaan",
}


@dataclass
class Balai:
    settings: Settings
    host: PluginHost
    engine: object
    enabled: state.EnabledSet = field(default_factory=state.EnabledSet)
    _profile: dict = field(default_factory=lambda: dict(DEFAULT_PROFILE))

    @classmethod
    def boot(cls, settings: Settings | None = None, host: PluginHost | None = None) -> "Balai":
        settings = settings or load_settings()
        host = host if host is not None else PluginHost().discover()
        for path in KERNEL_HOOKS:
            if host.pm.get_plugin(path) is None:
                host.pm.register(import_module(path), name=path)
        balai = cls(settings=settings, host=host, engine=make_engine(settings.database_url))
        bind(balai.engine, balai.all_app_paths())
        remember_defaults(host)
        return balai

    @property
    def core_apps(self) -> list[AppConfig]:
        return [load_app(CORE_APP_PATH)]

    def all_app_paths(self) -> list[str]:
        """The core's app and every loaded plugin's apps (disabled ones too: their data stays).

        A plugin whose Piccolo app cannot be imported is left out, like any other broken plugin.
        """
        paths = [CORE_APP_PATH]
        for name, path in self.host.collect("balai_piccolo_apps"):
            if not self.host.get(name).loaded:
                continue
            try:
                load_app(path)
            except Exception as exc:
                self.host.mark_failed(name, f"aplikasi Piccolo {path} gagal dimuat: {type(exc).__name__}: {exc}")
                continue
            paths.append(path)
        return paths

    async def migrate(self) -> list[str]:
        changed = await state.migrate_enabled(self.host, self.core_apps)
        await seed_roles(self.host)
        return changed

    async def enable(self, name: str) -> bool:
        changed = await state.enable(self.host, name, self.core_apps)
        await seed_roles(self.host)
        return changed

    async def disable(self, name: str) -> bool:
        return await state.disable(self.host, name)

    async def purge(self, name: str) -> None:
        await state.purge(self.host, name)

    async def enabled_names(self) -> frozenset[str]:
        """The enabled plugins; re-reads them and the profile when another process changed either."""
        return await self.enabled.refresh(self.host, on_change=self.load_profile)

    async def record_served_plugins(self) -> None:
        """Note which plugins the running server loaded, so the CLI can tell when a restart is needed."""
        try:
            await set_values({SERVED_KEY: sorted(self.host.records),
                              FAILED_KEY: {r.name: r.error for r in self.host.failed()}})
        except Exception:  # several workers start at once; one of them writing it is enough
            pass

    async def plugins_needing_restart(self) -> list[str]:
        """Installed plugins the running server has not loaded (installed after it started)."""
        served = await get_value(SERVED_KEY)
        if served is None:
            return []
        return sorted(set(self.host.records) - set(served))

    async def server_failures(self) -> dict[str, str]:
        """Plugins the running server left out (e.g. their start-up hook raised), with the reason."""
        return await get_value(FAILED_KEY) or {}

    def profile(self) -> dict:
        """The nagari profile as last loaded (name, terms, theme)."""
        return self._profile

    async def load_profile(self) -> dict:
        stored = await get_value(PROFILE_KEY)
        self._profile = {**DEFAULT_PROFILE, **(stored or {})}
        waktu.remember(self._profile)
        return self._profile

    async def save_profile(self, changes: dict) -> dict:
        async with write_transaction():
            await set_values({PROFILE_KEY: {**self._profile, **changes}})
            await state.bump_version()
        return await self.load_profile()

    async def close(self) -> None:
        await self.engine.close()
