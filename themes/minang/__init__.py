"""A public-website theme with Minangkabau motifs (rumah gadang roof lines, songket bands), drawn in CSS/SVG."""

from pathlib import Path

from plugin_sdk import ThemeMeta

_HERE = Path(__file__).resolve().parent

THEME = ThemeMeta(name="minang", title="Minang", templates_dir=_HERE / "templates", static_dir=_HERE / "static")
