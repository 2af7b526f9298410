"""Find plugins through entry points, load them in isolation, and call their hooks.

A plugin that fails to import, has bad metadata, needs another core version or
implements a hook that does not exist is recorded with the reason and left out;
the app and the other plugins run on.

Two ways to call a hook:

- `call_each` / `collect`: each plugin's own implementation, one by one, with the plugin's
  name beside its answer. For hooks where plugins add things (routes, menus, widgets).
- `call` / `acall`: through pluggy's relay, restricted to the enabled plugins, so that
  ``firstresult`` hooks (the first plugin to answer overrides the rest) and wrappers
  (``wrapper=True``: code around the other implementations) work as pluggy documents.
  Domain events (`plugin_sdk.emit`) go this way.

Either way one plugin's failure is logged with its name and the others still run.

Conventions: a plugin's ``templates/`` and ``static/`` folders and its ``piccolo_app``
module next to its plugin module are found without a hook; a plugin's ``events`` module
next to it declares its domain events (hookspecs other plugins implement).
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import logging
from dataclasses import dataclass, field
from pathlib import Path
from importlib.metadata import EntryPoint, entry_points
from types import ModuleType
from typing import Any, Iterable

import pluggy

from core import __version__ as CORE_VERSION
from core import hookspecs
from core.plugin_host.types import PluginMeta
from core.plugin_host import guard

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
    events: tuple[str, ...] = ()  # the domain events (hookspecs) this plugin declares
    _imported: ModuleType | None = field(default=None, repr=False)

    @property
    def loaded(self) -> bool:
        return self.module is not None and self.error is None

    @property
    def title(self) -> str:
        return self.meta.title if self.meta else self.name

    @property
    def depends(self) -> tuple[str, ...]:
        return self.meta.depends if self.meta else ()

    @property
    def folder(self) -> Path | None:
        """The folder the plugin module lives in: where its templates/ and static/ are found by convention."""
        module = self.module or self._imported
        path = getattr(module, "__file__", None)
        return Path(path).parent if path else None

    @property
    def package(self) -> str | None:
        """The package the plugin module lives in (``plugins.surat`` for ``plugins.surat.plugin``)."""
        module = self.module or self._imported
        if module is None:
            return None
        return module.__name__ if hasattr(module, "__path__") else module.__name__.rpartition(".")[0] or None


def _sibling(package: str | None, name: str) -> str | None:
    """``<package>.<name>`` when that module exists (found without importing it)."""
    if not package:
        return None
    try:
        return f"{package}.{name}" if importlib.util.find_spec(f"{package}.{name}") is not None else None
    except (ImportError, ValueError):
        return None


def _folder(record: PluginRecord, name: str) -> list[Path]:
    folder = record.folder
    return [folder / name] if folder is not None and (folder / name).is_dir() else []


def _piccolo_app(record: PluginRecord) -> list[str]:
    found = _sibling(record.package, "piccolo_app")
    return [found] if found else []


# What the host finds by convention; the hooks stay for the unusual case (another folder, two apps).
CONVENTIONS = {
    "balai_template_dirs": lambda record: _folder(record, "templates"),
    "balai_static_dirs": lambda record: _folder(record, "static"),
    "balai_piccolo_apps": _piccolo_app,
}
KERNEL_PREFIX = "balai_"


class PluginHost:
    def __init__(self, eps: Iterable[EntryPoint] | None = None, core_version: str = CORE_VERSION):
        self.core_version = core_version
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.records: dict[str, PluginRecord] = {}
        self.events: dict[str, str] = {}  # domain event -> the plugin that declares it
        self._eps = eps

    # -- discovery ---------------------------------------------------------
    def discover(self) -> "PluginHost":
        """Import every plugin and add its domain events first, then register its hooks.

        Two passes, so that a plugin may implement another plugin's event whatever
        the order their names sort in.
        """
        eps = self._eps if self._eps is not None else entry_points(group=GROUP)
        imported = [self._import(ep) for ep in sorted(eps, key=lambda e: e.name)]
        for record in imported:
            if record.error is None and record._imported is not None:
                self._register(record)
        return self

    def _fail(self, record: PluginRecord, reason: str) -> PluginRecord:
        record.error = reason
        log.error("plugin %s ditinggalkan: %s", record.name, reason)
        return record

    def _load(self, ep: EntryPoint) -> PluginRecord:
        """Import and register one plugin (its events can only be implemented by plugins loaded after it)."""
        record = self._import(ep)
        if record.error is None and record._imported is not None:
            self._register(record)
        return record

    def _import(self, ep: EntryPoint) -> PluginRecord:
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
        record._imported = module
        if problem := self._add_events(record):
            return self._fail(record, problem)
        return record

    def _add_events(self, record: PluginRecord) -> str | None:
        """Add the hookspecs of the plugin's ``events`` module (its domain events); a problem in words, or None."""
        path = _sibling(record.package, "events")
        if path is None:
            return None
        try:
            events = importlib.import_module(path)
        except Exception as exc:
            log.exception("event plugin %s gagal dimuat", record.name)
            return f"modul event {path} gagal dimuat: {type(exc).__name__}: {exc}"
        names = tuple(sorted(n for n in dir(events) if self.pm.parse_hookspec_opts(events, n) is not None))
        if not names:
            return f"modul event {path} tidak menyatakan satu event pun (@hookspec)"
        kernel = [n for n in names if n.startswith(KERNEL_PREFIX)]
        taken = [n for n in names if n in self.events or (n not in kernel and hasattr(self.pm.hook, n)
                                                         and getattr(self.pm.hook, n).has_spec())]
        if kernel:
            return f"nama event {', '.join(kernel)} memakai awalan {KERNEL_PREFIX!r} milik kernel"
        if taken:
            owners = ", ".join(f"{n} (milik {self.events.get(n, 'kernel')})" for n in taken)
            return f"event sudah dinyatakan plugin lain: {owners}"
        try:
            self.pm.add_hookspecs(events)
        except Exception as exc:
            return f"event tidak sah: {exc}"
        record.events = names
        self.events.update({name: record.name for name in names})
        return None

    def _register(self, record: PluginRecord) -> PluginRecord:
        module, meta = record._imported, record.meta
        try:
            self.pm.register(module, name=meta.name)
        except Exception as exc:  # pluggy rejects impls whose arguments do not fit the spec
            return self._fail(record, f"hook tidak sah: {exc}")
        callers = self.pm.get_hookcallers(module) or []
        unknown = sorted(c.name for c in callers if not c.has_spec() and not self._optional(c, module))
        foreign = sorted(c.name for c in callers if (owner := self.events.get(c.name)) not in (None, meta.name)
                         and owner not in meta.depends and not self._optional(c, module))
        if unknown or foreign:
            self.pm.unregister(module)
            if unknown:
                return self._fail(record, f"mengimplementasikan hook yang tidak ada: {', '.join(unknown)}")
            owners = ", ".join(f"{name} (milik {self.events[name]})" for name in foreign)
            return self._fail(record, f"menanggapi event plugin lain tanpa menyatakannya di depends: {owners}")
        for caller in callers:
            for impl in caller.get_hookimpls():
                if impl.plugin is module:
                    guard.isolate(impl, caller.name)
        record.module = module
        return record

    @staticmethod
    def _optional(caller, module) -> bool:
        return any(impl.optionalhook for impl in caller.get_hookimpls() if impl.plugin is module)

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
                return guard.raw(impl)(**{k: kwargs[k] for k in impl.argnames if k in kwargs})
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
            if impl.wrapper or impl.hookwrapper:  # wraps the others; only `call` can run it
                continue
            try:
                # Like pluggy, an implementation may take fewer arguments than the spec offers.
                args = {name: kwargs[name] for name in impl.argnames if name in kwargs}
                results.append((impl.plugin_name, guard.raw(impl)(**args)))
            except Exception:
                log.exception("hook %s dari plugin %s gagal", hook, impl.plugin_name)
        return self._with_conventions(hook, results, only)

    def _with_conventions(self, hook: str, results: list[tuple[str, Any]], only: set[str] | None):
        """Add what a plugin has by convention (templates/, static/, piccolo_app) unless its hook already said so."""
        find = CONVENTIONS.get(hook)
        if find is None:
            return results
        said = {(name, _key(hook, item)) for name, items in results if isinstance(items, (list, tuple))
                for item in items}
        found = []
        for record in self.loaded():
            if only is not None and record.name not in only:
                continue
            items = [item for item in find(record) if (record.name, _key(hook, item)) not in said]
            if items:
                found.append((record.name, items))
        return found + results

    def call(self, hook: str, only: set[str] | None = None, **kwargs) -> Any:
        """Call `hook` through pluggy, on every loaded plugin or only those in `only`.

        What pluggy returns: a list of the non-None answers, or for a ``firstresult``
        hook the first one (None when no plugin answered). Wrappers run around the
        other implementations. An implementation that raises is logged and counts as
        no answer, so the next one (for an override: the default) answers instead;
        a wrapper that raises is skipped. Answers may still be awaitables: see `acall`.
        """
        caller = getattr(self.pm.hook, hook, None)
        firstresult = bool(caller is not None and caller.spec is not None and caller.spec.opts.get("firstresult"))
        if caller is None:
            return None if firstresult else []
        if only is not None:
            caller = self.pm.subset_hook_caller(hook, [r.module for r in self.loaded() if r.name not in only])
        try:
            return caller(**kwargs)
        except Exception:  # a wrapper re-raised, or pluggy refused the call
            log.exception("hook %s gagal", hook)
            return None if firstresult else []

    async def acall(self, hook: str, only: set[str] | None = None, **kwargs) -> Any:
        """`call`, awaiting answers that are awaitables (an async implementation's failure counts as no answer)."""
        result = self.call(hook, only=only, **kwargs)
        if not isinstance(result, list):
            return await result if inspect.isawaitable(result) else result
        answers = []
        for value in result:
            if inspect.isawaitable(value):
                value = await value
            if value is not None:
                answers.append(value)
        return answers

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


def _key(hook: str, item: Any) -> str:
    """Compare folders as resolved paths, module paths as written."""
    if hook == "balai_piccolo_apps":
        return str(item)
    try:
        return str(Path(item).resolve())
    except TypeError:
        return repr(item)


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
