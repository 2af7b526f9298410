"""Server-rendered SVG charts (ENGINEERING-NOTES 12): bar, pie and the population pyramid.

Our own few lines rather than pygal: pygal writes inline `style` elements and scripts our Content-Security-Policy
refuses, and three chart shapes need no library. Presentation attributes and classes only (colours in
static/statistik.css, with `fill` attributes as the fallback for print and PDF); every chart has a <title> and
<desc>, and the page shows the same figures as a table beside it.
"""

from __future__ import annotations

import math

from markupsafe import Markup, escape

PALET = ("#2f6f4f", "#c8702a", "#3d6fa8", "#a83d5b", "#7a6a2f", "#5b3da8", "#2a8a8a", "#8a2a2a", "#4f4f4f",
         "#9aa82f")
LAKI, PEREMPUAN = "#3d6fa8", "#c8702a"


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


def _svg(width: int, height: int, judul: str, body: list[str], kelas: str) -> Markup:
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik {kelas}" viewBox="0 0 {width} {height}"'
                  f' role="img" aria-labelledby="{kelas}-judul" preserveAspectRatio="xMinYMin meet">'
                  f'<title id="{kelas}-judul">{escape(judul)}</title>' + "".join(body) + "</svg>")


def bar(judul: str, items: list[tuple[str, int]], *, kelas: str = "grafik-batang") -> Markup:
    """Horizontal bars, one per (label, count); largest first is up to the caller."""
    width, label_w, row_h = 640, 230, 22
    top = max([n for _, n in items] + [1])
    body = []
    for i, (label, n) in enumerate(items):
        y = i * row_h
        w = round((width - label_w - 60) * n / top, 1)
        body.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(label[:34])}</text>'
                    f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="{row_h - 6}" class="batang" '
                    f'fill="{PALET[0]}"><title>{escape(label)}: {_n(n)}</title></rect>'
                    f'<text x="{label_w + w + 4}" y="{y + 15}" font-size="12">{_n(n)}</text>')
    return _svg(width, max(len(items), 1) * row_h + 4, judul, body, kelas)


def pie(judul: str, items: list[tuple[str, int]], *, kelas: str = "grafik-pai") -> Markup:
    """A pie of the non-zero items, with a legend beside it."""
    items = [(label, n) for label, n in items if n > 0]
    total = sum(n for _, n in items)
    r, cx, cy = 110, 120, 120
    body, angle = [], -math.pi / 2
    for i, (label, n) in enumerate(items):
        colour = PALET[i % len(PALET)]
        tip = f"<title>{escape(label)}: {_n(n)} ({100 * n / total:.1f}%)</title>"
        if n == total:
            body.append(f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{colour}">{tip}</circle>')
        else:
            end = angle + 2 * math.pi * n / total
            x1, y1 = cx + r * math.cos(angle), cy + r * math.sin(angle)
            x2, y2 = cx + r * math.cos(end), cy + r * math.sin(end)
            large = 1 if end - angle > math.pi else 0
            body.append(f'<path d="M{cx},{cy} L{x1:.1f},{y1:.1f} A{r},{r} 0 {large} 1 {x2:.1f},{y2:.1f} Z" '
                        f'fill="{colour}" stroke="#ffffff" stroke-width="1">{tip}</path>')
            angle = end
    for i, (label, n) in enumerate(items[:14]):
        y = 14 + i * 18
        body.append(f'<rect x="250" y="{y - 10}" width="12" height="12" fill="{PALET[i % len(PALET)]}"/>'
                    f'<text x="268" y="{y}" font-size="12">{escape(label[:40])} ({_n(n)})</text>')
    if not items:
        body.append('<text x="20" y="120" font-size="14">Belum ada data.</text>')
    return _svg(560, max(250, 14 + len(items[:14]) * 18), judul, body, kelas)


def pyramid(judul: str, bands: list[tuple[str, int, int]], *, kecil: bool = False) -> Markup:
    """Population pyramid: (band label, men, women), youngest first; drawn oldest on top."""
    width, mid_w, row_h = (320, 44, 9) if kecil else (640, 70, 20)
    half = (width - mid_w) / 2
    top = max([max(m, f) for _, m, f in bands] + [1])
    body = []
    for i, (label, men, women) in enumerate(reversed(bands)):
        y = i * row_h + (0 if kecil else 20)
        wm, wf = half * men / top, half * women / top
        body.append(f'<rect x="{half - wm:.1f}" y="{y + 1}" width="{wm:.1f}" height="{row_h - 2}" fill="{LAKI}" '
                    f'class="laki"><title>{escape(label)}, laki-laki: {_n(men)}</title></rect>'
                    f'<rect x="{half + mid_w:.1f}" y="{y + 1}" width="{wf:.1f}" height="{row_h - 2}" '
                    f'fill="{PEREMPUAN}" class="perempuan"><title>{escape(label)}, perempuan: {_n(women)}</title>'
                    f'</rect>')
        if not kecil:
            body.append(f'<text x="{half + mid_w / 2:.1f}" y="{y + 14}" text-anchor="middle" font-size="11">'
                        f'{escape(label)}</text>')
    if not kecil:
        body.append(f'<text x="4" y="13" font-size="12" fill="{LAKI}">Laki-laki</text>'
                    f'<text x="{width - 4}" y="13" text-anchor="end" font-size="12" fill="{PEREMPUAN}">Perempuan</text>')
    height = len(bands) * row_h + (0 if kecil else 24)
    return _svg(width, height, judul, body, "grafik-piramida-kecil" if kecil else "grafik-piramida")
