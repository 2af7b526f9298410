"""Operator-edited templates, rendered so they cannot reach the database, the disk or the process.

ENGINEERING-NOTES 2: a sandbox alone is not enough when the context holds ORM rows
(``p.delete(force=True).run_sync()`` works under it). So a template sees only plain,
frozen data (strings, numbers, read-only mappings and tuples) built for this
document, no loader (no include/import of other files), no default globals, and
undefined names are errors with the name in the message.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from contextvars import ContextVar
from datetime import date
from functools import lru_cache, wraps
from types import MappingProxyType
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, nodes, pass_eval_context
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from core.dokumen.teks import rupiah_terbilang, tanggal_panjang, terbilang

TEMPLATE_LIMIT = 100_000  # characters; a letter body is a few thousand
# What one render may use. A letter body is a few thousand characters and loops over a family at most; these limits
# are far above that and far below what would hold a renderer's memory or CPU for long (`{{ 'a'*200000000 }}`
# used to keep it at 690 MB for seconds).
OUTPUT_LIMIT = 200_000  # characters the body may come to (~50 dense pages)
LENGTH_LIMIT = 200_000  # characters or items of any one text or list the template builds
NUMBER_BITS = 4_096  # bits of any whole number it computes (a 1,200-digit number)
STEP_LIMIT = 100_000  # loop rounds plus calls (macros, methods, filters by name) in one render
SECONDS_LIMIT = 3.0  # seconds of one render


class TemplateProblem(ValueError):
    """A template that cannot be used; the message is for the operator who wrote it."""


class TemplateLimit(TemplateProblem):
    """A template that asks for more than a letter ever needs (size, loops, time); refused while rendering."""


def _too_long() -> TemplateLimit:
    return TemplateLimit(f"Template membuat teks atau daftar yang terlalu panjang (lebih dari "
                         f"{LENGTH_LIMIT:,} karakter atau unsur). Periksa perkalian (*) dan penggabungan teks."
                         .replace(",", "."))


class _Budget:
    """The limits of one render, counted down as it goes."""

    def __init__(self) -> None:
        self.steps = STEP_LIMIT
        self.deadline = time.monotonic() + SECONDS_LIMIT

    def step(self) -> None:
        self.steps -= 1
        if self.steps < 0:
            raise TemplateLimit(f"Template mengulang atau memanggil terlalu banyak (lebih dari {STEP_LIMIT:,} kali). "
                                "Periksa perulangan for dan macro.".replace(",", "."))
        if not self.steps % 64:
            self.check_time()

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"Template terlalu lama diolah (lebih dari {SECONDS_LIMIT:g} detik). "
                                "Periksa perulangan for dan macro.")


_budget: ContextVar[_Budget | None] = ContextVar("batas_template", default=None)


def _step() -> None:
    budget = _budget.get()
    if budget is not None:
        budget.step()


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


def _check_length(n: int) -> None:
    if n > LENGTH_LIMIT:
        raise _too_long()


def _check_number(value: Any) -> Any:
    if isinstance(value, int) and value.bit_length() > NUMBER_BITS:
        raise TemplateLimit("Template menghitung angka yang terlalu besar.")
    return value


_WIDE_FORMAT = re.compile(r"\d{7,}|\*")  # a width or precision of a million or more, or one taken from the data
_NESTED_FORMAT = re.compile(r"\{[^{}]*\{")  # "{:{}}": a width taken from the arguments


def _check_percent(template: Any, args: Any) -> None:
    """`'%09999999d' % 1` or `'%*d' % (10**9, 1)` would build a giant text in one step."""
    if isinstance(template, str) and _WIDE_FORMAT.search("".join(re.findall(r"%[^a-zA-Z%]*", template))):
        raise _too_long()


def _amplifying_call(obj: Any, args: tuple, kwargs: dict) -> tuple:
    """Check a call of a text's own method that can multiply its size; return the arguments to call with."""
    target = getattr(obj, "__wrapped__", obj)  # str.format arrives wrapped by the sandbox
    owner = getattr(target, "__self__", None)
    if not isinstance(owner, str):
        return args
    name = getattr(target, "__name__", "")
    if name in ("translate", "maketrans"):
        raise SecurityError(f"attribute '{name}' is not allowed")
    if name in ("center", "ljust", "rjust", "zfill", "expandtabs"):
        widths = [a for a in (*args, *kwargs.values()) if isinstance(a, int)]
        _check_length(len(owner) * (max(widths, default=0) if name == "expandtabs" else 1) + max(widths, default=0))
    elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        _check_length(len(owner) + (owner.count(args[0]) + 1) * len(args[1]))
    elif name == "join" and args:
        items = tuple(args[0])
        _check_length(len(owner) * len(items) + sum(_size(i) for i in items))
        args = (items, *args[1:])
    elif name in ("format", "format_map") and (_NESTED_FORMAT.search(owner) or re.search(r"\d{7,}", owner)):
        raise _too_long()
    return args


def _limited_filters(filters: dict) -> dict:
    """The default filters that can multiply a text's size, each checked before it runs."""

    def guard(name, check):
        original = filters[name]

        @wraps(original)
        def checked(*args, **kwargs):
            args = check(*args, **kwargs) or args
            return original(*args, **kwargs)

        return checked

    def center(value, width=80):
        _check_length(len(str(value)) + (width if isinstance(width, int) else 0))

    def indent(value, width=4, first=False, blank=False):
        text = str(value)
        prefix = width if isinstance(width, str) else " " * (width if isinstance(width, int) and width < 10**7
                                                             else 10**7)
        _check_length(len(text) + (text.count("\n") + 1) * len(prefix))

    def replace(*args, **kwargs):
        args = args[1:] if args and not isinstance(args[0], str) else args  # pass_eval_context: drop the context
        if len(args) >= 3 and isinstance(args[1], str) and isinstance(args[2], str):
            text = str(args[0])
            _check_length(len(text) + (text.count(args[1]) + 1) * len(args[2]))

    def join(eval_ctx, value, *args, **kwargs):
        separator = args[0] if args else kwargs.get("d", "")
        if not isinstance(value, (str, list, tuple)):
            value = tuple(value)  # a generator (`map`, `select`): count its items first
        _check_length(len(value) * (len(separator) if isinstance(separator, str) else 1)
                      + sum(_size(i) for i in value))
        return (eval_ctx, value, *args)

    def wordwrap(*args, **kwargs):
        args = args[1:] if args and not isinstance(args[0], str) else args
        text = str(args[0]) if args else ""
        wrap = kwargs.get("wrapstring") or (args[3] if len(args) > 3 else None) or "\n"
        if isinstance(wrap, str):
            _check_length(len(text) * (1 + len(wrap)))

    def format(value, *args, **kwargs):
        _check_percent(value, args)

    def batch(value, linecount, fill_with=None):
        if isinstance(linecount, int) and fill_with is not None:
            _check_length(linecount)

    def slice_(value, slices, fill_with=None):
        if isinstance(slices, int):
            _check_length(slices)

    checks = {"center": center, "indent": indent, "replace": replace, "join": join, "wordwrap": wordwrap,
              "format": format, "batch": batch, "slice": slice_}
    return {name: guard(name, check) for name, check in checks.items() if name in filters}


class _Limits(NodeTransformer):
    """Routes every loop and every `~` through the environment, where they are counted and sized."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        node = self.generic_visit(node)
        node.iter = nodes.Call(nodes.EnvironmentAttribute("batasi_ulang", lineno=node.lineno), [node.iter], [],
                               None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Call:
        node = self.generic_visit(node)
        return nodes.Call(nodes.EnvironmentAttribute("gabung", lineno=node.lineno), list(node.nodes), [], None, None,
                          lineno=node.lineno)


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, plus limits on what a render may build and how long it may run."""

    intercepted_binops = frozenset({"*", "**", "+", "%", "//", "-"})

    def call_binop(self, context, operator_: str, left: Any, right: Any) -> Any:
        if operator_ == "*":
            if isinstance(left, int) and isinstance(right, (str, list, tuple)):
                left, right = right, left
            if isinstance(left, (str, list, tuple)) and isinstance(right, int):
                _check_length(len(left) * max(right, 0))
            elif isinstance(left, int) and isinstance(right, int):
                _check_number(1 << min(left.bit_length() + right.bit_length(), NUMBER_BITS + 1))
        elif operator_ == "**":
            if isinstance(left, int) and isinstance(right, int) and abs(left) > 1 and right > 0:
                if right * (abs(left).bit_length() - 1) > NUMBER_BITS:
                    raise TemplateLimit("Template menghitung angka yang terlalu besar.")
        elif operator_ == "+":
            if isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)):
                _check_length(len(left) + len(right))
        elif operator_ == "%":
            _check_percent(left, right)
        return _check_number(super().call_binop(context, operator_, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        _step()
        args = _amplifying_call(__obj, args, kwargs)
        result = super().call(__context, __obj, *args, **kwargs)
        if _size(result) > OUTPUT_LIMIT:  # e.g. a macro whose loop wrote a giant text
            raise _too_long()
        return result

    def batasi_ulang(self, iterable: Any):
        """Every round of every loop counts against the render's steps."""
        for item in iterable:
            _step()
            yield item

    @pass_eval_context
    def gabung(self, eval_ctx, *parts: Any) -> str:
        """`a ~ b`: the parts must not come to more than the length limit."""
        _check_length(sum(len(p) if isinstance(p, str) else len(str(p)) for p in parts))
        return markup_join(parts) if eval_ctx.autoescape else str_join(parts)


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


def _environment() -> LimitedEnvironment:
    env = LimitedEnvironment(autoescape=True, undefined=StrictUndefined, loader=None)
    env.globals.clear()  # no range, lipsum, cycler, namespace: nothing with a __globals__ to climb
    env.filters.update(_limited_filters(env.filters))
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
    return ENV.from_string(_Limits().visit(ENV.parse(source)))


def render(source: str, data: Mapping[str, Any]) -> Markup:
    """Render an operator's template with frozen plain data; raise TemplateProblem on any misuse."""
    template = _compiled(source)
    frozen = freeze(dict(data))
    budget = _Budget()
    token = _budget.set(budget)
    try:
        parts, length = [], 0
        for part in template.generate(**frozen):  # stop as soon as the body is longer than any letter
            length += len(part)
            if length > OUTPUT_LIMIT:
                raise TemplateLimit(f"Hasil template terlalu panjang (lebih dari {OUTPUT_LIMIT:,} karakter). "
                                    "Periksa perulangan for dan perkalian (*) teks.".replace(",", "."))
            parts.append(part)
            budget.check_time()
        return Markup("".join(parts))
    except TemplateLimit:
        raise
    except MemoryError:
        raise TemplateLimit("Template memakai terlalu banyak memori.") from None
    except (TemplateError, SecurityError) as exc:
        raise TemplateProblem(_explain(exc)) from None
    except (TypeError, ValueError, ArithmeticError, OverflowError, RecursionError) as exc:
        raise TemplateProblem(_explain(exc)) from None
    finally:
        _budget.reset(token)
