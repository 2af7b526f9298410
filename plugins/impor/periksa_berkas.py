"""An uploaded workbook is read apart from the worker, after its declared sizes are checked.

A 1.3 KB xlsx with one cell at XFD1048576 makes python-calamine ask for 512 GiB and abort the whole
process; a 3 MB xlsx can hold a 3 GB string. So, before anything is parsed, the zip directory and the
sheets' `<dimension>` are checked against limits a real register never comes near (only a bounded
start of each part is read); then the data sheet is read by python-calamine in a short-lived child
process with its address space capped (RLIMIT_AS). A file that lies about its sizes only kills that
child: the job fails with a plain message, the worker and the jobs beside it keep running.

This module imports nothing but the standard library at the top: the child runs it as a script
(`python -I periksa_berkas.py FILE CAP`), without booting Balai.
"""

from __future__ import annotations

import gc
import io
import marshal
import os
import pickle
import re
import signal
import subprocess
import sys
import zipfile
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

# A nagari's register is a few tens of thousands of rows by 43 columns (860,000 cells for 20,000 residents).
MAX_CELLS = 5_000_000  # ~116,000 rows x 43 columns; the reader materialises every cell from A1 to the last one
MAX_ROWS = 500_000  # a CSV's lines, empty ones too: 40 MB of bare newlines would otherwise be 3 GB of empty rows
MAX_PART = 256 * 2**20  # one part (a sheet, the shared strings) once unpacked; 20,000 x 43 is ~24 MB
MAX_TOTAL = 512 * 2**20  # every part together, unpacked
MAX_RATIO = 200  # unpacked : packed, for parts above RATIO_FROM; real sheet XML packs 5-20 times
RATIO_FROM = 16 * 2**20
MAX_PARTS = 5_000
MEMORY_CAP = 1536 * 2**20  # the child's address space; 20,000 x 43 reads within 256 MiB, MAX_CELLS within 512 MiB
TIMEOUT_S = 300
HEAD = 64 * 1024  # bytes of a sheet read to find its <dimension>
SKIPPED_SHEETS = {"kode data"}  # OpenSID's code list, never the data

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls), or an .xlsx sealed with a password


class FileProblem(ValueError):
    """The file as a whole cannot be read; the message is for the operator."""


def _mb(size: int) -> str:
    return f"{size / 2**20:,.0f} MB".replace(",", ".")


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n


def _last_cell(ref: str) -> tuple[int, int] | None:
    """(row, column), 1-based, of the bottom-right cell of a range like 'A1:AQ20001'; None when unreadable."""
    found = _CELL_REF.fullmatch(ref.strip().split(":")[-1])
    return (int(found.group(2)), _column_number(found.group(1))) if found else None


def _too_big(sheet: str, rows: int, columns: int, declared: str) -> FileProblem:
    return FileProblem(
        f"Lembar '{sheet}' terlalu besar untuk dibaca: {declared} sampai baris {_n(rows)} kolom ke-{_n(columns)} "
        f"({_n(rows * columns)} sel dihitung dari A1; batasnya {_n(MAX_CELLS)} sel). Biasanya ada isian atau format "
        "tersasar jauh di bawah atau di kanan data: hapus baris dan kolom kosong di luar data, lalu simpan ulang.")


def _read_bounded(book: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    with book.open(info) as part:
        data = part.read(limit + 1)
    if len(data) > limit:
        raise FileProblem(f"Berkas Excel tidak wajar: bagian {info.filename} lebih dari {_mb(limit)}.")
    return data


def _sheet_parts(book: zipfile.ZipFile, names: dict[str, zipfile.ZipInfo]) -> list[tuple[str, zipfile.ZipInfo]]:
    """(sheet name, its part) for every sheet the reader may open, in the workbook's order."""
    every = [(PurePosixPath(n).stem, i) for n, i in names.items()
             if n.startswith("xl/worksheets/") and n.endswith(".xml")]
    info = names.get("xl/workbook.xml")
    if info is None:  # laid out unusually: check every worksheet there is (the reader says if it cannot cope)
        return every
    try:
        workbook = ElementTree.fromstring(_read_bounded(book, info, 4 * 2**20))
        rels_info = names.get("xl/_rels/workbook.xml.rels")
        rels = ElementTree.fromstring(_read_bounded(book, rels_info, 4 * 2**20)) if rels_info else None
    except ElementTree.ParseError as exc:
        raise FileProblem(f"Berkas Excel rusak: daftar lembarnya tidak terbaca ({exc}).") from None
    targets = {}
    for rel in rels.iter(f"{_PKG}Relationship") if rels is not None else ():
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl", target))
        targets[rel.get("Id")] = os.path.normpath(path).replace(os.sep, "/")
    out = []
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        name = sheet.get("name", "")
        if name.strip().lower() in SKIPPED_SHEETS:
            continue
        part = names.get(targets.get(sheet.get(_REL), ""))
        if part is not None:
            out.append((name, part))
    return out or every  # names that do not resolve: every worksheet there is


def _dimension(book: zipfile.ZipFile, part: zipfile.ZipInfo) -> str | None:
    """The sheet's declared <dimension ref>, from at most HEAD bytes of its start (it comes before the data)."""
    with book.open(part) as stream:
        head = stream.read(HEAD)
    found = _DIMENSION.search(head.split(b"<sheetData", 1)[0])
    return found.group(1).decode("ascii", "replace") if found else None


def check_xlsx(path: Path) -> None:
    """Refuse a workbook whose declared sizes would overwhelm the reader; reads only a bounded start of each part."""
    with open(path, "rb") as handle:
        magic = handle.read(8)
    if magic == _OLE:
        raise FileProblem("Berkas ini berformat Excel lama (.xls) atau dilindungi kata sandi. Buka di Excel atau "
                          "LibreOffice, lalu simpan sebagai .xlsx tanpa kata sandi.")
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise FileProblem(f"Berkas Excel rusak: isinya bukan arsip .xlsx yang utuh ({exc}). Buka di Excel atau "
                          "LibreOffice lalu simpan ulang sebagai .xlsx.") from None
    with book:
        infos = book.infolist()
        if len(infos) > MAX_PARTS:
            raise FileProblem(f"Berkas Excel tidak wajar: berisi {_n(len(infos))} bagian (batasnya {_n(MAX_PARTS)}).")
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > MAX_PART:
                what = "teks bersama (shared strings)" if info.filename.endswith("sharedStrings.xml") else info.filename
                raise FileProblem(
                    f"Berkas Excel tidak wajar: bagian {what} berukuran {_mb(info.file_size)} setelah dibuka, dari "
                    f"{_mb(info.compress_size)} di dalam berkas (batasnya {_mb(MAX_PART)}). Mungkin ada sel berisi "
                    "teks yang sangat panjang. Periksa dan simpan ulang lembar kerjanya.")
            if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise FileProblem(
                    f"Berkas Excel tidak wajar: bagian {info.filename} memadat {ratio} kali ({_mb(info.file_size)} "
                    "setelah dibuka); lembar kerja biasa paling banyak sekitar 20 kali.")
        if total > MAX_TOTAL:
            raise FileProblem(f"Berkas Excel terlalu besar: {_mb(total)} setelah dibuka (batasnya {_mb(MAX_TOTAL)}).")
        names = {info.filename: info for info in infos}
        try:
            for sheet, part in _sheet_parts(book, names):
                declared = _dimension(book, part)
                last = _last_cell(declared) if declared else None
                if last and last[0] * last[1] > MAX_CELLS:
                    raise _too_big(sheet, *last, f"ukurannya tertulis {declared},")
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError) as exc:
            raise FileProblem(f"Berkas Excel rusak: {exc}.") from None


def _data_sheet_rows(path: Path) -> list[list]:
    """In the child: the first sheet whose first row names a 'nik' column, every cell from A1."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        if name.strip().lower() in SKIPPED_SHEETS:
            continue
        sheet = book.get_sheet_by_name(name)
        end_row, end_column = sheet.end or (0, 0)
        if (end_row + 1) * (end_column + 1) > MAX_CELLS:  # the reader would fill every cell from A1 to here
            raise _too_big(name, end_row + 1, end_column + 1, "ada isian")
        rows = sheet.to_python(skip_empty_area=False)
        if rows and any(isinstance(c, str) and c.strip().lower() == "nik" for c in rows[0]):
            return rows
    raise FileProblem("Tidak ada lembar data: baris pertama lembar harus berisi nama kolom (nama, nik, no_kk, ...).")


def _child(path: str, cap: int) -> None:
    """The child's whole life: cap the address space, check, read, send (kind, value) back pickled on stdout."""
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        resource.setrlimit(resource.RLIMIT_CPU, (TIMEOUT_S, TIMEOUT_S + 5))  # even when the worker died meanwhile
    except (ImportError, ValueError, OSError):
        pass
    out = sys.stdout.buffer
    try:
        check_xlsx(Path(path))
        answer = ("baris", _data_sheet_rows(Path(path)))
    except FileProblem as exc:
        answer = ("masalah", str(exc))
    except MemoryError:
        answer = ("memori", "")
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # python-calamine's errors, and its Rust panics (not Exceptions)
        answer = ("rusak", (type(exc).__name__, str(exc)))
    try:
        try:  # marshal when every cell is a plain value (4x faster than pickle), pickle for dates and times
            data = b"M" + marshal.dumps(answer)
        except ValueError:
            data = b"P" + pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        data = b"P" + pickle.dumps(("memori", ""))
    out.write(data)
    out.flush()


class _Unpickler(pickle.Unpickler):
    """Cells are str, int, float, bool, None or datetime values: nothing else is rebuilt from the child's answer."""

    def find_class(self, module, name):
        if module == "datetime" and name in ("date", "datetime", "time", "timedelta", "timezone"):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name}")


_DAMAGE = {"XmlError": "isi XML lembar kerjanya tidak utuh", "ZipError": "arsip .xlsx-nya tidak utuh",
           "PasswordError": "berkas dilindungi kata sandi", "WorksheetNotFound": "lembar yang didaftarkan tidak ada",
           "PanicException": "pembacanya menemukan isi yang tidak wajar"}


def _too_much_memory(cap: int) -> FileProblem:
    limit = f"{cap / 2**30:.1f}".removesuffix(".0").replace(".", ",")
    return FileProblem(f"Berkas Excel tidak bisa dibaca: membacanya butuh memori melebihi batas {limit} GiB. Biasanya "
                       "ada isian tersasar jauh di bawah atau di kanan data (misalnya di kolom XFD atau baris "
                       "1.048.576), atau sel berisi teks yang sangat panjang: hapus baris dan kolom di luar data lalu "
                       "simpan ulang.")


def read_rows(path: Path, cap: int = MEMORY_CAP, timeout: float = TIMEOUT_S) -> list[list]:
    """The data sheet's rows (every cell from A1), read in a child process that cannot take this one down."""
    command = [sys.executable, "-I", str(Path(__file__).resolve()), str(path), str(cap)]
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        done = None
    if done is None or done.returncode == -signal.SIGXCPU:
        raise FileProblem(f"Berkas Excel tidak selesai dibaca dalam {timeout:.0f} detik dan dihentikan. Periksa "
                          "apakah lembar kerjanya berisi data di luar tabel penduduk, lalu simpan ulang.") from None
    kind, value = None, None
    if done.returncode == 0:
        collecting = gc.isenabled()
        gc.disable()  # 860,000 new cells would set off collections that find nothing to free
        try:
            if done.stdout[:1] == b"M":
                kind, value = marshal.loads(memoryview(done.stdout)[1:])
            elif done.stdout[:1] == b"P":
                kind, value = _Unpickler(io.BytesIO(memoryview(done.stdout)[1:])).load()
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError):
            kind, value = None, None
        finally:
            if collecting:
                gc.enable()
    if kind == "baris":
        return value
    if kind == "masalah":
        raise FileProblem(value)
    if kind == "rusak":
        error, detail = value
        what = _DAMAGE.get(error, "isinya tidak bisa dibaca")
        detail = f"{error}: {detail[:200]}" if detail.strip() else error
        raise FileProblem(f"Berkas Excel rusak: {what} ({detail}). Buka di Excel atau LibreOffice lalu simpan ulang "
                          "sebagai .xlsx.")
    if kind == "memori" or done.returncode in (-6, 134):  # MemoryError, or an allocation that aborted
        raise _too_much_memory(cap)
    detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"kode {done.returncode}"]
    raise FileProblem(f"Berkas Excel tidak bisa dibaca: pembacanya berhenti ({detail[0][:200]}).")


if __name__ == "__main__":
    _child(sys.argv[1], int(sys.argv[2]))
