"""A small element tree for sanitised HTML: enough to find and drop blocks, and to write the HTML back.

It reads only nh3's output, which is well formed (every element closed, text escaped), so the standard library's
parser is enough; text keeps its character references as written, so writing it back changes nothing else.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"br", "hr", "col", "img", "wbr"}


@dataclass(eq=False)
class Elemen:
    tag: str
    attrs: list[tuple[str, str | None]] = field(default_factory=list)
    children: list = field(default_factory=list)  # Elemen or str (escaped text, as in the source)
    parent: Elemen | None = None

    def elements(self) -> Iterator[Elemen]:
        """This element and every element below it, depth first."""
        yield self
        for child in self.children:
            if isinstance(child, Elemen):
                yield from child.elements()

    def text(self) -> str:
        """The text below this element, references resolved, cells and lines apart."""
        parts = []
        for child in self.children:
            if isinstance(child, Elemen):
                parts.append(" " if child.tag in ("br", "td", "th", "tr", "p", "div", "li") else "")
                parts.append(child.text())
            else:
                parts.append(html.unescape(child))
        return "".join(parts)

    def drop(self) -> None:
        if self.parent is not None:
            self.parent.children.remove(self)


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.root = Elemen("")
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Elemen(tag, attrs, parent=self.open[-1])
        self.open[-1].children.append(node)
        if tag not in VOID:
            self.open.append(node)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(Elemen(tag, attrs, parent=self.open[-1]))

    def handle_endtag(self, tag):
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def _text(self, escaped: str) -> None:
        children = self.open[-1].children
        if children and isinstance(children[-1], str):  # one run of text, however the parser split it
            children[-1] += escaped
        else:
            children.append(escaped)

    def handle_data(self, data):
        self._text(html.escape(data, quote=False))

    def handle_entityref(self, name):
        self._text(f"&{name};")

    def handle_charref(self, name):
        self._text(f"&#{name};")


def parse(source: str) -> Elemen:
    builder = _Builder()
    builder.feed(source)
    builder.close()
    return builder.root


def write(node: Elemen, text: Callable[[str], str], value: Callable[[str], str]) -> str:
    """The HTML again; `text` rewrites each text run (escaped), `value` each attribute value (escaped)."""
    out = []
    for child in node.children:
        if isinstance(child, str):
            out.append(text(child))
            continue
        attrs = "".join(f' {name}="{value(html.escape(v or "", quote=True))}"' for name, v in child.attrs
                        if v or name != "style")  # a style left empty by the sanitiser says nothing
        out.append(f"<{child.tag}{attrs}>")
        if child.tag not in VOID:
            out.append(write(child, text, value))
            out.append(f"</{child.tag}>")
    return "".join(out)
