"""Jinja2 with explicit precedence: theme, then plugins, then core.

Plugin templates are namespaced by the plugin's name (``adat/daftar.html``); a theme
overrides any of them by shipping a file at the same path.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, select_autoescape

from core.dokumen.teks import tanggal_panjang

CORE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

def tanggal_indonesia(value: date | datetime | None) -> str:
    """``27 November 2026``; Indonesian month names regardless of the server's locale."""
    return tanggal_panjang(value) if value is not None else ""


def build_environment(theme_dir: Path | None, plugin_dirs: dict[str, list[Path]]) -> Environment:
    loaders = []
    if theme_dir is not None:
        loaders.append(FileSystemLoader(str(theme_dir)))
    if plugin_dirs:
        loaders.append(
            PrefixLoader({name: FileSystemLoader([str(d) for d in dirs]) for name, dirs in plugin_dirs.items()})
        )
    loaders.append(FileSystemLoader(str(CORE_TEMPLATES)))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(("html", "xml")),
        enable_async=False,
        auto_reload=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["tanggal"] = tanggal_indonesia
    return env
