"""The default public-website theme."""

from pathlib import Path

from plugin_sdk import ThemeMeta

_HERE = Path(__file__).resolve().parent

THEME = ThemeMeta(name="bawaan", title="Bawaan", templates_dir=_HERE / "templates", static_dir=_HERE / "static")
