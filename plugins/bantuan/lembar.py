"""Reading an uploaded spreadsheet (the office's DTKS list, an OpenSID participants workbook): .xlsx/.xlsm through
python-calamine, or CSV. Nothing is parsed before the sizes are checked.

python-calamine builds every cell from A1 to the last one it meets, so a 2 KB workbook with one cell at XFD1048576
would ask for hundreds of GiB. Before calamine sees a workbook, every worksheet's XML is streamed (within a bounded
unpacked size) and the position of each row and cell is followed, with or without `r` attributes; a sheet past
BATAS_SEL cells is refused. Aid lists are a few thousand rows, far below every limit here.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from datetime import date, datetime

from plugins.bantuan.galat import BantuanError

BATAS_UNGGAH = 5 * 2**20  # the upload itself; a nagari's list of 5,000 families is ~300 KB
BATAS_ISI = 64 * 2**20  # every part of a workbook together, unpacked
BATAS_BAGIAN = 1000  # parts of a workbook
BATAS_SEL = 1_000_000  # cells of one sheet counted from A1 (5,000 rows x 200 columns)
BATAS_BARIS = 50_000  # data rows read from one sheet or CSV

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls), or an .xlsx sealed with a password
_TAG = re.compile(rb"<(?:\w+:)?(row|c)(?=[\s/>])([^>]*)>")
_R = re.compile(rb"""\br\s*=\s*["']\$?([A-Za-z]{0,3})\$?(\d{1,7})["']""")
_ILMIAH = re.compile(r"\d+(?:[.,]\d+)?[eE]\+?\d+")  # 1,37101E+15: a number the spreadsheet shortened
SIMPAN_TEKS = "format kolom itu sebagai Teks di Excel atau LibreOffice, isi ulang angkanya, lalu simpan lagi"


class BerkasDitolak(BantuanError):
    """The file as a whole cannot be read; the message says why and what to do."""


def _angka(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _kolom(huruf: bytes) -> int:
    n = 0
    for ch in huruf.upper():
        n = n * 26 + ch - 64
    return n


def _ukuran_lembar(bagian) -> tuple[int, int]:
    """(last row, last column) a reader would fill, following every row and cell as calamine would place it."""
    baris = kolom = terakhir_baris = terakhir_kolom = 0
    sisa = b""
    while True:
        potong = bagian.read(1 << 20)
        data = sisa + potong
        akhir = len(data) if not potong else max(data.rfind(b"<"), 0)  # a tag cut in two waits for the next chunk
        for cocok in _TAG.finditer(data, 0, akhir):
            letak = _R.search(cocok.group(2))
            if cocok.group(1) == b"row":
                baris = int(letak.group(2)) if letak else baris + 1
                kolom = 0
            else:
                if letak and letak.group(2):
                    baris = max(baris, int(letak.group(2)))
                kolom = _kolom(letak.group(1)) if letak and letak.group(1) else kolom + 1
                terakhir_kolom = max(terakhir_kolom, kolom)
            terakhir_baris = max(terakhir_baris, baris)
        if not potong:
            return terakhir_baris, terakhir_kolom
        sisa = data[akhir:]


def periksa_xlsx(isi: bytes) -> None:
    """Refuse a workbook whose parts or sheets are too large to read safely; reads nothing into memory at once."""
    try:
        arsip = zipfile.ZipFile(io.BytesIO(isi))
    except (zipfile.BadZipFile, ValueError) as exc:
        raise BerkasDitolak(f"Berkas Excel rusak ({exc}). Buka di Excel atau LibreOffice lalu simpan ulang sebagai "
                            ".xlsx.") from None
    with arsip:
        bagian = arsip.infolist()
        if "xl/workbook.xml" not in {b.filename for b in bagian}:  # .ods, .xlsb, .docx: none is checked here
            raise BerkasDitolak("Berkas ini bukan lembar kerja Excel (.xlsx). Buka di Excel atau LibreOffice lalu "
                                "simpan sebagai .xlsx.")
        if len(bagian) > BATAS_BAGIAN or sum(b.file_size for b in bagian) > BATAS_ISI:
            raise BerkasDitolak("Berkas Excel tidak wajar: isinya setelah dibuka terlalu besar untuk daftar bantuan. "
                                "Hapus lembar, gambar dan baris kosong yang tidak perlu, lalu simpan ulang.")
        for info in bagian:
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            try:
                with arsip.open(info) as lembar:
                    baris, kolom = _ukuran_lembar(lembar)
            except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError) as exc:
                raise BerkasDitolak(f"Berkas Excel rusak ({exc}). Simpan ulang sebagai .xlsx.") from None
            if baris * kolom > BATAS_SEL:
                raise BerkasDitolak(
                    f"Berkas Excel tidak wajar: ada isian sampai baris {_angka(baris)} kolom ke-{_angka(kolom)}. "
                    "Biasanya ada isian atau format tersasar jauh di bawah atau di kanan data: hapus baris dan kolom "
                    "kosong di luar tabel, lalu simpan ulang.")


def _baca_xlsx(isi: bytes) -> dict[str, list[list]]:
    from python_calamine import CalamineWorkbook

    periksa_xlsx(isi)
    try:
        buku = CalamineWorkbook.from_filelike(io.BytesIO(isi))
        return {nama: buku.get_sheet_by_name(nama).to_python(skip_empty_area=False)[:BATAS_BARIS + 20]
                for nama in buku.sheet_names}
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as exc:  # calamine's errors, and its Rust panics (not Exceptions)
        raise BerkasDitolak(f"Berkas Excel tidak bisa dibaca ({type(exc).__name__}). Buka di Excel atau LibreOffice "
                            "lalu simpan ulang sebagai .xlsx.") from None


def _teks_csv(isi: bytes) -> str:
    if isi.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return isi.decode("utf-16", errors="replace")
    try:
        return isi.decode("utf-8-sig")
    except UnicodeDecodeError:  # Excel's "CSV (dipisahkan koma)" on Windows writes the ANSI code page
        return isi.decode("cp1252", errors="replace")


def _baca_csv(isi: bytes) -> dict[str, list[list]]:
    teks = _teks_csv(isi).replace("\x00", "")
    try:
        dialek = csv.Sniffer().sniff(teks[:4096], delimiters=",;\t")
    except csv.Error:
        dialek = csv.excel
    baris = []
    try:
        for nomor, sel in enumerate(csv.reader(io.StringIO(teks), dialek), start=1):
            if nomor > BATAS_BARIS + 20:
                raise BerkasDitolak(f"Berkas CSV terlalu panjang: lebih dari {_angka(BATAS_BARIS)} baris.")
            baris.append(sel)
    except csv.Error as exc:
        raise BerkasDitolak(f"Berkas CSV rusak di baris {len(baris) + 1}: {exc}.") from None
    return {"": baris}


def jenis(nama: str, isi: bytes) -> str:
    """"xlsx" or "csv", by the content first (a renamed file is read as what it is); raises BerkasDitolak."""
    if not isi:
        raise BerkasDitolak("Berkasnya kosong. Pilih berkas .xlsx atau .csv.")
    if len(isi) > BATAS_UNGGAH:
        raise BerkasDitolak(f"Berkas terlalu besar (lebih dari {BATAS_UNGGAH // 2**20} MB).")
    if isi.startswith(_OLE):
        raise BerkasDitolak("Berkas ini berformat Excel lama (.xls) atau dilindungi kata sandi. Buka di Excel atau "
                            "LibreOffice, lalu simpan sebagai .xlsx tanpa kata sandi.")
    if isi.startswith(_ZIP):
        return "xlsx"
    contoh = isi[:4096]
    biner = contoh.count(0) > len(contoh) // 4 and not contoh.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if nama.lower().endswith((".csv", ".txt")) and not biner:
        return "csv"
    raise BerkasDitolak("Berkas ini bukan lembar kerja. Unggah berkas Excel (.xlsx) atau CSV.")


def baca(nama: str, isi: bytes) -> dict[str, list[list]]:
    """Every sheet of the upload, {sheet name: rows of cells}; a CSV is one sheet named "". CPU-bound: call it in a
    thread. Raises BerkasDitolak with the reason in Bahasa Indonesia."""
    return _baca_xlsx(isi) if jenis(nama, isi) == "xlsx" else _baca_csv(isi)


def teks(sel) -> str:
    """A cell as text: a whole number without ".0", a date as YYYY-MM-DD, text trimmed (Excel's leading apostrophe
    that keeps digits as text taken off)."""
    if sel is None or isinstance(sel, bool):
        return "" if sel is None else ("1" if sel else "0")
    if isinstance(sel, float) and sel.is_integer():
        return str(int(sel))
    if isinstance(sel, datetime):
        return sel.date().isoformat()
    if isinstance(sel, date):
        return sel.isoformat()
    hasil = str(sel).replace("\x00", "").strip()
    return hasil[1:].strip() if hasil.startswith("'") else hasil


def nomor(sel, judul: str) -> tuple[str, str]:
    """(digits, problem) of a NIK or No. KK cell: spaces and dots between the digits are allowed; a number the
    spreadsheet wrote in scientific form has lost its last digits and is refused with what to do."""
    isi = teks(sel)
    if _ILMIAH.fullmatch(isi):
        return "", f"{judul} tertulis sebagai angka ilmiah ({isi}), digit terakhirnya hilang: {SIMPAN_TEKS}."
    angka = "".join(isi.split()).replace(".", "").replace("-", "")
    if not angka:
        return "", f"{judul} kosong."
    if len(angka) != 16 or not angka.isdigit():
        return angka, f"{judul} harus 16 angka (tertulis “{isi[:40]}”)."
    return angka, ""


def kunci_judul(sel) -> str:
    """A header cell reduced to letters and digits, lower case: "No. KK", "NO_KK" and "nomor kk" compare easily."""
    return re.sub(r"[^0-9a-z]", "", teks(sel).lower())
