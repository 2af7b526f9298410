"""Find plugins through entry points, load them in isolation, and call their hooks.

A plugin that fails to import, has bad metadata, needs another core version or
implements a hook that does not exist is recorded with the reason and left out;
the app and the other plugins run on.
"""

from __future__ import annotations

import inspect
import logging
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType
from typing import Any, Iterable

import pluggy

from core import __version__ as CORE_VERSION
from core import hookspecs
from core.plugin_host.types import PluginMeta

log = logging.getLogger("balai.plugins")
GROUP = "balai.plugins"
BUILTIN_DISTRIBUTION = "balai"


@dataclass
class PluginRecord:
    """One installed plugin, whether or not it loaded."""

    name: str
    distribution: str | None
    builtin: bool
    meta: PluginMeta | None = None
    module: ModuleType | None = None
    error: str | None = None

    @property
    def loaded(self) -> bool:
        return self.module is not None and self.error is None

    @property
    def title(self) -> str:
        return self.meta.title if self.meta else self.name

    @property
    def depends(self) -> tuple[str, ...]:
        return self.meta.depends if self.meta else ()


class PluginHost:
    def __init__(self, eps: Iterable[EntryPoint] | None = None, core_version: str = CORE_VERSION):
        self.core_version = core_version
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.records: dict[str, PluginRecord] = {}
        self._eps = eps

    # -- discovery ---------------------------------------------------------
    def discover(self) -> "PluginHost":
        eps = self._eps if self._eps is not None else entry_points(group=GROUP)
        for ep in sorted(eps, key=lambda e: e.name):
            self._load(ep)
        return self

    def _fail(self, record: PluginRecord, reason: str) -> PluginRecord:
        record.error = reason
        log.error("plugin %s ditinggalkan: %s", record.name, reason)
        return record

    def _load(self, ep: EntryPoint) -> PluginRecord:
        dist = ep.dist.name if ep.dist else None
        record = PluginRecord(name=ep.name, distribution=dist, builtin=dist == BUILTIN_DISTRIBUTION)
        if ep.name in self.records:
            self.mark_failed(ep.name, f"nama plugin {ep.name!r} dipakai oleh dua paket")
            return self.records[ep.name]
        self.records[ep.name] = record
        try:
            module = ep.load()
        except Exception as exc:  # any import-time failure must not take the app down
            log.exception("plugin %s gagal dimuat", ep.name)
            return self._fail(record, f"gagal dimuat: {type(exc).__name__}: {exc}")
        meta = getattr(module, "PLUGIN", None)
        if not isinstance(meta, PluginMeta):
            return self._fail(record, "modul tidak punya metadata PLUGIN = PluginMeta(...)")
        record.meta = meta
        if meta.name != ep.name:
            return self._fail(record, f"nama di metadata ({meta.name!r}) berbeda dengan entry point ({ep.name!r})")
        if problems := meta.problems():
            return self._fail(record, "; ".join(problems))
        if not meta.supports(self.core_version):
            return self._fail(
                record, f"butuh Balai core {meta.core_requires}, yang terpasang {self.core_version}"
            )
        try:
            self.pm.register(module, name=meta.name)
        except Exception as exc:  # pluggy rejects impls whose arguments do not fit the spec
            return self._fail(record, f"hook tidak sah: {exc}")
        unknown = sorted(c.name for c in self.pm.get_hookcallers(module) or [] if not c.has_spec())
        if unknown:
            self.pm.unregister(module)
            return self._fail(record, f"mengimplementasikan hook yang tidak ada: {', '.join(unknown)}")
        record.module = module
        return record

    # -- questions ---------------------------------------------------------
    def loaded(self) -> list[PluginRecord]:
        return [r for r in self.records.values() if r.loaded]

    def failed(self) -> list[PluginRecord]:
        return [r for r in self.records.values() if not r.loaded]

    def get(self, name: str) -> PluginRecord | None:
        return self.records.get(name)

    def dependents_of(self, name: str) -> list[str]:
        return sorted(r.name for r in self.loaded() if name in r.depends)

    def mark_failed(self, name: str, reason: str) -> None:
        """Leave a plugin out at run time (e.g. its start-up hook raised)."""
        record = self.records[name]
        if record.module is not None and self.pm.is_registered(record.module):
            self.pm.unregister(record.module)
        self._fail(record, reason)

    def newly_installed(self) -> list[str]:
        """Plugins whose package was installed after this process started: they need a restart."""
        present = {ep.name for ep in (self._eps if self._eps is not None else entry_points(group=GROUP))}
        return sorted(present - set(self.records))

    # -- calling hooks -----------------------------------------------------
    def call_one(self, hook: str, name: str, **kwargs) -> Any:
        """Call one plugin's implementation of `hook` (exceptions propagate); None when it has none."""
        for impl in getattr(self.pm.hook, hook).get_hookimpls():
            if impl.plugin_name == name:
                return impl.function(**{k: kwargs[k] for k in impl.argnames if k in kwargs})
        return None

    def call_each(self, hook: str, only: set[str] | None = None, **kwargs) -> list[tuple[str, Any]]:
        """Call `hook` on each loaded plugin (or only those in `only`), isolating failures.

        Returns (plugin name, result) pairs; a result may still be an awaitable,
        see `acall_each`.
        """
        results = []
        for impl in reversed(getattr(self.pm.hook, hook).get_hookimpls()):
            if only is not None and impl.plugin_name not in only:
                continue
            try:
                # Like pluggy, an implementation may take fewer arguments than the spec offers.
                args = {name: kwargs[name] for name in impl.argnames if name in kwargs}
                results.append((impl.plugin_name, impl.function(**args)))
            except Exception:
                log.exception("hook %s dari plugin %s gagal", hook, impl.plugin_name)
        return results

    async def acall_each(self, hook: str, only: set[str] | None = None, **kwargs) -> list[tuple[str, Any]]:
        results = []
        for name, value in self.call_each(hook, only=only, **kwargs):
            if inspect.isawaitable(value):
                try:
                    value = await value
                except Exception:
                    log.exception("hook %s dari plugin %s gagal", hook, name)
                    continue
            results.append((name, value))
        return results

    def collect(self, hook: str, only: set[str] | None = None, **kwargs) -> list[tuple[str, Any]]:
        """Flatten list-returning hooks into (plugin name, item) pairs."""
        return _flatten(hook, self.call_each(hook, only=only, **kwargs))

    async def acollect(self, hook: str, only: set[str] | None = None, **kwargs) -> list[tuple[str, Any]]:
        return _flatten(hook, await self.acall_each(hook, only=only, **kwargs))


def _flatten(hook: str, results: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    pairs = []
    for name, items in results:
        if items is None:
            continue
        if not isinstance(items, (list, tuple)):
            log.error("hook %s dari plugin %s harus mengembalikan list, bukan %s", hook, name, type(items).__name__)
            continue
        pairs.extend((name, item) for item in items)
    return pairs
