"""Reading the workbook: .xlsx/.xlsm (python-calamine, fast, in a capped child: periksa_berkas) or CSV;
the data sheet's rows as dicts by column."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path

from plugins.impor import format_balai
from plugins.impor.opensid import COLUMNS, DETAIL_OPTIONAL, text
from plugins.impor.periksa_berkas import MAX_CELLS, MAX_ROWS, FileProblem, read_rows  # noqa: F401 (used by tugas)

END = "###"  # OpenSID's marker: a row whose second column holds it ends the data
SAVE_AS_UTF8 = ('Simpan ulang dari Excel dengan "Simpan Sebagai" > "CSV UTF-8 (dipisahkan koma)", atau dari '
                'LibreOffice dengan set karakter Unicode (UTF-8).')
# Longest BOM first: UTF-32 LE starts with UTF-16 LE's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _csv_text(raw: bytes) -> str:
    """The CSV's text: UTF-8 (with or without BOM), or UTF-16/32 when its BOM says so (Excel's "Unicode Text")."""
    encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), None)
    if encoding is None and raw[:4096].count(0) > len(raw[:4096]) // 4:  # ASCII in UTF-16: every other byte is 0
        raise FileProblem("Berkas CSV ini bukan teks UTF-8 (tampaknya UTF-16 tanpa penanda BOM). " + SAVE_AS_UTF8)
    if encoding in (None, "utf-8-sig"):
        return raw.decode("utf-8-sig", errors="replace")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        raise FileProblem(f"Berkas CSV rusak: bertanda {encoding.upper()} tetapi isinya tidak sesuai "
                          f"(bita ke-{exc.start}). " + SAVE_AS_UTF8) from None


def _csv_rows(path: Path) -> list[list]:
    content = _csv_text(path.read_bytes())
    try:
        dialect = csv.Sniffer().sniff(content[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(content), dialect)
    rows, line, cells = [], 1, 0  # line: where the record being read starts
    try:
        for row in reader:
            cells += len(row) or 1
            if len(rows) >= MAX_ROWS or cells > MAX_CELLS:
                limits = f"{MAX_ROWS:,} baris (baris kosong ikut dihitung) atau {MAX_CELLS:,} isian"
                limits = limits.replace(",", ".")
                raise FileProblem(f"Berkas CSV terlalu besar: lebih dari {limits}. Hapus baris kosong di bawah data "
                                  "lalu simpan ulang.")
            rows.append(row)
            line = reader.line_num + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise FileProblem(f"Berkas CSV rusak di baris {line}: ada isian lebih dari "
                              f"{csv.field_size_limit():,} karakter. Biasanya tanda kutip (\") yang tidak ditutup."
                              .replace(",", ".")) from None
        raise FileProblem(f"Berkas CSV rusak di baris {line}: {exc}.") from None
    return rows


def _rows_of(path: Path) -> list[list]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_rows(path)  # sizes checked first, then read in a child process with a memory cap
    if suffix == ".csv":
        return _csv_rows(path)
    raise FileProblem("Hanya berkas .xlsx, .xlsm atau .csv yang bisa diimpor.")


def read(path: Path) -> tuple[list[tuple[int, dict]], list[str], str]:
    """(rows as (spreadsheet row number, {column: cell}), missing column names, "opensid" or "balai").

    Other columns are ignored, but for the register's detail fields OpenSID's database has beyond its import
    template (read when there, never missing). Balai's own full export is recognised by its column names.
    """
    rows = _rows_of(path)
    if not rows:
        raise FileProblem("Berkas kosong.")
    header = [text(c).lower() for c in rows[0]]
    kind = "balai" if format_balai.is_balai(header) else "opensid"
    wanted = format_balai.COLUMNS if kind == "balai" else COLUMNS
    index = {name: header.index(name) for name in wanted if name in header}
    if kind == "balai":  # plugins' extra resident columns, `<plugin>.<field>`: checked against the enabled ones
        index.update({name: i for i, name in enumerate(header) if "." in name and name not in index})
    else:
        index.update({name: header.index(name) for name in DETAIL_OPTIONAL if name in header})
    missing = [name for name in wanted if name not in index]
    if "nik" not in index or "nama" not in index:
        raise FileProblem("Kolom wajib 'nik' dan 'nama' tidak ditemukan di baris pertama.")
    data = []
    for number, cells in enumerate(rows[1:], start=2):
        if len(cells) > 1 and text(cells[1]) == END:
            break
        if not any(text(c) for c in cells):
            continue
        data.append((number, {name: cells[i] if i < len(cells) else None for name, i in index.items()}))
    return data, missing, kind
