"""Operator-edited templates, rendered so they cannot reach the database, the disk or the process.

ENGINEERING-NOTES 2: a sandbox alone is not enough when the context holds ORM rows
(``p.delete(force=True).run_sync()`` works under it). So a template sees only plain,
frozen data (strings, numbers, read-only mappings and tuples) built for this
document, no loader (no include/import of other files), no default globals, and
undefined names are errors with the name in the message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup

from core.dokumen.teks import rupiah_terbilang, tanggal_panjang, terbilang

TEMPLATE_LIMIT = 100_000  # characters; a letter body is a few thousand


class TemplateProblem(ValueError):
    """A template that cannot be used; the message is for the operator who wrote it."""


def freeze(value: Any) -> Any:
    """Deep copy into read-only plain data; anything else (rows, callables, objects) is refused."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, date):
        return tanggal_panjang(value)
    if isinstance(value, Mapping):
        return MappingProxyType({str(k): freeze(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(freeze(v) for v in value)
    raise TypeError(f"data dokumen hanya boleh berupa data polos, bukan {type(value).__name__}")


def _number(value: Any) -> int:
    digits = "".join(ch for ch in str(value) if ch.isdigit())
    return int(digits) if digits else 0


def rupiah(value: Any) -> str:
    return "Rp " + f"{_number(value):,}".replace(",", ".")


def _environment() -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined, loader=None)
    env.globals.clear()  # no range, lipsum, cycler, namespace: nothing with a __globals__ to climb
    env.filters.update({
        "terbilang": lambda v: terbilang(_number(v)),
        "rupiah": rupiah,
        "rupiah_terbilang": lambda v: rupiah_terbilang(_number(v)),
    })
    return env


ENV = _environment()


def _explain(exc: Exception) -> str:
    if isinstance(exc, SecurityError):
        found = re.search(r"attribute '([^']+)'", str(exc))
        what = f" ({found.group(1)})" if found else ""
        return f"Template mencoba membuka bagian dalam data{what}; itu tidak diizinkan."
    if isinstance(exc, UndefinedError):
        found = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", str(exc))
        name = next((g for g in found.groups() if g), str(exc)) if found else str(exc)
        return f"Template memakai isian yang tidak ada: {name}."
    if "no loader" in str(exc):
        return "Template tidak boleh memuat berkas lain (include, import atau extends)."
    if isinstance(exc, TemplateSyntaxError):
        return (f"Template tidak dapat dibaca di baris {exc.lineno}: periksa pasangan {{{{ }}}}, {{% %}} "
                "dan if/endif, for/endfor.")
    return "Template gagal diolah: ada perhitungan atau penyaring yang tidak cocok dengan datanya."


def check_syntax(source: str) -> None:
    if len(source) > TEMPLATE_LIMIT:
        raise TemplateProblem(f"Template terlalu panjang (maksimal {TEMPLATE_LIMIT:,} karakter).".replace(",", "."))
    try:
        ENV.parse(source)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(_explain(exc)) from None


@lru_cache(maxsize=64)
def _compiled(source: str):
    """Compiling costs more than rendering (~4 ms a letter); a type's template rarely changes."""
    check_syntax(source)
    return ENV.from_string(source)


def render(source: str, data: Mapping[str, Any]) -> Markup:
    """Render an operator's template with frozen plain data; raise TemplateProblem on any misuse."""
    template = _compiled(source)
    frozen = freeze(dict(data))
    try:
        return Markup(template.render(**frozen))
    except (TemplateError, SecurityError) as exc:
        raise TemplateProblem(_explain(exc)) from None
    except (TypeError, ValueError, ArithmeticError, OverflowError, RecursionError) as exc:
        raise TemplateProblem(_explain(exc)) from None
