"""The backup file: a zip with `manifest.json`, one JSON-lines entry per table and the data folder's files.

Every entry's SHA-256 is in the manifest, so a flipped byte anywhere is found before anything is restored.
An encrypted backup is the same zip sealed by `sandi`; it is opened into a temporary file first.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from core.cadangan import sandi
from core.cadangan.errors import CadanganError

FORMAT = "balai-cadangan"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
TABLE_DIR = "tabel/"
FILE_DIR = "data/"
# Already compressed: deflating them again costs time and saves nothing.
STORED_SUFFIXES = {".pdf", ".png", ".jpg", ".jpeg", ".webp", ".xlsx", ".xlsm", ".zip", ".gz"}
COMPRESS_LEVEL = 1  # measured on 20,000 residents: level 6 took twice as long for a file 10 % smaller


class HashingWriter:
    """Wraps a zip entry being written, counting its SHA-256 on the way."""

    def __init__(self, handle):
        self.handle, self.digest = handle, hashlib.sha256()

    def write(self, data: bytes) -> None:
        self.digest.update(data)
        self.handle.write(data)


class Writer:
    """Builds a backup zip; `close` adds the manifest last."""

    def __init__(self, path: Path):
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL,
                                   allowZip64=True)
        self.tables: list[dict] = []
        self.files: list[dict] = []

    @contextmanager
    def table(self, app: str, described: dict) -> Iterator[callable]:
        """Write one table's rows through the `add` it yields; `described` is `tabel.describe(table)`."""
        entry = f"{TABLE_DIR}{described['nama']}.jsonl"
        info = {"app": app, **described, "baris": 0, "entri": entry}
        with self.zip.open(entry, "w", force_zip64=True) as raw:
            out = HashingWriter(raw)
            out.write(json.dumps(described["kolom"]).encode() + b"\n")

            def add(rows: list[list]) -> None:
                out.write("".join(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"
                                  for row in rows).encode())
                info["baris"] += len(rows)

            yield add
        info["sha256"] = out.digest.hexdigest()
        self.tables.append(info)

    def add_file(self, path: Path, name: str) -> None:
        """Add a file from disk as `data/<name>`."""
        compress = zipfile.ZIP_STORED if path.suffix.lower() in STORED_SUFFIXES else zipfile.ZIP_DEFLATED
        entry = FILE_DIR + name
        info = zipfile.ZipInfo.from_file(path, entry)
        info.compress_type = compress
        with open(path, "rb") as source, self.zip.open(info, "w", force_zip64=True) as raw:
            out = HashingWriter(raw)
            size = 0
            while block := source.read(1024 * 1024):
                out.write(block)
                size += len(block)
        self.files.append({"jalur": name, "ukuran": size, "sha256": out.digest.hexdigest()})

    def add_bytes(self, data: bytes, name: str) -> None:
        entry = FILE_DIR + name
        self.zip.writestr(entry, data)
        self.files.append({"jalur": name, "ukuran": len(data), "sha256": hashlib.sha256(data).hexdigest()})

    def close(self, manifest: dict) -> None:
        manifest = {"format": FORMAT, "versi_format": FORMAT_VERSION, **manifest,
                    "tabel": self.tables, "berkas": self.files}
        self.zip.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        self.zip.close()

    def abort(self) -> None:
        try:
            self.zip.close()
        except (OSError, ValueError):  # e.g. the disk filled up: the caller removes the partial file anyway
            pass


@dataclass
class Backup:
    """An opened, verified backup."""

    zip: zipfile.ZipFile
    manifest: dict

    def table_rows(self, info: dict, batch: int = 5000) -> Iterator[list[list]]:
        with self.zip.open(info["entri"]) as handle:
            handle.readline()  # the column names, already in the manifest
            chunk: list[list] = []
            for line in handle:
                chunk.append(json.loads(line))
                if len(chunk) >= batch:
                    yield chunk
                    chunk = []
            if chunk:
                yield chunk

    def extract_files(self, target: Path) -> None:
        for info in self.manifest["berkas"]:
            path = safe_path(target, info["jalur"])
            path.parent.mkdir(parents=True, exist_ok=True)
            with self.zip.open(FILE_DIR + info["jalur"]) as source, open(path, "wb") as out:
                shutil.copyfileobj(source, out, 1024 * 1024)


def safe_path(root: Path, relative: str) -> Path:
    """`root/relative`, refusing names that would climb out of `root` (a crafted backup)."""
    path = (root / relative).resolve()
    if not path.is_relative_to(root.resolve()) or relative.startswith("/"):
        raise CadanganError(f"Nama berkas tidak sah di dalam cadangan: {relative!r}.")
    return path


def _entry_sha256(archive: zipfile.ZipFile, name: str) -> str:
    digest = hashlib.sha256()
    with archive.open(name) as handle:
        while block := handle.read(1024 * 1024):
            digest.update(block)
    return digest.hexdigest()


def _verify(archive: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise CadanganError("Berkas ini bukan cadangan Balai (tidak ada manifest).") from None
    except ValueError:
        raise CadanganError("Manifest cadangan rusak.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise CadanganError("Berkas ini bukan cadangan Balai.")
    if manifest.get("versi_format", 0) > FORMAT_VERSION:
        raise CadanganError("Cadangan ini dibuat dengan format yang lebih baru. Perbarui Balai lalu coba lagi.")
    _check_shape(manifest)
    entries = [(t["entri"], t["sha256"]) for t in manifest["tabel"]]
    entries += [(FILE_DIR + f["jalur"], f["sha256"]) for f in manifest["berkas"]]
    for name, expected in entries:
        try:
            actual = _entry_sha256(archive, name)
        except KeyError:
            raise CadanganError(f"Cadangan tidak lengkap: {name} hilang.") from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):  # zlib errors are ValueError subclasses
            raise CadanganError(f"Cadangan rusak: {name} tidak bisa dibaca.") from None
        if actual != expected:
            raise CadanganError(f"Cadangan rusak: isi {name} tidak cocok dengan checksum SHA-256 di manifest.")
    return manifest


IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def _check_shape(manifest: dict) -> None:
    """Names that end up in SQL or in paths are plain identifiers and relative paths, or the file is refused."""
    try:
        for table in manifest["tabel"]:
            names = [table["nama"], table["kunci"], *table["kolom"], *table.get("rujukan", {}),
                     *table.get("rujukan", {}).values()]
            if not all(isinstance(n, str) and IDENTIFIER.match(n) for n in names):
                raise ValueError(names)
            if len(table["jenis"]) != len(table["kolom"]) or table["kunci"] not in table["kolom"]:
                raise ValueError(table["nama"])
            int(table["baris"]), int(table.get("urutan") or 0), str(table["entri"]), str(table["sha256"])
        for item in manifest["berkas"]:
            safe_path(Path("/pemeriksaan"), item["jalur"])
            str(item["sha256"])
        dict(manifest["skema"]), list(manifest["plugin"])
    except (KeyError, TypeError, ValueError):
        raise CadanganError("Manifest cadangan rusak atau tidak lengkap.") from None


@contextmanager
def opened(path: Path, passphrase: str | None = None, workdir: Path | None = None) -> Iterator[Backup]:
    """Open and verify a backup file (decrypting it first when sealed); CadanganError when unusable."""
    path = Path(path)
    if not path.is_file():
        raise CadanganError(f"Berkas cadangan tidak ditemukan: {path}")
    with tempfile.TemporaryDirectory(dir=workdir, prefix=".buka-cadangan-") as scratch:
        plain = path
        if sandi.is_encrypted(path):
            if not passphrase:
                raise sandi.SandiError("Cadangan ini disandikan: masukkan sandi cadangan.")
            plain = Path(scratch) / "cadangan.zip"
            with open(plain, "wb") as out:
                sandi.decrypt_file(path, out, passphrase)
        try:
            archive = zipfile.ZipFile(plain)
        except (zipfile.BadZipFile, OSError):
            raise CadanganError("Berkas cadangan rusak: bukan arsip yang utuh (terpotong atau bukan cadangan Balai)."
                                ) from None
        with archive:
            yield Backup(archive, _verify(archive))
