"""A book as a long PDF table: the nagari's letterhead, the book's title and header block, the rows, signatures.

ReportLab platypus directly (ENGINEERING-NOTES 5 and 12): xhtml2pdf grows worse than linear on long tables. The
rows are wrapped and cut into pages here, and each page's slice of the table is one small flowable that draws its
cells as plain text lines under the column header: ReportLab's Table keeps a style object per cell and a text
object per line; for 20,000 rows it took 7.9 s and 216 MiB against 5.2 s and 144 MiB (measured).

Fonts are ReportLab's built-in Helvetica (WinAnsi covers Indonesian text): plugins may not reach core's font folder.
"""

from __future__ import annotations

from functools import lru_cache, partial
from itertools import chain, islice
from pathlib import Path
from typing import IO, Callable, Iterable, Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (BaseDocTemplate, Flowable, Frame, KeepTogether, PageBreak, PageTemplate, Paragraph,
                                Spacer, Table)

from plugin_sdk.dokumen import PAPER, BlokTandaTangan

from plugins.buku_administrasi.buku import Kolom, Ringkasan

FONT, BOLD = "Helvetica", "Helvetica-Bold"
SIZE, LEADING = 7, 8.2  # B.1's 16 columns fit landscape A4 at 7 pt
PAD_X, PAD_Y = 2, 1.6
BASELINE = PAD_Y + 0.8 * SIZE  # from a row's top to its first line's baseline
MARGIN = 12 * mm
FOOTER_Y = 7 * mm
SAMPLE = 300  # rows read before the column widths are fixed
PROGRESS_EVERY = 500
MAX_LINES = 40  # a cell longer than this (thousands of characters) is cut so its row still fits a page
HYPHENATE = 12  # a header word this long may break in two ("Kewarga-negaraan") rather than widen its column
KOSONG = "Tidak ada data untuk periode ini."
GRID = colors.HexColor("#808080")
HEAD_BG = colors.HexColor("#e6e6e6")

_kop = ParagraphStyle("kop", fontName=BOLD, fontSize=10, leading=12.5, alignment=TA_CENTER)
_alamat = ParagraphStyle("alamat", fontName=FONT, fontSize=8, leading=10, alignment=TA_CENTER)
_judul = ParagraphStyle("judul", fontName=BOLD, fontSize=11, leading=14, alignment=TA_CENTER)
_catatan = ParagraphStyle("catatan", fontName=FONT, fontSize=8, leading=10)
_kepala = ParagraphStyle("kepala", fontName=FONT, fontSize=7.5, leading=9)
_subjudul = ParagraphStyle("subjudul", fontName=BOLD, fontSize=8.5, leading=11)


def write_pdf(target: str | Path | IO[bytes], *, kop: dict, judul: str, kepala: Sequence[Sequence],
              kolom: Sequence[Kolom], baris: Iterable[Sequence], ringkasan: Sequence[Ringkasan] = (),
              kertas: str = "A4", tanda_tangan: Sequence[BlokTandaTangan] = (), tempat_tanggal: str = "",
              progress: Callable[[int, int], None] | None = None, jumlah: int | None = None) -> int:
    """Write a book as a landscape PDF to `target` (a path or a binary file object); return the page count.

    `kop`: {"baris": [...], "alamat": "..."}, the nagari's letterhead, centred on the first page.
    `judul`: the book's code and title, "B.1 BUKU INDUK PENDUDUK", under the letterhead and in every page's footer
    (with "halaman x dari y").
    `kepala`: the header block as [label, value] rows (ekspor.header_block), printed small under the title.
    `kolom`: the book's columns; a "No." column comes first; "number" columns are right-aligned.
    `baris`: one sequence of cells per row in `kolom` order, already formatted (None prints empty); read once.
    Long cells wrap at spaces (a word wider than its column breaks between letters); the column header repeats
    on every page; no rows print "Tidak ada data untuk periode ini.".
    `ringkasan`: the book's tables of totals, cells already formatted, each kept on one page under the table.
    `kertas`: "A4" or "F4". `tanda_tangan`: one to three blocks side by side after the table, kept on one page,
    `tempat_tanggal` ("Taram, 5 Desember 2026") above the first.
    `progress(done, total)`: called about every 500 rows as pages are laid out; total is `jumlah` when given,
    otherwise the rows counted.
    """
    if kertas not in PAPER:
        raise ValueError(f"Kertas {kertas!r} tidak dikenal: pilih {' atau '.join(PAPER)}.")
    if len(tanda_tangan) > 3:
        raise ValueError("Paling banyak tiga blok tanda tangan.")
    width, height = landscape(tuple(v * mm for v in PAPER[kertas]))
    frame_w, frame_h = width - 2 * MARGIN, height - 2 * MARGIN
    rows = iter(baris)
    sample = [_texts(r) for r in islice(rows, SAMPLE)]
    widths = column_widths(kolom, sample, frame_w)
    header = [_wrap(label, BOLD, w - 2 * PAD_X, "-") for label, w in zip(_labels(kolom), widths)]
    top = _letterhead(kop, judul, kepala, frame_w)
    first_h = frame_h - sum(f.wrap(frame_w, frame_h)[1] for f in top)
    right = [True, *(k.jenis == "number" for k in kolom)]
    story, count = [*top], 0
    for upto, cells in _paginate(widths, chain(sample, map(_texts, rows)), _height(header), first_h, frame_h):
        if count:
            story.append(PageBreak())  # each slice was cut to fill its page
        story.append(_TablePage(header, cells, widths, right, upto))
        count = upto
    if not count:
        story += [_TablePage(header, [], widths, right, upto=0), Spacer(1, 2 * mm), Paragraph(KOSONG, _catatan)]
    story += [_summary(r, frame_w) for r in ringkasan]
    if tanda_tangan:
        story.append(KeepTogether([Spacer(1, 6 * mm), _signatures(tanda_tangan, tempat_tanggal, frame_w)]))
    doc = _Document(target, pagesize=(width, height), title=judul, total=count if jumlah is None else jumlah,
                    progress=progress)
    frame = Frame(MARGIN, MARGIN, frame_w, frame_h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate("buku", [frame])])
    doc.build(story, canvasmaker=partial(_NumberedCanvas, footer=judul, margin=MARGIN))
    return doc.page


def column_widths(kolom: Sequence[Kolom], sample: list[list[str]], avail: float) -> list[float]:
    """Widths filling `avail` (the "No." column first) so the sampled rows take as few lines as they can.

    Each column starts at its longest word (of the label or the values: nothing breaks inside a word but a freak
    one); the width left is handed out in small steps, each to the column that most often makes a sampled row
    tall. An outlier (one long note) gets few votes and wraps instead of widening its column at the others' cost.
    "No." is sized for up to 99,999 rows; a book without rows is sized by its labels."""
    sample = sample or [[k.label for k in kolom]]
    values = [["99999"]] + [[row[i] if i < len(row) else "" for row in sample] for i in range(len(kolom))]
    need = [min(max([_width(w, FONT) for v in column for w in v.split()] + [_label_need(label)]), avail / 6)
            + 2 * PAD_X for label, column in zip(_labels(kolom), values)]
    if sum(need) >= avail:
        return [n * avail / sum(need) for n in need]
    widths, step = list(need), avail / 250
    lines = [[len(_wrap(v, FONT, w - 2 * PAD_X)) for v in column] for column, w in zip(values, widths)]
    while sum(widths) + step <= avail:
        tallest = [max(column[r] if r < len(column) else 1 for column in lines) for r in range(len(sample))]
        votes = [sum(t > 1 and n == t for n, t in zip(column, tallest)) for column in lines]
        best = max(range(len(votes)), key=votes.__getitem__)
        if not votes[best]:
            break
        widths[best] += step
        lines[best] = [len(_wrap(v, FONT, widths[best] - 2 * PAD_X)) for v in values[best]]
    return [w * avail / sum(widths) for w in widths]


def _labels(kolom: Sequence[Kolom]) -> list[str]:
    return ["No.", *(k.label for k in kolom)]


def _label_need(label: str) -> float:
    """A label's longest word, or the wider half of a long one split at the syllable nearest its middle."""
    parts = []
    for word in label.split():
        breaks = _syllables(word) if len(word) >= HYPHENATE else []
        cut = min(breaks, key=lambda b: abs(2 * b - len(word)), default=None)
        parts += [word] if cut is None else [word[:cut] + "-", word[cut:]]
    return max((_width(w, BOLD) for w in parts), default=0)


def _syllables(word: str) -> list[int]:
    """Where an Indonesian word may be hyphenated: before a consonant that starts a syllable ("Kewarga-negaraan",
    "perka-winan"), but not inside "ng" or "ny"; a rough rule, used only for the header's few long words."""
    vowels = "aeiouAEIOU"
    return [i for i in range(2, len(word) - 2) if word[i] not in vowels and word[i + 1] in vowels
            and not (word[i - 1] in "nN" and word[i] in "gy")]


_WIDTHS: dict[str, dict[str, float]] = {FONT: {}, BOLD: {}}


def _width(text: str, font: str = FONT) -> float:
    """The text's width at SIZE from per-character widths: several times faster than stringWidth without
    ReportLab's optional C accelerator, and exact (the built-in fonts have no kerning)."""
    widths = _WIDTHS[font]
    try:
        return sum(map(widths.__getitem__, text))
    except KeyError:
        widths.update((char, stringWidth(char, font, SIZE)) for char in text)
        return sum(map(widths.__getitem__, text))


@lru_cache(maxsize=4096)  # sex, religion, occupation... repeat: wrapped once, their lines shared between rows
def _wrap(text: str, font: str, width: float, hyphen: str = "") -> tuple[str, ...]:
    """The lines of `text` within `width`: broken at spaces, a word wider than the column between letters."""
    if "\n" not in text and _width(text, font) <= width:
        return (text,)
    lines = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            joined = f"{line} {word}" if line else word
            if _width(joined, font) <= width:
                line = joined
                continue
            if line:
                lines.append(line)
            line = word
            while _width(line, font) > width:
                cut = _fitting(line, font, width - _width(hyphen, font))
                cut = max([b for b in _syllables(line) if b <= cut], default=cut) if hyphen else cut
                lines.append(line[:cut] + hyphen)
                line = line[cut:]
        lines.append(line)
    return tuple(lines[:MAX_LINES])


def _fitting(word: str, font: str, width: float) -> int:
    """How many of the word's first letters fit (at least one, so the loop always moves)."""
    total = 0.0
    for n, char in enumerate(word):
        total += _width(char, font)
        if total > width:
            return max(n, 1)
    return len(word)


def _texts(row: Sequence) -> list[str]:
    return ["" if v is None else str(v) for v in row]


def _height(cells: Sequence[tuple[str, ...]]) -> float:
    return max(len(lines) for lines in cells) * LEADING + 2 * PAD_Y


def _paginate(widths: list[float], rows: Iterable[list[str]], head_h: float, first_h: float, page_h: float):
    """Rows wrapped and cut into pages by their heights: yields (rows so far, that page's wrapped rows)."""
    inner = [w - 2 * PAD_X for w in widths[1:]]
    cells, room, number = [], first_h - head_h, 0
    for row in rows:
        number += 1
        row = [*row[:len(inner)], *[""] * (len(inner) - len(row))]
        wrapped = [(str(number),), *(_wrap(v, FONT, w) for v, w in zip(row, inner))]
        h = _height(wrapped)
        if cells and h > room:
            yield number - 1, cells
            cells, room = [], page_h - head_h
        cells.append(wrapped)
        room -= h
    if cells:
        yield number, cells


class _TablePage(Flowable):
    """One page's slice of the table under the column header: grid lines, a grey header, one text object."""

    def __init__(self, header: list, rows: list, widths: list[float], right: list[bool], upto: int):
        super().__init__()
        self.header, self.rows, self.widths, self.right, self.upto = header, rows, widths, right, upto
        self.heights = [_height(header), *(_height(r) for r in rows)]

    def wrap(self, avail_width, avail_height):
        return sum(self.widths), sum(self.heights)

    def draw(self):
        canvas, width, height = self.canv, sum(self.widths), sum(self.heights)
        lefts = [sum(self.widths[:i]) for i in range(len(self.widths) + 1)]
        canvas.setFillColor(HEAD_BG)
        canvas.rect(0, height - self.heights[0], width, self.heights[0], stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        text = canvas.beginText()
        top = height
        for n, (row, row_h) in enumerate(zip([self.header, *self.rows], self.heights)):
            if n < 2:
                text.setFont(BOLD if n == 0 else FONT, SIZE, LEADING)
            for i, lines in enumerate(row):
                y = top - BASELINE
                for line in lines:
                    if line:
                        x = lefts[i + 1] - PAD_X - _width(line) if n and self.right[i] else lefts[i] + PAD_X
                        text.setTextOrigin(x, y)
                        text.textOut(line)
                    y -= LEADING
            top -= row_h
        canvas.drawText(text)
        bottoms = [height - sum(self.heights[:i]) for i in range(len(self.heights) + 1)]
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.4)
        canvas.lines([(0, y, width, y) for y in bottoms] + [(x, 0, x, height) for x in lefts])


def _letterhead(kop: dict, judul: str, kepala: Sequence[Sequence], width: float) -> list:
    """The first page's top: letterhead lines, address, a rule, the book's title, the header block."""
    story = [Paragraph(escape(str(line)), _kop) for line in kop.get("baris") or ()]
    if kop.get("alamat"):
        story.append(Paragraph(escape(str(kop["alamat"])), _alamat))
    rule = Table([[""]], colWidths=[width], rowHeights=[3],
                 style=[("LINEBELOW", (0, 0), (-1, -1), 1.2, colors.black)])
    story += [rule, Spacer(1, 3 * mm), Paragraph(escape(judul), _judul), Spacer(1, 2 * mm)]
    if kepala:
        story += [_header_block(kepala, width), Spacer(1, 3 * mm)]
    return story


def _header_block(kepala: Sequence[Sequence], width: float) -> Table:
    """The [label, value] rows in two side-by-side halves, so the first page keeps room for the table."""
    half = (len(kepala) + 1) // 2
    pairs = [_texts([*row, "", ""][:2]) for row in kepala]
    left, right = pairs[:half], pairs[half:] + [["", ""]] * (2 * half - len(pairs))
    data = [[Paragraph(escape(a), _kepala), Paragraph(f": {escape(b)}" if a else "", _kepala),
             Paragraph(escape(c), _kepala), Paragraph(f": {escape(d)}" if c else "", _kepala)]
            for (a, b), (c, d) in zip(left, right)]
    return Table(data, colWidths=[width * 0.13, width * 0.37] * 2, hAlign="LEFT",
                 style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5)])


def _summary(ringkasan: Ringkasan, width: float) -> KeepTogether:
    """A table of totals: its title, its note, a small grid as wide as its longest cells (at most the frame)."""
    rows = [[k.label for k in ringkasan.kolom],
            *(_texts([row.get(k.kunci) for k in ringkasan.kolom]) for row in ringkasan.baris)]
    need = [max(_width(row[i], BOLD if n == 0 else FONT) for n, row in enumerate(rows)) + 2 * PAD_X + 2
            for i in range(len(ringkasan.kolom))]
    scale = min(1.0, width / sum(need))
    style = [("FONT", (0, 0), (-1, -1), FONT, SIZE, LEADING), ("FONT", (0, 0), (-1, 0), BOLD, SIZE, LEADING),
             ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
             ("LEFTPADDING", (0, 0), (-1, -1), PAD_X), ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
             ("TOPPADDING", (0, 0), (-1, -1), PAD_Y), ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_Y),
             *(("ALIGN", (i, 1), (i, -1), "RIGHT") for i, k in enumerate(ringkasan.kolom) if k.jenis == "number")]
    head = [Spacer(1, 5 * mm), Paragraph(escape(ringkasan.judul), _subjudul)]
    if ringkasan.keterangan:
        head.append(Paragraph(escape(ringkasan.keterangan), _catatan))
    table = Table(rows, colWidths=[n * scale for n in need], hAlign="LEFT", style=style, repeatRows=1)
    return KeepTogether([*head, Spacer(1, 1.5 * mm), table])


def _signatures(blocks: Sequence[BlokTandaTangan], tempat_tanggal: str, width: float) -> Table:
    """One to three blocks in three slots (one block sits right, two at the sides), names on one line."""
    slots = {1: [None, None, 0], 2: [0, None, 1], 3: [0, 1, 2]}[len(blocks)]
    above = max(len(b.atas) for b in blocks)  # shorter blocks start lower, so the names share a line
    lines = [[tempat_tanggal if i == 0 else "", *[""] * (above - len(b.atas)), *b.baris]
             for i, b in enumerate(blocks)]
    empty = [""] * len(lines[0])
    columns = [lines[s] if s is not None else empty for s in slots]
    data = [list(row) for row in zip(*columns)]
    name_row = len(data) - 2
    return Table(data, colWidths=[width / 3] * 3,
                 style=[("FONT", (0, 0), (-1, -1), FONT, 9, 11), ("FONT", (0, name_row), (-1, name_row), BOLD, 9, 11),
                        ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])


class _Document(BaseDocTemplate):
    """Reports progress as the page tables are laid out, the slow part of a long book."""

    def __init__(self, target, *, total: int, progress: Callable[[int, int], None] | None, **kwargs):
        target = str(target) if isinstance(target, Path) else target
        super().__init__(target, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
                         **kwargs)
        self.total, self.on_progress, self.reported = total, progress, 0

    def afterFlowable(self, flowable):
        if not (self.on_progress and isinstance(flowable, _TablePage) and flowable.upto):
            return
        if flowable.upto - self.reported >= PROGRESS_EVERY or flowable.upto >= self.total:
            self.reported = flowable.upto
            self.on_progress(flowable.upto, max(self.total, flowable.upto))


class _NumberedCanvas(Canvas):
    """Holds every page until the end, then stamps "halaman x dari y" with y known (one pass, not two)."""

    def __init__(self, *args, footer: str, margin: float, **kwargs):
        super().__init__(*args, **kwargs)
        self.footer, self.margin, self.pages = footer, margin, []

    def showPage(self):
        self.pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self.pages)
        for number, state in enumerate(self.pages, 1):
            self.__dict__.update(state)
            self._stamp(number, total)
            super().showPage()
        super().save()

    def _stamp(self, number: int, total: int) -> None:
        width = self._pagesize[0]
        self.saveState()
        self.setFont(FONT, SIZE)
        self.setFillColor(colors.black)
        self.drawString(self.margin, FOOTER_Y, self.footer)
        self.drawRightString(width - self.margin, FOOTER_Y, f"halaman {number} dari {total}")
        self.restoreState()
