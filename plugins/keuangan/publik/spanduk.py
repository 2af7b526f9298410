"""The APB Desa banner: one portrait page of A1 (default) or A0, large type, to print and hang at the office.

ReportLab's canvas directly (ENGINEERING-NOTES 12) with its built-in Helvetica (no external fonts; WinAnsi covers
Indonesian). The layout is drawn in A1 points and scaled for A0, so both sizes look the same from across the road:
the smallest text is 30 pt on A1 (about 1 cm high). Every amount is a node `ringkasan` computed; this module only
places it. Bars of one chart share one scale; a realisation above its budget is drawn in the warning colour.
"""

from __future__ import annotations

import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A0, A1
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from plugins.keuangan.jumlah import persen, rupiah
from plugins.keuangan.publik.tampilan import situs, tanggal

UKURAN = {"A1": A1, "A0": A0}
FONT, BOLD = "Helvetica", "Helvetica-Bold"
HIJAU, HIJAU_MUDA = colors.HexColor("#2f6f4f"), colors.HexColor("#e8f1ec")
ANGGARAN, REALISASI, LEBIH = colors.HexColor("#9cb8d6"), colors.HexColor("#2f6f4f"), colors.HexColor("#b3422f")
TEKS, ABU = colors.HexColor("#1d1d1d"), colors.HexColor("#555555")
W, H = A1  # the drawing's own units; A0 scales them by sqrt(2)
TEPI = 70
RINGKAS = 46 + 4 * 60  # the height of the pembiayaan, surplus and SiLPA lines above the bottom band


class _Kanvas:
    """A canvas measured from the top in A1 points: y grows downwards, as the layout reads."""

    def __init__(self, target, ukuran: str, judul: str) -> None:
        lebar, tinggi = UKURAN[ukuran]
        self.c = Canvas(target, pagesize=(lebar, tinggi), pageCompression=1)
        self.c.setTitle(judul)
        self.c.setAuthor("Balai")
        self.k = lebar / W
        self.c.scale(self.k, self.k)

    def teks(self, x: float, y: float, isi: str, size: float, *, font: str = FONT, warna=TEKS, lebar: float = 0,
             kanan: bool = False, tengah: bool = False) -> None:
        """Text with its baseline at `y` (from the top); shrunk to fit `lebar` when given."""
        if lebar:
            size = min(size, size * lebar / max(stringWidth(isi, font, size), 1))
        self.c.setFont(font, size)
        self.c.setFillColor(warna)
        draw = self.c.drawRightString if kanan else self.c.drawCentredString if tengah else self.c.drawString
        draw(x, H - y, isi)

    def kotak(self, x: float, y: float, w: float, h: float, warna, *, garis=None) -> None:
        self.c.setFillColor(warna)
        self.c.setStrokeColor(garis or warna)
        self.c.rect(x, H - y - h, max(w, 0), h, fill=1, stroke=1 if garis else 0)


def _kepala(k: _Kanvas, r, profil: dict) -> float:
    k.kotak(0, 0, W, 300, HIJAU)
    k.teks(W / 2, 125, f"APB DESA {r.tahun}", 120, font=BOLD, warna=colors.white, tengah=True)
    k.teks(W / 2, 200, f"Pemerintah {situs(profil)}", 58, font=BOLD, warna=colors.white, tengah=True,
           lebar=W - 2 * TEPI)
    wilayah = ", ".join(x for x in (f"Kecamatan {profil['kecamatan']}" if profil.get("kecamatan") else "",
                                    f"Kabupaten {profil['kabupaten']}" if profil.get("kabupaten") else "",
                                    profil.get("provinsi") or "") if x)
    if wilayah:
        k.teks(W / 2, 265, wilayah, 38, warna=colors.white, tengah=True, lebar=W - 2 * TEPI)
    return 300


def _kartu(k: _Kanvas, x: float, y: float, w: float, judul: str, pos_anggaran: int, pos_realisasi: int,
           lebih: bool = False, *, dengan_persen: bool = True) -> None:
    k.kotak(x, y, w, 260, HIJAU_MUDA, garis=HIJAU)
    k.teks(x + 30, y + 62, judul, 44, font=BOLD, warna=HIJAU, lebar=w - 60)
    k.teks(x + 30, y + 135, rupiah(pos_anggaran), 54, font=BOLD, lebar=w - 60)
    k.teks(x + 30, y + 185, "Realisasi:", 32, warna=ABU)
    bagian = f" ({persen(pos_realisasi, pos_anggaran)})" if dengan_persen else ""
    k.teks(x + 30, y + 235, f"{rupiah(pos_realisasi)}{bagian}", 38,
           font=BOLD, warna=LEBIH if lebih else REALISASI, lebar=w - 60)


def _batang(k: _Kanvas, y: float, judul: str, items: list, f: float = 1.0, kolom: int = 1) -> float:
    """A chart of paired bars: per item its name, then anggaran and realisasi bars with their amounts. Items fill
    `kolom` columns row by row; `f` scales a row (128 points at 1) so a long list still fits the page."""
    k.teks(TEPI, y + 55, judul, 56, font=BOLD, warna=HIJAU)
    y += 80
    skala = max([max(p.anggaran, p.realisasi) for p in items] + [1])
    sela = 40
    lebar_kolom = (W - 2 * TEPI - (kolom - 1) * sela) / kolom
    ruang = min(560, lebar_kolom * 0.55)  # right of the bars: the amounts
    panjang = lebar_kolom - ruang
    for n, p in enumerate(items):
        x, atas = TEPI + (n % kolom) * (lebar_kolom + sela), y + (n // kolom) * 128 * f
        k.teks(x, atas + 36 * f, p.nama, 36 * f, font=BOLD, lebar=lebar_kolom)
        wa, wr = panjang * max(p.anggaran, 0) / skala, panjang * max(p.realisasi, 0) / skala
        k.kotak(x, atas + 48 * f, wa, 36 * f, ANGGARAN)
        k.teks(x + wa + 16, atas + 78 * f, rupiah(p.anggaran), 34 * f, lebar=ruang - 20)
        k.kotak(x, atas + 90 * f, wr, 36 * f, LEBIH if p.lebih else REALISASI)
        k.teks(x + wr + 16, atas + 120 * f, f"{rupiah(p.realisasi)} ({persen(p.realisasi, p.anggaran)})", 34 * f,
               font=BOLD, lebar=ruang - 20)
    if not items:
        k.teks(TEPI, y + 50, "Belum ada rincian.", 40, warna=ABU)
        return y + 80
    return y + -(-len(items) // kolom) * 128 * f


def _tata(bidang: int, sumber: int, ruang: float) -> tuple[float, int]:
    """(row scale, columns of the sources chart) so both charts fit `ruang` points: the sources go to two
    columns when one would not fit, then every row shrinks alike (never below 30 pt text on a usual budget)."""
    tetap = 2 * 80 + 10  # the two headings and the gap between the charts
    kolom = 1 if (max(bidang, 1) + max(sumber, 1)) * 128 + tetap <= ruang else 2
    baris = max(bidang, 1) + -(-max(sumber, 1) // kolom)
    return min(1.0, (ruang - tetap) / (baris * 128)), kolom


def _legenda(k: _Kanvas, y: float) -> None:
    k.kotak(TEPI, y, 44, 44, ANGGARAN)
    k.teks(TEPI + 60, y + 38, "Anggaran", 36)
    k.kotak(TEPI + 320, y, 44, 44, REALISASI)
    k.teks(TEPI + 380, y + 38, "Realisasi", 36)
    k.kotak(TEPI + 640, y, 44, 44, LEBIH)
    k.teks(TEPI + 700, y + 38, "Realisasi melebihi anggaran", 36)


def _ringkas(k: _Kanvas, y: float, r) -> float:
    """Pembiayaan, surplus/defisit and SiLPA as label-and-amount lines (anggaran; realisasi)."""
    baris = [("Penerimaan pembiayaan", (r.penerimaan_pembiayaan.anggaran, r.penerimaan_pembiayaan.realisasi)),
             ("Pengeluaran pembiayaan", (r.pengeluaran_pembiayaan.anggaran, r.pengeluaran_pembiayaan.realisasi)),
             ("Surplus/(Defisit)", r.surplus),
             ("SiLPA tahun berjalan", r.silpa)]
    k.teks(W - TEPI - 520, y + 38, "Anggaran", 32, font=BOLD, warna=ABU, kanan=True)
    k.teks(W - TEPI, y + 38, "Realisasi", 32, font=BOLD, warna=ABU, kanan=True)
    y += 46
    for nama, (anggaran, realisasi) in baris:
        k.teks(TEPI, y + 46, nama, 40, font=BOLD, lebar=560)
        k.teks(W - TEPI - 520, y + 46, rupiah(anggaran), 40, kanan=True, lebar=460)
        k.teks(W - TEPI, y + 46, rupiah(realisasi), 40, kanan=True, lebar=460)
        y += 60
    return y


def buat(r, profil: dict, ukuran: str = "A1") -> bytes:
    """The banner of one `Ringkasan` as PDF bytes (one page)."""
    out = io.BytesIO()
    k = _Kanvas(out, ukuran, f"APB Desa {r.tahun} {situs(profil)}")
    y = _kepala(k, r, profil) + 30
    lebar = (W - 2 * TEPI - 2 * 30) / 3
    _kartu(k, TEPI, y, lebar, "Pendapatan", r.pendapatan.anggaran, r.pendapatan.realisasi)
    _kartu(k, TEPI + lebar + 30, y, lebar, "Belanja", r.belanja.anggaran, r.belanja.realisasi, r.belanja.lebih)
    netto = r.pembiayaan_netto
    _kartu(k, TEPI + 2 * (lebar + 30), y, lebar, "Pembiayaan netto", netto[0], netto[1],
           dengan_persen=False)  # a balance, not spending: a percentage of it means nothing
    y += 280
    _legenda(k, y)
    # by jenis (Dana Desa, Alokasi Dana Desa, ...), as the infographic page lists its sources
    bidang, sumber = list(r.belanja.anak), [jenis for kelompok in r.pendapatan.anak for jenis in kelompok.anak]
    f, kolom = _tata(len(bidang), len(sumber), (H - 225 - 10 - RINGKAS - 10) - (y + 50))
    y = _batang(k, y + 50, "Belanja per bidang", bidang, f)
    y = _batang(k, y + 10, "Pendapatan per sumber", sumber, f, kolom)
    _ringkas(k, y + 10, r)
    _kaki(k, r, profil)
    k.c.showPage()
    k.c.save()
    return out.getvalue()


def _kaki(k: _Kanvas, r, profil: dict) -> None:
    """Bottom band: the version in force, the realisation date, and where to send questions and complaints."""
    k.kotak(0, H - 225, W, 225, HIJAU)
    apbdes = r.apbdes
    versi = apbdes.get("nama") or f"APB Desa {r.tahun}"
    if apbdes.get("berlaku_sejak"):
        versi += f", berlaku sejak {tanggal(apbdes['berlaku_sejak'])}"
    if apbdes.get("nomor_perdes"):
        versi += f" (Perdes {apbdes['nomor_perdes']})"
    k.teks(TEPI, H - 170, f"{versi}. Realisasi sampai tanggal {tanggal(r.per_tanggal)}.", 34, warna=colors.white,
           lebar=W - 2 * TEPI)
    kantor = f"Pertanyaan dan pengaduan: kantor {situs(profil)}" + (f", {profil['alamat']}" if profil.get("alamat")
                                                                    else "")
    k.teks(TEPI, H - 115, kantor, 34, warna=colors.white, lebar=W - 2 * TEPI)
    kontak = [x for x in (profil.get("telepon") and f"Telepon {profil['telepon']}",
                          profil.get("email") and f"surel {profil['email']}") if x]
    # no "printed on" date: the PDF is cached, so it would be the server's day the cache was filled
    if kontak:
        k.teks(TEPI, H - 60, " · ".join(kontak), 34, warna=colors.white, lebar=W - 2 * TEPI)


def kosong(tahun: int) -> bytes:
    """A one-page A4 PDF saying the year's APB Desa is not published (the banner route's 404)."""
    out = io.BytesIO()
    c = Canvas(out, pagesize=(595, 842))
    c.setFont(BOLD, 18)
    c.drawString(60, 760, f"APB Desa tahun {tahun} belum diterbitkan.")
    c.showPage()
    c.save()
    return out.getvalue()
