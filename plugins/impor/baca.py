"""Reading the workbook: .xlsx/.xlsm (python-calamine, fast) or CSV; the data sheet's rows as dicts by column."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from plugins.impor import format_balai
from plugins.impor.opensid import COLUMNS, text

END = "###"  # OpenSID's marker: a row whose second column holds it ends the data
SKIPPED_SHEETS = {"kode data"}


class FileProblem(ValueError):
    """The file as a whole cannot be read; the message is for the operator."""


def _rows_of(path: Path) -> list[list]:
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from python_calamine import CalamineWorkbook

        try:
            book = CalamineWorkbook.from_path(str(path))
        except Exception as exc:  # not a workbook, or a damaged one
            raise FileProblem(f"Berkas tidak bisa dibaca sebagai lembar kerja Excel: {exc}") from None
        for name in book.sheet_names:
            if name.strip().lower() in SKIPPED_SHEETS:
                continue
            rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            if rows and any(text(c).lower() == "nik" for c in rows[0]):
                return rows
        raise FileProblem("Tidak ada lembar data: baris pertama lembar harus berisi nama kolom (nama, nik, no_kk, ...).")
    if suffix == ".csv":
        raw = path.read_bytes()
        content = raw.decode("utf-8-sig", errors="replace")
        try:
            dialect = csv.Sniffer().sniff(content[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [row for row in csv.reader(io.StringIO(content), dialect)]
    raise FileProblem("Hanya berkas .xlsx, .xlsm atau .csv yang bisa diimpor.")


def read(path: Path) -> tuple[list[tuple[int, dict]], list[str], str]:
    """(rows as (spreadsheet row number, {column: cell}), missing column names, "opensid" or "balai").

    Extra columns are ignored. Balai's own full export is recognised by its column names.
    """
    rows = _rows_of(path)
    if not rows:
        raise FileProblem("Berkas kosong.")
    header = [text(c).lower() for c in rows[0]]
    kind = "balai" if format_balai.is_balai(header) else "opensid"
    wanted = format_balai.COLUMNS if kind == "balai" else COLUMNS
    index = {name: header.index(name) for name in wanted if name in header}
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
