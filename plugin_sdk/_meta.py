"""PluginMeta as plugins see it: the kernel's metadata plus `sdk_requires`, checked against the SDK's version.

The plugin host checks `core_requires` against the core's version and refuses a plugin whose metadata has
problems; an SDK range that the installed SDK does not satisfy is one of those problems, so a plugin written
for another SDK refuses to load with a message naming both versions, and the rest of the app runs on.
"""

from __future__ import annotations

from dataclasses import dataclass

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from core.plugin_host.types import PluginMeta as _KernelMeta


@dataclass(frozen=True)
class PluginMeta(_KernelMeta):
    """What a plugin says about itself; kept as ``PLUGIN`` in the plugin's module.

    ``core_requires`` is a PEP 440 range of Balai core versions, ``sdk_requires`` one of
    ``plugin_sdk.SDK_VERSION`` (e.g. ``">=1.7,<2"``: the SDK names this plugin uses first came in 1.7,
    and 2.0 may remove deprecated ones). Empty: not checked.
    """

    sdk_requires: str = ""

    def problems(self) -> list[str]:
        from plugin_sdk import SDK_VERSION

        found = super().problems()
        try:
            wanted = SpecifierSet(self.sdk_requires)
        except InvalidSpecifier:
            return found + [f"sdk_requires {self.sdk_requires!r} bukan rentang versi PEP 440"]
        if not wanted.contains(SDK_VERSION, prereleases=True):
            found.append(f"butuh SDK plugin Balai {self.sdk_requires}, yang terpasang {SDK_VERSION}")
        return found
