"""Shared steps for the fault tests (tests/test_gangguan_*.py): a full disk, a killed server, what is on disk.

`disk_full` makes every file opened for writing under one folder fail with ENOSPC after a few bytes, the way a
real full disk does: the first bytes land, then the write fails, so a store that does not clean up is caught
with a partial file. It patches `io.open` (what `open`, `Path.open`, `Path.write_bytes` and `zipfile` call), the
lowest Python-level function the file store and the backup writer use; SQLite and the PDF renderers are not
affected.
"""

from __future__ import annotations

import builtins
import errno
import hashlib
import io
import os
import signal
import sqlite3
import subprocess
from contextlib import contextmanager
from pathlib import Path


WRITING = set("wxa+")


class FullDisk:
    """A file object whose writes fail with ENOSPC once `room` bytes have been written."""

    def __init__(self, handle, room: int, path: str):
        self._handle, self._room, self._path = handle, room, path
        self.refused = 0

    def write(self, data) -> int:
        data = bytes(data)
        if len(data) <= self._room:
            self._room -= len(data)
            return self._handle.write(data)
        if self._room:
            self._handle.write(data[:self._room])
            self._handle.flush()
            self._room = 0
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), self._path)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()

    def __iter__(self):
        return iter(self._handle)

    def __getattr__(self, name):
        return getattr(self._handle, name)


@contextmanager
def disk_full(monkeypatch, under: Path, room: int = 512):
    """Within the block, files opened for writing below `under` hit a full disk after `room` bytes each.

    Yields the list of paths that were opened for writing (and so were refused once they grew)."""
    real = io.open
    root = os.path.realpath(under)
    opened: list[str] = []

    def fake_open(file, mode="r", *args, **kwargs):
        handle = real(file, mode, *args, **kwargs)
        if isinstance(file, (str, os.PathLike)) and WRITING & set(mode):
            path = os.path.realpath(os.fspath(file))
            if path == root or path.startswith(root + os.sep):
                opened.append(path)
                return FullDisk(handle, room, path)
        return handle

    with monkeypatch.context() as patch:
        patch.setattr(io, "open", fake_open)
        patch.setattr(builtins, "open", fake_open)
        yield opened


def files_under(folder: Path) -> dict[str, int]:
    """Every file below `folder` (hidden ones too) with its size."""
    return {p.relative_to(folder).as_posix(): p.stat().st_size for p in sorted(Path(folder).rglob("*")) if p.is_file()}


def query(database_url: str, sql: str) -> list[tuple]:
    """Rows of `sql` read directly (sqlite3 or psql), never through Balai."""
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return db.execute(sql).fetchall()
    out = subprocess.run(["psql", database_url, "-AtF", "\t", "-c", sql], capture_output=True, text=True,
                         check=True)
    return [tuple(line.split("\t")) for line in out.stdout.splitlines() if line]


def letter_rows(database_url: str) -> list[dict]:
    names = ("id", "status", "nomor", "nomor_urut", "tahun", "berkas", "sha256", "token")
    rows = query(database_url, f"SELECT {', '.join(names)} FROM surat_arsip ORDER BY id")
    return [dict(zip(names, row)) for row in rows]


def letter_store(data_dir: Path) -> set[str]:
    """The PDFs in the letter store, as `<year>/<name>`."""
    root = Path(data_dir) / "berkas" / "surat"
    return {p.relative_to(root).as_posix() for p in root.rglob("*.pdf")} if root.is_dir() else set()


def check_letters(database_url: str, data_dir: Path) -> list[dict]:
    """Assert what an operator relies on after a crash; return the issued letters.

    Every letter is either issued in full (number, hash, its signed PDF present and matching the row) or not
    issued at all (no number); no number twice; no PDF in the letter store that no letter owns."""
    rows = letter_rows(database_url)
    issued = [r for r in rows if r["status"] in ("terbit", "batal")]
    for row in rows:
        if row["status"] in ("terbit", "batal"):
            assert row["nomor"] and row["sha256"] and row["berkas"], row
            path = Path(data_dir) / "berkas" / "surat" / str(row["tahun"]) / row["berkas"]
            assert path.is_file(), f"surat {row['nomor']} terbit tanpa PDF: {path}"
            assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"], f"PDF surat {row['nomor']} berubah"
        else:
            assert row["status"] == "menunggu" and not row["nomor"] and not row["berkas"], row
    numbers = [r["nomor"] for r in issued]
    assert len(numbers) == len(set(numbers)), f"nomor ganda: {sorted(numbers)}"
    owned = {f"{r['tahun']}/{r['berkas']}" for r in issued}
    orphans = letter_store(data_dir) - owned
    assert not orphans, f"PDF tanpa surat terbit di penyimpanan surat: {sorted(orphans)}"
    return issued


def kill_group(process: subprocess.Popen) -> None:
    """SIGKILL a process and everything in its process group (a `balai serve` and its worker and renderers)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait(timeout=30)
