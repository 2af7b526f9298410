"""Public-website themes, discovered through the ``balai.themes`` entry points.

Each theme is checked once at start-up (it imports, its ``THEME`` is a ThemeMeta, its templates folder exists, its
templates compile); a theme that fails is reported in Indonesian and never used. The active theme is the profile's
``tema``, read on every template lookup from the profile the worker already holds (re-read by every worker when the
configuration version changes), so switching needs no restart and costs no query.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, TemplateSyntaxError

from core.plugin_host.types import ThemeMeta

log = logging.getLogger("balai.themes")
DEFAULT_THEME = "bawaan"
TEMPLATE_SUFFIXES = {".html", ".xml", ".txt"}
NAME = re.compile(r"[a-z][a-z0-9_-]{0,40}")


@dataclass
class Themes:
    """The installed themes that passed their checks, and why the others were left out."""

    usable: dict[str, ThemeMeta] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)

    def active(self, wanted: str | None) -> ThemeMeta | None:
        """The theme to use for the profile's choice: the default theme when that one is missing or broken."""
        if wanted and wanted in self.usable:
            return self.usable[wanted]
        return self.usable.get(DEFAULT_THEME) or next(iter(self.usable.values()), None)

    def choices(self) -> list[dict]:
        """For the profile form: every installed theme with its title, broken ones with the reason."""
        rows = [{"nama": m.name, "judul": m.title, "masalah": ""} for m in self.usable.values()]
        rows += [{"nama": name, "judul": name, "masalah": problem} for name, problem in self.problems.items()]
        return sorted(rows, key=lambda r: (r["nama"] != DEFAULT_THEME, r["judul"].lower()))

    def notice(self, wanted: str | None) -> str:
        """An Indonesian sentence when the chosen theme cannot be used ('' when it can)."""
        if not wanted or wanted in self.usable:
            return ""
        fallback = self.active(wanted)
        instead = f"situs memakai tema {fallback.title}" if fallback else "situs memakai tampilan dasar Balai"
        if wanted in self.problems:
            return f"Tema {wanted!r} rusak sehingga tidak dipakai; {instead}. {self.problems[wanted]}"
        return f"Tema {wanted!r} tidak terpasang; {instead}."


def _meta_problem(name: str, meta: object, taken: dict[str, ThemeMeta]) -> str:
    if meta is None:
        return f"Tema {name} tidak punya THEME = ThemeMeta(...)."
    if not isinstance(meta, ThemeMeta):
        return f"Tema {name}: THEME harus ThemeMeta, bukan {type(meta).__name__}."
    if not isinstance(meta.name, str) or not NAME.fullmatch(meta.name):
        return (f"Tema {name}: nama {meta.name!r} tidak sah (huruf kecil, angka, - atau _, diawali huruf; "
                "nama ini menjadi bagian alamat berkas statisnya).")
    if meta.name in taken:
        return f"Tema {name}: nama {meta.name!r} sudah dipakai tema lain yang terpasang."
    if not meta.templates_dir or not Path(meta.templates_dir).is_dir():
        return f"Tema {name}: folder templat {meta.templates_dir} tidak ada."
    if meta.static_dir is not None and not Path(meta.static_dir).is_dir():
        return f"Tema {name}: folder berkas statis {meta.static_dir} tidak ada."
    return ""


def _template_problem(name: str, directory: Path, env: Environment) -> str:
    """Compile every template of the theme: a syntax error or an unknown filter is found now, not by a visitor."""
    for path in sorted(directory.rglob("*")):
        if path.suffix not in TEMPLATE_SUFFIXES or not path.is_file():
            continue
        relative = path.relative_to(directory).as_posix()
        stat = path.stat()
        # an app is built per test and per worker: a file already checked unchanged is not compiled again
        problem = _checked.get((str(path), stat.st_mtime_ns, stat.st_size, frozenset(env.filters)))
        if problem is None:
            problem = _compile_problem(name, relative, path, env)
            _checked[(str(path), stat.st_mtime_ns, stat.st_size, frozenset(env.filters))] = problem
        if problem:
            return problem
    return ""


_checked: dict[tuple, str] = {}


def _compile_problem(name: str, relative: str, path: Path, env: Environment) -> str:
    try:
        env.compile(path.read_text(encoding="utf-8"), relative, str(path))
    except TemplateSyntaxError as exc:
        return f"Tema {name}: templat {relative} rusak di baris {exc.lineno}: {exc.message}"
    except (OSError, UnicodeDecodeError) as exc:
        return f"Tema {name}: templat {relative} tidak bisa dibaca: {exc}"
    return ""


def discover_themes(env: Environment | None = None, eps: Iterable[EntryPoint] | None = None) -> Themes:
    """Load and check every registered theme; `env` compiles their templates (with the filters pages use)."""
    found = Themes()
    for ep in entry_points(group="balai.themes") if eps is None else eps:
        try:
            meta = getattr(ep.load(), "THEME", None)
        except Exception as exc:  # a third party's broken package must not stop the site
            log.exception("tema %s gagal dimuat", ep.name)
            found.problems[ep.name] = f"Tema {ep.name} gagal dimuat: {type(exc).__name__}: {exc}"
            continue
        problem = _meta_problem(ep.name, meta, found.usable)
        if not problem and env is not None:
            problem = _template_problem(meta.name, Path(meta.templates_dir), env)
        if problem:
            log.error("%s Memakai tema bawaan.", problem)
            named = isinstance(meta, ThemeMeta) and isinstance(meta.name, str) and NAME.fullmatch(meta.name)
            key = meta.name if named else ep.name
            found.problems[key if key not in found.usable else ep.name] = problem
            continue
        found.usable[meta.name] = meta
    return found


class ThemedEnvironment(Environment):
    """A Jinja environment whose loader is the active theme's, looked up on each template load.

    Jinja caches compiled templates per loader object, so each theme keeps its own compiled copies and switching
    back and forth compiles nothing twice. Every renderer (pages, widgets, error pages) follows the switch.
    """

    _theme_loaders: dict[str, BaseLoader]
    _base_loader: BaseLoader | None
    _wanted: Callable[[], str | None]
    themes: Themes

    @property
    def loader(self) -> BaseLoader | None:  # type: ignore[override]
        return self._theme_loaders.get(self._wanted() or "") or self._base_loader

    @loader.setter
    def loader(self, value: BaseLoader | None) -> None:
        self._base_loader = value

    def theme_name(self) -> str | None:
        """The name of the theme pages render with now."""
        theme = self.themes.active(self._wanted())
        return theme.name if theme else None

    @classmethod
    def around(cls, env: Environment, themes: Themes, wanted: Callable[[], str | None]) -> "ThemedEnvironment":
        """Wrap `env` (built by core.web.templating with the plugins' and core's templates, no theme).

        A theme's templates come first; then the default theme's ``tema/*`` (so a theme that ships only some
        templates still finds ``tema/dasar.html`` and the others there); then the plugins' and the core's. The
        default theme's overrides of plugin templates do not leak into another theme.
        """
        themed = object.__new__(cls)
        themed.__dict__.update(env.__dict__)  # the same settings, filters and globals (like Environment.overlay)
        base = themed.__dict__.pop("loader")
        themed._base_loader = base
        themed.themes = themes
        themed._wanted = wanted
        default = themes.usable.get(DEFAULT_THEME)
        tail = ([PrefixLoader({"tema": FileSystemLoader(str(Path(default.templates_dir) / "tema"))})]
                if default else []) + [base]
        themed._theme_loaders = {
            name: ChoiceLoader([FileSystemLoader(str(meta.templates_dir)), *tail])
            for name, meta in themes.usable.items()}
        fallback = themes.active(None)
        if fallback is not None:
            themed._base_loader = themed._theme_loaders[fallback.name]
        return themed
