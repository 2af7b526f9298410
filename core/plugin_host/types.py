"""The small value types plugins hand to the kernel. Re-exported by plugin_sdk."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Awaitable, Callable, Union

from packaging.specifiers import InvalidSpecifier, SpecifierSet

NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,40}$")
# Words the kernel uses as URL or template namespaces; a plugin cannot take them.
RESERVED_NAMES = frozenset({
    "core", "admin", "static", "tema", "api", "health", "setup", "akun", "masuk", "keluar", "berkas", "warga",
    # prefixes of the kernel's own permission codes
    "plugin", "pengguna", "peran", "audit", "profil", "perangkat", "penduduk", "keluarga", "wilayah",
})


@dataclass(frozen=True)
class Permission:
    """A permission a role can grant, e.g. ``Permission("adat.kelola", "Mengelola data adat")``.

    ``roles`` names the built-in roles (operator, wali_nagari, redaksi, kaur_keuangan, ppid) that receive it
    when it is first seen; the Administrator role always has every permission.
    """

    code: str
    label: str
    description: str = ""
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class PluginMeta:
    """What a plugin says about itself; kept as ``PLUGIN`` in the plugin's module."""

    name: str
    title: str
    version: str
    description: str = ""
    core_requires: str = ""
    depends: tuple[str, ...] = ()
    permissions: tuple[Permission, ...] = ()
    # Plugins this one adds to when they are present, through their events as optional hooks
    # (``@hookimpl(optionalhook=True)``), importing their contract only inside those hooks: not required.
    enhances: tuple[str, ...] = ()

    def problems(self) -> list[str]:
        """What is wrong with this metadata, in words an operator understands."""
        found = []
        if not NAME_PATTERN.match(self.name):
            found.append(f"nama plugin {self.name!r} harus huruf kecil, angka atau _, diawali huruf")
        if self.name in RESERVED_NAMES:
            found.append(f"nama plugin {self.name!r} dipakai oleh kernel")
        try:
            SpecifierSet(self.core_requires)
        except InvalidSpecifier:
            found.append(f"core_requires {self.core_requires!r} bukan rentang versi PEP 440")
        for perm in self.permissions:
            if not perm.code.startswith(self.name + "."):
                found.append(f"izin {perm.code!r} harus diawali '{self.name}.'")
        return found

    def supports(self, core_version: str) -> bool:
        return SpecifierSet(self.core_requires).contains(core_version, prereleases=True)


@dataclass(frozen=True)
class MenuItem:
    """An entry in the admin sidebar or the public navigation.

    ``group`` places an admin entry under one of the sidebar's headings (`MENU_GROUPS`: kependudukan, layanan,
    sekretariat, publikasi, keuangan, potensi, pengaturan); an entry without one goes under "Lainnya".
    """

    label: str
    url: str
    permission: str | None = None
    icon: str = ""
    order: int = 100
    group: str = ""


#: The admin sidebar's headings, in the order they are shown; plugins put their entries under one of them.
MENU_GROUPS = (
    ("kependudukan", "Kependudukan"),
    ("layanan", "Layanan"),
    ("sekretariat", "Sekretariat"),
    ("publikasi", "Publikasi"),
    ("keuangan", "Keuangan"),
    ("potensi", "Potensi dan Aset"),
    ("pengaturan", "Pengaturan"),
)


@dataclass(frozen=True)
class SearchResult:
    """One line in the office's search results: what it is, its name, where it opens, a short detail."""

    kind: str  # the heading it is shown under, e.g. "Surat"
    label: str
    url: str
    detail: str = ""


WidgetContext = Union[dict, Callable[[Any], Union[dict, Awaitable[dict]]]]


@dataclass(frozen=True)
class Widget:
    """A card on the admin dashboard, rendered from a template with a context.

    ``context`` is a dict or a callable taking the request and returning a dict
    (or an awaitable of one), so a widget can query the database.
    """

    title: str
    template: str
    context: WidgetContext = field(default_factory=dict)
    permission: str | None = None
    order: int = 100


@dataclass(frozen=True)
class Panel(Widget):
    """A section on a resident's page; same shape as a widget."""


@dataclass(frozen=True)
class SettingField:
    """One plugin setting an operator can edit; stored in the database as ``<plugin>.<key>``."""

    key: str
    label: str
    kind: str = "text"  # text | int | bool | choice
    default: Any = None
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for kind "choice"
    check: Callable[[Any], str | None] | None = None  # returns an Indonesian message when the value is refused

    def parse(self, raw: str | None) -> Any:
        """Turn a form value into the stored value; raises ValueError with an Indonesian message."""
        if self.kind == "bool":
            return raw in ("1", "on", "true", "ya")
        if self.kind == "int":
            try:
                value: Any = int((raw or "").strip())
            except ValueError:
                raise ValueError(f"{self.label} harus berupa bilangan bulat") from None
        elif self.kind == "choice":
            value = (raw or "").strip()
            if value not in {v for v, _ in self.choices}:
                raise ValueError(f"{self.label}: pilih salah satu pilihan yang tersedia")
        else:
            value = (raw or "").strip()
        problem = self.check(value) if self.check else None
        if problem:
            raise ValueError(f"{self.label}: {problem}")
        return value


@dataclass(frozen=True)
class ThemeMeta:
    """A public-website theme, kept as ``THEME`` in a module registered under ``balai.themes``."""

    name: str
    title: str
    templates_dir: Any  # pathlib.Path
    static_dir: Any = None  # pathlib.Path | None
