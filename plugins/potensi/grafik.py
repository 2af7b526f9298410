"""Server-rendered SVG of one indicator's history: a bar per year (ENGINEERING-NOTES 12, like keuangan/grafik.py).

Our own few lines: the Content-Security-Policy refuses inline styles and scripts, so the SVG carries presentation
attributes and classes only. Narrow (400 units) so a 360-px phone scales it down legibly; every chart has a <title>
and the page shows the same figures in a table beside it. The labels are `tampil`'s (callers pass them), so the
chart never formats a figure differently from the table.
"""

from __future__ import annotations

from markupsafe import Markup, escape

LEBAR = 400
WARNA = "#2f6f4f"


def batang_tahun(judul: str, items: list[tuple[int, int, str]], *, ident: str = "grafik-riwayat") -> Markup:
    """Per (tahun, hundredths, label) a horizontal bar with the year on its left and the figure on its right.

    Bars share one scale (the largest figure); a year with no figure is left out by the caller."""
    kiri, batang, jarak, ruang_angka = 48, 20, 8, 130
    panjang = LEBAR - kiri - ruang_angka
    skala = max([n for _, n, _ in items] + [1])
    isi, y = [], 4
    for tahun, n, label in items:
        w = round(panjang * max(n, 0) / skala, 1)
        isi.append(f'<text x="4" y="{y + 15}" font-size="14" font-weight="bold">{tahun}</text>'
                   f'<rect x="{kiri}" y="{y}" width="{w}" height="{batang}" fill="{WARNA}" class="batang">'
                   f'<title>{tahun}: {escape(label)}</title></rect>'
                   f'<text x="{kiri + w + 4}" y="{y + 15}" font-size="13">{escape(label)}</text>')
        y += batang + jarak
    if not items:
        isi.append('<text x="4" y="24" font-size="14">Belum ada data.</text>')
        y = 40
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik grafik-riwayat" viewBox="0 0 {LEBAR} {y}"'
                  f' role="img" aria-labelledby="{ident}-judul" preserveAspectRatio="xMinYMin meet">'
                  f'<title id="{ident}-judul">{escape(judul)}</title>' + "".join(isi) + "</svg>")
