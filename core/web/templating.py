"""Jinja2 with explicit precedence: theme, then plugins, then core.

Plugin templates are namespaced by the plugin's name (``adat/daftar.html``); a theme
overrides any of them by shipping a file at the same path.

Filters every template may use to show values the Indonesian way: ``tanggal`` (27 November 2026), ``waktu``
(3 Desember 2026 pukul 14.05, in the nagari's time zone) and ``angka`` (20.000; 12,5).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, pass_context, select_autoescape

from core.dokumen.teks import tanggal_panjang
from core.profil.waktu import zone

CORE_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def tanggal_indonesia(value: date | datetime | None) -> str:
    """``27 November 2026``; Indonesian month names regardless of the server's locale."""
    return tanggal_panjang(value) if value is not None else ""


def angka_indonesia(value: Any, desimal: int | None = None) -> str:
    """``20000`` -> ``20.000``, ``12.5`` -> ``12,5``: a dot between thousands, a comma before the decimals.

    Whole numbers show no decimals; other numbers at most two (trailing zeros dropped) unless `desimal` says how many.
    Anything that is not a number is shown as it is ('' for None)."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float, Decimal)):
        return str(value)
    if desimal is None:
        if isinstance(value, int) or value == int(value):
            text = f"{int(value):,}"
        else:
            text = f"{value:,.2f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{desimal}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def waktu_indonesia(value: datetime | None, profile: dict | None = None, relatif: bool = False,
                    sekarang: datetime | None = None) -> str:
    """``3 Desember 2026 pukul 14.05`` in the nagari's zone (WIB unless the profile says otherwise).

    A time without an offset is taken as UTC (how the kernel stores times). ``relatif`` adds "(hari ini)",
    "(kemarin)" or "(5 hari lalu)", counted in the nagari's days from `sekarang` (now)."""
    if value is None:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    tz = zone(profile or {})[1]
    local = (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).astimezone(tz)
    text = f"{tanggal_panjang(local.date())} pukul {local:%H.%M}"
    if relatif:
        days = ((sekarang or datetime.now(timezone.utc)).astimezone(tz).date() - local.date()).days
        if days == 0:
            text += " (hari ini)"
        elif days == 1:
            text += " (kemarin)"
        elif days > 1:
            text += f" ({days} hari lalu)"
    return text


@pass_context
def _waktu_filter(context, value: datetime | None, relatif: bool = False) -> str:
    profile = context.get("nagari")
    return waktu_indonesia(value, profile if isinstance(profile, dict) else None, relatif)


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
    env.filters["angka"] = angka_indonesia
    env.filters["waktu"] = _waktu_filter
    return env
