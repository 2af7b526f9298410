"""The semester report as a portrait A4 PDF: letterhead, title, the table with its header repeated on every page,
then place, date and the Wali Nagari's signature.

ReportLab platypus directly (ENGINEERING-NOTES 5, 12). Cells are plain strings wrapped here with `simpleSplit`
rather than one Paragraph each: a budget of 2,000 lines stays well under a second to lay out.
Built-in Helvetica, as the books print: WinAnsi covers Indonesian text.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from plugins.keuangan.jumlah import angka, persen
from plugins.keuangan.laporan import KOLOM, Laporan, kode_tampil

FONT, BOLD = "Helvetica", "Helvetica-Bold"
SIZE, LEADING = 7.5, 9
MARGIN = 15 * mm
WIDTHS = [27 * mm, 63 * mm, 25 * mm, 25 * mm, 25 * mm, 15 * mm]  # 180 mm: A4 less the margins
INDENT = 2.5 * mm  # per level of the account or activity tree
GRID = colors.HexColor("#808080")
HEAD_BG = colors.HexColor("#e6e6e6")

_kop = ParagraphStyle("kop", fontName=BOLD, fontSize=11, leading=13.5, alignment=TA_CENTER)
_alamat = ParagraphStyle("alamat", fontName=FONT, fontSize=8, leading=10, alignment=TA_CENTER)
_judul = ParagraphStyle("judul", fontName=BOLD, fontSize=10.5, leading=13, alignment=TA_CENTER)
_sub = ParagraphStyle("sub", fontName=FONT, fontSize=9, leading=11.5, alignment=TA_CENTER)
_ttd = ParagraphStyle("ttd", fontName=FONT, fontSize=9, leading=11.5, alignment=TA_CENTER)
_ttd_nama = ParagraphStyle("ttd_nama", parent=_ttd, fontName=BOLD)


def lebih_kurang(sen: int) -> str:
    """The remainder as the report prints it: "1.250.000", or "(1.250.000)" when the realisation went over."""
    return f"({angka(-sen)})" if sen < 0 else angka(sen)


def _sel(teks: str, font: str, lebar: float) -> str:
    return "\n".join(simpleSplit(teks, font, SIZE, lebar)) or ""


def _tabel(lap: Laporan) -> Table:
    data = [list(KOLOM)]
    gaya = [("FONT", (0, 0), (-1, 0), BOLD, SIZE, LEADING), ("FONT", (0, 1), (-1, -1), FONT, SIZE, LEADING),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG), ("GRID", (0, 0), (-1, -1), 0.4, GRID),
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("ALIGN", (0, 0), (-1, 0), "CENTER"),
            ("ALIGN", (2, 1), (-1, -1), "RIGHT"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2)]
    for n, b in enumerate(lap.baris, 1):
        font = BOLD if b["tebal"] else FONT
        indent = INDENT * min(b.get("tingkat", 0), 6)
        data.append([_sel(kode_tampil(b["kode"]), font, WIDTHS[0] - 4), _sel(b["uraian"], font, WIDTHS[1] - 4 - indent),
                     angka(b["anggaran"]), angka(b["realisasi"]), lebih_kurang(b["sisa"]),
                     "" if b.get("bagian") == "Jumlah" else persen(b["realisasi"], b["anggaran"]).rstrip("%")])
        if b["tebal"]:
            gaya.append(("FONT", (0, n), (-1, n), BOLD, SIZE, LEADING))
        if indent:
            gaya.append(("LEFTPADDING", (1, n), (1, n), 2 + indent))
        if b.get("bagian") == "Jumlah":
            gaya.append(("BACKGROUND", (0, n), (-1, n), colors.HexColor("#f3f3f3")))
    return Table(data, colWidths=WIDTHS, repeatRows=1, style=TableStyle(gaya))


def _atas(lap: Laporan, kop: dict, desa: str) -> list:
    story = [Paragraph(escape(str(line)), _kop) for line in kop.get("baris") or ()]
    if kop.get("alamat"):
        story.append(Paragraph(escape(str(kop["alamat"])), _alamat))
    garis = Table([[""]], colWidths=[sum(WIDTHS)], rowHeights=[3],
                  style=[("LINEBELOW", (0, 0), (-1, -1), 1.2, colors.black)])
    story += [garis, Spacer(1, 4 * mm), Paragraph(escape(lap.judul.upper()), _judul),
              Paragraph(escape(desa.upper()), _judul), Paragraph(escape(lap.periode.upper()), _judul),
              Spacer(1, 1.5 * mm), Paragraph(escape(lap.keadaan), _sub),
              Paragraph(escape(f"APB Desa: {lap.versi}"), _sub), Spacer(1, 4 * mm)]
    return story


def _tanda_tangan(tempat_tanggal: str, blok, jabatan: str) -> Table:
    """One block at the right: place and date, who signs, space for the signature, name and number."""
    if blok is not None:
        atas, nama, nomor = list(blok.atas), blok.nama, blok.nomor
    else:  # no official recorded yet: the head's title and an empty line to write the name on
        atas, nama, nomor = [jabatan], "(" + "." * 40 + ")", ""
    sel = [Paragraph(escape(tempat_tanggal), _ttd), *(Paragraph(escape(a), _ttd) for a in atas),
           Spacer(1, 16 * mm), Paragraph(escape(nama), _ttd_nama)]
    if nomor:
        sel.append(Paragraph(escape(nomor), _ttd))
    lebar = sum(WIDTHS)
    return Table([["", sel]], colWidths=[lebar * 0.55, lebar * 0.45],
                 style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0)])


class _Kanvas(Canvas):
    """Keeps the pages until the end so each can say "halaman x dari y"."""

    def __init__(self, *args, footer: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.footer, self.pages = footer, []

    def showPage(self):
        self.pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self.pages)
        for nomor, keadaan in enumerate(self.pages, 1):
            self.__dict__.update(keadaan)
            self.setFont(FONT, 7)
            self.drawString(MARGIN, 8 * mm, self.footer)
            self.drawRightString(A4[0] - MARGIN, 8 * mm, f"halaman {nomor} dari {total}")
            super().showPage()
        super().save()


def pdf(lap: Laporan, *, kop: dict, profil: dict, tempat_tanggal: str, blok=None) -> bytes:
    """The report as PDF bytes. `kop`: plugin_sdk.dokumen.letterhead(request); `blok`: the signer's
    BlokTandaTangan (None prints the head's title over an empty name line)."""
    sebutan = profil.get("sebutan_desa") or "Nagari"
    desa = f"{sebutan} {profil.get('nama', '')}".strip()
    jabatan = f"{profil.get('sebutan_kepala') or 'Wali Nagari'} {profil.get('nama', '')}".strip()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                            bottomMargin=MARGIN + 2 * mm, title=f"{lap.judul} {desa} {lap.periode}",
                            author=desa)
    story = [*_atas(lap, kop, desa), _tabel(lap),
             KeepTogether([Spacer(1, 8 * mm), _tanda_tangan(tempat_tanggal, blok, jabatan)])]
    footer = f"Laporan Realisasi APB Desa {desa}, {lap.periode}"

    def kanvas(*args, **kwargs):
        return _Kanvas(*args, footer=footer, **kwargs)

    doc.build(story, canvasmaker=kanvas)
    return out.getvalue()
