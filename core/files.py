"""The kernel's file store: uploads and generated files live in the data folder, outside the web root.

Files are checked by their content (magic bytes), not by the name or the type the
browser claims, and only kinds we can show safely are accepted: no SVG, which can
carry scripts. Images are decoded and written anew with Pillow, so whatever was hidden
after or inside them (an HTML page appended to a PNG, EXIF with a phone's location) is
not kept; they are served with their checked type and ``X-Content-Type-Options: nosniff``.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path

STORE = "berkas"
NAME = re.compile(r"^[a-f0-9]{32}\.(png|jpg|webp|pdf)$")
IMAGE_LIMIT = 2 * 1024 * 1024
PIXEL_LIMIT = 64_000_000  # a 50-megapixel phone photo fits; a decompression bomb does not
DOCUMENT_LIMIT = 5 * 1024 * 1024
DOCUMENT_TYPES = {"pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg"}


class FileStoreError(ValueError):
    """An upload that was refused; the message is for the person uploading."""


def image_kind(content: bytes) -> str | None:
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "webp"
    return None


def _check_size(content: bytes, limit: int) -> None:
    if not content:
        raise FileStoreError("Berkas kosong.")
    if len(content) > limit:
        raise FileStoreError(f"Berkas terlalu besar: maksimal {limit / (1024 * 1024):g} MB.")


def write_whole(path: Path, content: bytes) -> Path:
    """Write `content` to `path` whole or not at all, never over an existing file.

    The bytes go to a hidden temporary file beside it first, are flushed to the disk, and only then take
    their name (a hard link, which fails if the name is taken). A full disk, a crash or a kill mid-write
    leaves no file under the final name; the temporary one is removed on any error.
    """
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.sementara")
    try:
        with open(temporary, "xb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


def _write(data_dir: Path, folder: str, kind: str, content: bytes) -> str:
    target = Path(data_dir) / STORE / folder
    target.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.{kind}"
    write_whole(target / name, content)
    return name


PILLOW_FORMATS = {"png": "PNG", "jpg": "JPEG", "webp": "WEBP"}


def reencode_image(kind: str, content: bytes) -> bytes:
    """The picture alone, decoded and encoded again in its own format. Raises FileStoreError when it is no picture.

    Everything that is not the picture is dropped: bytes after its end, text chunks, EXIF (the
    orientation is applied first, so a phone photo stays upright). CPU-heavy for a big photo:
    call it off the event loop.
    """
    import io

    from PIL import Image, ImageOps

    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format != PILLOW_FORMATS[kind]:
                raise FileStoreError("Isi berkas tidak sesuai dengan jenis gambarnya.")
            if image.width * image.height > PIXEL_LIMIT:
                raise FileStoreError("Gambar terlalu besar (jumlah piksel). Kecilkan ukurannya lalu coba lagi.")
            image.load()
            picture = ImageOps.exif_transpose(image)
            out = io.BytesIO()
            if kind == "png":
                options = {"transparency": picture.info["transparency"]} if "transparency" in picture.info else {}
                picture.save(out, "PNG", **options)
            elif kind == "jpg":
                if picture.mode not in ("RGB", "L", "CMYK"):
                    picture = picture.convert("RGB")
                picture.save(out, "JPEG", quality=92, icc_profile=picture.info.get("icc_profile"))
            else:
                picture.save(out, "WEBP", quality=92, lossless=bool(image.info.get("lossless")))
            return out.getvalue()
    except FileStoreError:
        raise
    except Exception:  # any decoder error (truncated, corrupt, bomb) means it is not a picture we can show
        raise FileStoreError("Gambar rusak atau tidak bisa dibaca. Simpan ulang gambarnya lalu coba lagi.") from None


def save_image(data_dir: Path, folder: str, content: bytes, limit: int = IMAGE_LIMIT) -> str:
    """Store an uploaded image, re-encoded; return its stored name. Raises FileStoreError with the reason."""
    _check_size(content, limit)
    kind = image_kind(content)
    if kind is None:
        raise FileStoreError("Hanya gambar PNG, JPEG atau WebP yang diterima.")
    return _write(data_dir, folder, kind, reencode_image(kind, content))


def _readable(kind: str, content: bytes) -> bool:
    """Whether the file really is what its first bytes claim: a renamed or broken file is refused."""
    import io

    try:
        if kind == "pdf":
            from pypdf import PdfReader

            return len(PdfReader(io.BytesIO(content)).pages) > 0
        from PIL import Image

        with Image.open(io.BytesIO(content)) as image:
            image.verify()
        return True
    except Exception:  # any parser error means we cannot show it to the officer
        return False


def save_document(data_dir: Path, folder: str, content: bytes, limit: int = DOCUMENT_LIMIT) -> str:
    """Store an uploaded supporting document (PDF, PNG or JPEG); return its stored name. Raises FileStoreError."""
    _check_size(content, limit)
    kind = "pdf" if content.startswith(b"%PDF-") else image_kind(content)
    if kind not in DOCUMENT_TYPES:
        raise FileStoreError("Hanya berkas PDF, JPEG atau PNG yang diterima.")
    if not _readable(kind, content):
        raise FileStoreError("Berkas rusak atau bukan PDF/gambar yang sah. Pindai atau foto ulang dokumennya.")
    if not FOLDER.match(folder):
        raise FileStoreError("Nama folder tidak diizinkan.")
    if kind != "pdf":
        content = reencode_image(kind, content)
    return _write(data_dir, folder, kind, content)


def stored_path(data_dir: Path, folder: str, name: str) -> Path | None:
    """The path of a stored file, or None when the name is not one this store made."""
    if not NAME.match(name or ""):
        return None
    path = Path(data_dir) / STORE / folder / name
    return path if path.is_file() else None


# webp: pictures a plugin made itself from a checked upload (the portal's resized images)
GENERATED = re.compile(r"^[A-Za-z0-9_-]{8,64}\.(pdf|csv|xlsx|json|zip|webp)$")
FOLDER = re.compile(r"^[a-z0-9_-]+(/[a-z0-9_-]+)*$")


def _generated(data_dir: Path, folder: str, name: str) -> Path:
    if not FOLDER.match(folder) or not GENERATED.match(name):
        raise FileStoreError("Nama berkas atau folder tidak diizinkan.")
    return Path(data_dir) / STORE / folder / name


def save_generated(data_dir: Path, folder: str, name: str, content: bytes) -> Path:
    """Store a file Balai made (a letter's PDF, an export) under a name the caller chose, never overwriting."""
    path = _generated(data_dir, folder, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_whole(path, content)


def generated_path(data_dir: Path, folder: str, name: str) -> Path | None:
    try:
        path = _generated(data_dir, folder, name)
    except FileStoreError:
        return None
    return path if path.is_file() else None


PDF_LIMIT = 10 * 1024 * 1024


def save_pdf(data_dir: Path, folder: str, content: bytes, limit: int = PDF_LIMIT) -> str:
    """Store an uploaded PDF that anyone can open (a regulation, a public document); return its stored name.

    Refused with a FileStoreError: not a PDF, over `limit`, locked with a password (residents could not open it,
    and we could not check it), or not readable by pypdf. The bytes are kept as uploaded.
    """
    import io

    if not content:
        raise FileStoreError("Berkas kosong.")
    if len(content) > limit:
        size = f"{limit / (1024 * 1024):.3g} MB" if limit >= 1024 * 1024 else f"{limit / 1024:.3g} KB"
        raise FileStoreError(f"Berkas lebih dari {size}.")
    if not content.lstrip()[:5] == b"%PDF-":
        raise FileStoreError("Berkas harus PDF.")
    if not FOLDER.match(folder):
        raise FileStoreError("Nama folder tidak diizinkan.")
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            raise FileStoreError("PDF ini terkunci kata sandi; unggah PDF yang tidak terkunci.")
        if len(reader.pages) == 0:
            raise FileStoreError("PDF ini tidak berisi halaman.")
    except FileStoreError:
        raise
    except Exception:  # any parser error: a broken or truncated file residents could not open either
        raise FileStoreError("PDF rusak atau tidak bisa dibaca. Simpan ulang sebagai PDF lalu coba lagi.") from None
    return _write(data_dir, folder, "pdf", content)


def stored_pdf(data_dir: Path, folder: str, name: str) -> Path | None:
    """The path of a PDF kept with `save_pdf`, or None for any other name."""
    if not (name or "").endswith(".pdf") or not FOLDER.match(folder):
        return None
    return stored_path(data_dir, folder, name)
