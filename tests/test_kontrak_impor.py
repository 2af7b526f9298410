"""Rules about how plugins meet, checked by reading their source rather than by goodwill.

import-linter (tests/test_boundaries.py) lets a plugin import another plugin only through its
contract (``plugins.<name>.api``) and events (``plugins.<name>.events``); these tests add what
it cannot see: that the plugin declares the other in ``PLUGIN.depends`` (or, for a contract imported only inside
a function, an optional hook, in ``PLUGIN.enhances``), and that no plugin,
theme or example reaches into the running app (``app.state``) instead of asking the SDK.
"""

import ast
import importlib.util
import re
from importlib.metadata import entry_points
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = re.compile(r"^plugins\.(\w+)\.(api|events)$")


def plugin_packages() -> dict[str, tuple[str, Path]]:
    """Plugin name -> (its package, e.g. plugins.surat or balai_adat; its folder), for every installed plugin."""
    found = {}
    for ep in entry_points(group="balai.plugins"):
        package = ep.value.split(":")[0].rpartition(".")[0]
        spec = importlib.util.find_spec(package) if package else None
        if spec is not None and spec.submodule_search_locations:
            found[ep.name] = (package, Path(list(spec.submodule_search_locations)[0]))
    return found


def imports(folder: Path, top_level_only: bool = False) -> set[tuple[str, str]]:
    """(file, imported module) for every absolute import under a folder, including `from x import y` as x.y;
    `top_level_only`: the imports run when the module loads (not those inside a function)."""
    found = set()
    for path in folder.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        shown = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in (tree.body if top_level_only else ast.walk(tree)):
            if isinstance(node, ast.Import):
                found.update((shown, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add((shown, node.module))
                found.update((shown, f"{node.module}.{alias.name}") for alias in node.names)
    return found


def test_a_plugin_using_another_plugins_contract_declares_it_as_a_dependency():
    from core.plugin_host.host import PluginHost

    host = PluginHost().discover()
    packages = plugin_packages()
    owner = {package: name for name, (package, _) in packages.items()}
    assert {"surat", "layanan_mandiri", "adat"} <= set(packages)
    missing = {}
    used = set()
    for name, (package, folder) in packages.items():
        at_load = imports(folder, top_level_only=True)
        meta = host.get(name).meta
        for path, module in imports(folder):
            match = CONTRACT.match(module)
            other = owner.get(f"plugins.{match.group(1)}") if match else None
            if other is None or other == name:
                continue
            used.add((name, other))
            optional = other in meta.enhances and (path, module) not in at_load  # imported inside an optional hook
            if other not in meta.depends and not optional:
                missing.setdefault(name, set()).add(f"{other} ({path})")
    assert ("layanan_mandiri", "surat") in used and ("adat", "surat") in used
    assert missing == {}, "plugins that import another plugin's contract without declaring it in PLUGIN.depends"


def test_no_plugin_theme_or_example_reaches_into_app_state():
    offenders = []
    for top in ("plugins", "themes", "examples"):
        for path in (ROOT / top).rglob("*"):
            if path.suffix in (".py", ".html") and "app.state" in path.read_text(encoding="utf-8", errors="replace"):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == [], "use the SDK (nagari_profile, data_dir, runtime_info, ...) instead of app.state"
