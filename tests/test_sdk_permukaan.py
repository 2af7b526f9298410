"""The SDK held to its word: its public surface is pinned in tests/sdk_permukaan.txt.

Every public name of `plugin_sdk` and of each of its modules is one line of that file, with its signature
(functions), its fields (dataclasses) or its value (simple constants), and the SDK version in which the line
took its present form. A change to the surface fails `test_the_sdk_surface_is_the_pinned_one` until the file
is written again::

    BALAI_SDK_PERMUKAAN=tulis .venv/bin/pytest -q tests/test_sdk_permukaan.py

which stamps every new or changed line with the current SDK_VERSION and refuses to write while a version's
changelog section (docs/plugins/sdk-changelog.md) does not name each of its lines' names, or when SDK_VERSION
is older than a version the file already holds. So a change needs a version (bump SDK_VERSION when the current
one is released) and a changelog line, and shows in review as a diff of this file.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import os
import pkgutil
import re
import types
from pathlib import Path

import pytest
from packaging.version import Version

import plugin_sdk

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = Path(__file__).with_name("sdk_permukaan.txt")
CHANGELOG = ROOT / "docs" / "plugins" / "sdk-changelog.md"
BASELINE = "1.6"  # the surface as it stood when it was first pinned, before 1.7
VALUES_NOT_PINNED = {"CORE_VERSION", "SDK_VERSION",  # change with every release by design
                     "ENGINES", "POSTGRES_ADMIN"}  # plugin_sdk.testing: read from the environment


def _clean(text: str) -> str:
    return re.sub(r" at 0x[0-9a-f]+", "", text)


def _signature(obj) -> str:
    try:
        return _clean(str(inspect.signature(obj)))
    except (TypeError, ValueError):
        return "(...)"


def _describe(name: str, obj) -> str:
    if dataclasses.is_dataclass(obj) and isinstance(obj, type):
        fields = ", ".join(f"{f.name}: {f.type}" + ("" if f.default is dataclasses.MISSING else f" = {f.default!r}")
                           for f in dataclasses.fields(obj))
        return f"dataclass {name}({fields})"
    if isinstance(obj, type):
        bases = ", ".join(b.__name__ for b in obj.__bases__)
        methods = sorted(m for m, v in vars(obj).items() if not m.startswith("_") and callable(v))
        extra = f" methods: {', '.join(f'{m}{_signature(getattr(obj, m))}' for m in methods)}" if methods else ""
        return f"class {name}({bases}){extra}"
    if inspect.isroutine(obj) or (callable(obj) and not isinstance(obj, (str, int, tuple, frozenset, dict))):
        kind = "async def" if inspect.iscoroutinefunction(obj) or inspect.isasyncgenfunction(obj) else "def"
        return f"{kind} {name}{_signature(obj)}"
    if name in VALUES_NOT_PINNED:
        return f"{name}: {type(obj).__name__}"
    return _clean(f"{name}: {type(obj).__name__} = {obj!r}")


def _public(module) -> list[str]:
    if hasattr(module, "__all__"):
        return list(module.__all__)
    return [n for n, v in vars(module).items() if not n.startswith("_") and not isinstance(v, types.ModuleType)
            and (getattr(v, "__module__", None) == module.__name__ or n.isupper()
                 or type(v).__module__.startswith("_pytest"))]


def surface() -> dict[str, str]:
    """Every public name of the SDK -> its description."""
    modules = [plugin_sdk] + [importlib.import_module(f"plugin_sdk.{m.name}")
                              for m in pkgutil.iter_modules(plugin_sdk.__path__) if not m.name.startswith("_")]
    found = {}
    for module in modules:
        for name in sorted(set(_public(module))):
            found[f"{module.__name__}.{name}"] = _describe(name, getattr(module, name))
    return found


def read_snapshot() -> tuple[str, dict[str, tuple[str, str]]]:
    """(the SDK_VERSION it was written at, {qualified name: (version, description)})."""
    version, entries = "", {}
    for line in SNAPSHOT.read_text(encoding="utf-8").splitlines():
        if line.startswith("# SDK_VERSION "):
            version = line.split()[-1]
        elif line and not line.startswith("#"):
            since, qualified, description = line.split("  ", 2)
            entries[qualified] = (since, description)
    return version, entries


def changelog_sections() -> dict[str, str]:
    text = CHANGELOG.read_text(encoding="utf-8")
    parts = re.split(r"^## (\S+)\s*$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def named_in(section: str, qualified: str) -> bool:
    name = qualified.rsplit(".", 1)[1]
    return any(re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", code) for code in re.findall(r"`([^`]+)`", section))


def unlisted(entries: dict[str, tuple[str, str]], removed: dict[str, str] | None = None) -> list[str]:
    """Lines stamped with a version whose changelog section does not name them."""
    sections = changelog_sections()
    missing = [f"{q} ({since})" for q, (since, _) in entries.items()
               if since != BASELINE and not named_in(sections.get(since, ""), q)]
    for qualified, since in (removed or {}).items():
        if not named_in(sections.get(since, ""), qualified):
            missing.append(f"{qualified} (dihapus di {since})")
    return missing


def write_snapshot() -> None:
    version = plugin_sdk.SDK_VERSION
    old_version, old = read_snapshot() if SNAPSHOT.exists() else (version, {})
    if Version(version) < Version(old_version):
        raise AssertionError(f"SDK_VERSION {version} lebih tua dari {old_version} di {SNAPSHOT.name}")
    entries = {}
    for qualified, description in sorted(surface().items()):
        since, before = old.get(qualified, (version, None))
        entries[qualified] = (since if before == description else version, description)
    removed = {q: version for q in old if q not in entries}
    if missing := unlisted(entries, removed):
        raise AssertionError("changelog belum menyebut: " + ", ".join(missing))
    lines = ["# The public surface of plugin_sdk, pinned (tests/test_sdk_permukaan.py writes it; do not edit by hand).",
             "# <version the line took this form>  <name>  <signature, fields or value>",
             f"# SDK_VERSION {version}"]
    lines += [f"{since}  {q}  {d}" for q, (since, d) in entries.items()]
    SNAPSHOT.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.skipif(os.environ.get("BALAI_SDK_PERMUKAAN") != "tulis", reason="only when asked to write the file")
def test_write_the_snapshot():
    write_snapshot()


def test_the_sdk_surface_is_the_pinned_one():
    _, pinned = read_snapshot()
    now = surface()
    added = sorted(set(now) - set(pinned))
    removed = sorted(set(pinned) - set(now))
    changed = sorted(q for q in set(now) & set(pinned) if now[q] != pinned[q][1])
    assert not (added or removed or changed), (
        "Permukaan SDK berubah: tambah SDK_VERSION bila versi ini sudah dirilis, tulis di sdk-changelog.md, lalu "
        "BALAI_SDK_PERMUKAAN=tulis pytest tests/test_sdk_permukaan.py\n"
        + "".join(f"  + {q}: {now[q]}\n" for q in added) + "".join(f"  - {q}\n" for q in removed)
        + "".join(f"  ~ {q}: {pinned[q][1]}  ->  {now[q]}\n" for q in changed))


def test_the_pinned_surface_is_this_version_and_the_changelog_names_every_change():
    version, pinned = read_snapshot()
    assert version == plugin_sdk.SDK_VERSION, f"{SNAPSHOT.name} ditulis untuk SDK {version}, kini {plugin_sdk.SDK_VERSION}"
    assert plugin_sdk.SDK_VERSION in changelog_sections(), "sdk-changelog.md belum punya bagian versi ini"
    assert all(Version(since) <= Version(version) for since, _ in pinned.values())
    assert unlisted(pinned) == []


def test_a_plugin_for_another_sdk_refuses_to_load_with_both_versions(fixture_plugins):
    from core.plugin_host.host import PluginHost

    record = PluginHost(eps=[fixture_plugins("sdk_baru")]).discover().get("sdk_baru")
    assert not record.loaded
    assert ">=9.0" in record.error and plugin_sdk.SDK_VERSION in record.error and "SDK" in record.error
    assert plugin_sdk.PluginMeta(name="adat", title="Adat", version="1", sdk_requires=">=1.7,<2").problems() == []
    assert "PEP 440" in plugin_sdk.PluginMeta(name="adat", title="Adat", version="1", sdk_requires="baru").problems()[0]
