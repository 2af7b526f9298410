"""Server-rendered SVG charts of the APB Desa (ENGINEERING-NOTES 12): paired bars and a stacked bar.

Like statistik's charts, our own few lines: the Content-Security-Policy refuses inline styles and scripts, so the
SVG carries presentation attributes (fill, font-size) and classes only. The drawing is narrow (400 units) with the
label above its bars, so it stays legible when a 360-px phone scales it down. Every chart has a <title>, and the
page shows the same figures in a table beside it. The figures are drawn, never summed here: callers pass what
`ringkasan` computed.
"""

from __future__ import annotations

import textwrap

from markupsafe import Markup, escape

from plugins.keuangan.jumlah import angka, persen

ANGGARAN, REALISASI, LEBIH = "#9cb8d6", "#2f6f4f", "#b3422f"
PALET = ("#2f6f4f", "#c8702a", "#3d6fa8", "#a83d5b", "#7a6a2f", "#5b3da8", "#2a8a8a", "#8a2a2a", "#4f4f4f",
         "#9aa82f")
LEBAR = 400


def singkat(sen: int) -> str:
    """A short amount for a chart label: "Rp1,25 M", "Rp850,3 jt", "Rp12.500"."""
    rupiah = sen / 100
    for batas, akhiran in ((1_000_000_000_000, "T"), (1_000_000_000, "M"), (1_000_000, "jt")):
        if abs(rupiah) >= batas:
            teks = f"{rupiah / batas:.2f}".rstrip("0").rstrip(".").replace(".", ",")
            return f"Rp{teks} {akhiran}"
    return f"Rp{angka(sen)}"


def _svg(tinggi: int, judul: str, isi: list[str], kelas: str, ident: str) -> Markup:
    return Markup(f'<svg xmlns="http://www.w3.org/2000/svg" class="grafik {kelas}" viewBox="0 0 {LEBAR} {tinggi}"'
                  f' role="img" aria-labelledby="{ident}-judul" preserveAspectRatio="xMinYMin meet">'
                  f'<title id="{ident}-judul">{escape(judul)}</title>' + "".join(isi) + "</svg>")


def _baris_label(label: str, lebar: int = 44) -> list[str]:
    """A label in at most two lines of about `lebar` characters (long bidang and kegiatan names wrap)."""
    lines = textwrap.wrap(label, lebar) or [""]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), lebar, placeholder="…")]
    return lines


def batang_pasangan(judul: str, items: list[tuple[str, int, int]], *, ident: str = "grafik-apbdes") -> Markup:
    """Anggaran against realisasi: per (label, anggaran, realisasi) a label and two bars, with amounts and %.

    Bars share one scale (the largest of all amounts); a realisation above its budget is drawn in the warning
    colour (class "lebih")."""
    sisi, batang, baris_teks = 4, 16, 17
    ruang_angka = 140  # room right of the longest bar for "Rp906,37 jt (49,5%)"
    skala = max([max(a, r) for _, a, r in items] + [1])
    panjang = LEBAR - sisi - ruang_angka
    isi, y = [], 0
    for label, anggaran, realisasi in items:
        baris_label = _baris_label(label)
        for j, teks in enumerate(baris_label):
            isi.append(f'<text x="{sisi}" y="{y + 14 + j * baris_teks}" font-size="14" font-weight="bold">'
                       f'{escape(teks)}</text>')
        y += len(baris_label) * baris_teks + 4
        wa = round(panjang * max(anggaran, 0) / skala, 1)
        wr = round(panjang * max(realisasi, 0) / skala, 1)
        warna, kelas = (LEBIH, "realisasi lebih") if realisasi > anggaran else (REALISASI, "realisasi")
        isi.append(
            f'<rect x="{sisi}" y="{y}" width="{wa}" height="{batang}" fill="{ANGGARAN}" class="anggaran">'
            f'<title>{escape(label)}, anggaran: Rp{angka(anggaran)}</title></rect>'
            f'<text x="{sisi + wa + 4}" y="{y + 13}" font-size="13">{singkat(anggaran)}</text>'
            f'<rect x="{sisi}" y="{y + batang + 3}" width="{wr}" height="{batang}" fill="{warna}" class="{kelas}">'
            f'<title>{escape(label)}, realisasi: Rp{angka(realisasi)} ({persen(realisasi, anggaran)})</title></rect>'
            f'<text x="{sisi + wr + 4}" y="{y + batang + 16}" font-size="13">{singkat(realisasi)} '
            f'({persen(realisasi, anggaran)})</text>')
        y += 2 * batang + 14
    if not items:
        isi.append('<text x="4" y="24" font-size="14">Belum ada data.</text>')
        y = 40
    isi.append(f'<rect x="{sisi}" y="{y}" width="13" height="13" fill="{ANGGARAN}" class="anggaran"/>'
               f'<text x="{sisi + 18}" y="{y + 11}" font-size="13">Anggaran</text>'
               f'<rect x="{sisi + 100}" y="{y}" width="13" height="13" fill="{REALISASI}" class="realisasi"/>'
               f'<text x="{sisi + 118}" y="{y + 11}" font-size="13">Realisasi</text>')
    return _svg(y + 18, judul, isi, "grafik-pasangan", ident)


def batang_tumpuk(judul: str, items: list[tuple[str, int]], total: int, *, ident: str = "grafik-sumber") -> Markup:
    """Shares of a whole as one stacked bar (e.g. pendapatan by source), with a legend: label, amount and %.

    `total` is the whole as `ringkasan` computed it (the parent `Pos`); pieces that are not positive are left out."""
    items = [(label, n) for label, n in items if n > 0]
    total = max(total, sum(n for _, n in items), 1)  # a negative part (a correction) must not overflow the bar
    sisi, tinggi_batang = 4, 30
    isi, x = [], float(sisi)
    lebar = LEBAR - 2 * sisi
    for i, (label, n) in enumerate(items):
        w = lebar * n / total
        isi.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{tinggi_batang}" fill="{PALET[i % len(PALET)]}" '
                   f'class="potong-{i % len(PALET)}" stroke="#ffffff" stroke-width="1">'
                   f'<title>{escape(label)}: Rp{angka(n)} ({persen(n, total)})</title></rect>')
        x += w
    for i, (label, n) in enumerate(items):
        y = tinggi_batang + 12 + i * 22
        pendek = textwrap.shorten(label, 30, placeholder="…")
        isi.append(f'<rect x="{sisi}" y="{y}" width="13" height="13" fill="{PALET[i % len(PALET)]}"/>'
                   f'<text x="{sisi + 19}" y="{y + 11}" font-size="13">{escape(pendek)}: '
                   f'{singkat(n)} ({persen(n, total)})</text>')
    if not items:
        isi.append(f'<text x="4" y="{tinggi_batang + 24}" font-size="14">Belum ada data.</text>')
    return _svg(tinggi_batang + 16 + max(len(items), 1) * 22, judul, isi, "grafik-tumpuk", ident)
