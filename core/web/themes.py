"""Public-website themes, discovered through the ``balai.themes`` entry points."""

from __future__ import annotations

import logging
from importlib.metadata import entry_points

from core.plugin_host.types import ThemeMeta

log = logging.getLogger("balai.themes")
DEFAULT_THEME = "bawaan"


def discover_themes() -> dict[str, ThemeMeta]:
    themes = {}
    for ep in entry_points(group="balai.themes"):
        try:
            meta = getattr(ep.load(), "THEME")
        except Exception:
            log.exception("tema %s gagal dimuat", ep.name)
            continue
        if isinstance(meta, ThemeMeta):
            themes[meta.name] = meta
        else:
            log.error("tema %s tidak punya THEME = ThemeMeta(...)", ep.name)
    return themes


def choose(themes: dict[str, ThemeMeta], wanted: str | None) -> ThemeMeta | None:
    if wanted and wanted in themes:
        return themes[wanted]
    if wanted:
        log.warning("tema %s tidak terpasang; memakai tema bawaan", wanted)
    return themes.get(DEFAULT_THEME) or next(iter(themes.values()), None)
