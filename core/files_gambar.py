"""Photos for the public website (the nagari's photo, the officials'): checked, upright, bare, resized, WebP.

An upload is a photo only if Pillow decodes it as JPEG, PNG, WebP or GIF; the name and the browser's claimed type
mean nothing, and SVG (which can carry scripts) is refused before decoding. The EXIF orientation is applied, then
only the pixels are copied into a fresh image, so no EXIF (a phone's GPS position), XMP, ICC or comment survives.
Each width asked for is kept as its own WebP in the kernel's file store under one random stem: ``<stem>.webp`` for
the largest, ``<stem>-<width>.webp`` for the others. A new photo gets a new stem, so its URL changes with it.
"""

from __future__ import annotations

import io
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from core.files import PIXEL_LIMIT, STORE, FileStoreError, generated_path, save_generated

UPLOAD_LIMIT = 8 * 1024 * 1024
FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
QUALITY = 80
STEM = re.compile(r"^[a-f0-9]{32}$")


@dataclass(frozen=True)
class Foto:
    """A stored photo: its stem (the version in its URL) and the largest copy's size in pixels."""

    stem: str
    lebar: int
    tinggi: int


def _looks_like_svg(content: bytes) -> bool:
    head = content[:2048].lstrip().lower()
    return head.startswith(b"<") or b"<svg" in head


def _webp(picture, width: int) -> bytes:
    from PIL import Image

    if picture.width > width:
        picture = picture.resize((width, max(1, round(picture.height * width / picture.width))),
                                 resample=Image.Resampling.LANCZOS, reducing_gap=3.0)
    out = io.BytesIO()
    picture.save(out, "WEBP", quality=QUALITY)
    return out.getvalue()


def normalise_photo(content: bytes, widths: tuple[int, ...], square: bool = False, tallest: float | None = None,
                    kata: str = "foto"):
    """The photo's pixels as one WebP per width in `widths` (largest first), and the largest one's size.

    Returns ([bytes, ...], width, height). `square` crops to the middle square first (a portrait card), a little
    above the centre, where a face usually is; `tallest` (height / width) crops a taller photo to that shape, so a
    banner never fills a phone's screen. Raises FileStoreError with the reason in Indonesian, naming the upload
    `kata` ("foto" for a photo, "gambar" for an article's picture).
    CPU-heavy for a big photo: call it off the event loop."""
    from PIL import Image, ImageOps

    if not content:
        raise FileStoreError(f"Berkas kosong. Pilih {kata} yang akan diunggah.")
    if len(content) > UPLOAD_LIMIT:
        raise FileStoreError(f"{kata.capitalize()} terlalu besar: maksimal 8 MB. "
                             "Kecilkan dulu ukurannya lalu coba lagi.")
    if _looks_like_svg(content):
        raise FileStoreError("Gambar SVG tidak diterima karena bisa berisi skrip. Simpan sebagai JPEG atau PNG.")
    widest = max(widths)
    try:
        with Image.open(io.BytesIO(content)) as image:
            if image.format not in FORMATS:
                raise FileStoreError(f"Hanya {kata} JPEG, PNG, WebP atau GIF yang diterima.")
            if image.width * image.height > PIXEL_LIMIT:
                raise FileStoreError(f"{kata.capitalize()} terlalu besar (jumlah pikselnya). "
                                     "Kecilkan ukurannya lalu coba lagi.")
            if image.format == "JPEG":  # decode at a reduced scale when the photo is far larger than we keep
                image.draft(image.mode, (widest, max(1, widest * image.height // image.width)))
            image.load()
            picture = ImageOps.exif_transpose(image)
            alpha = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
            pixels = picture.convert("RGBA" if alpha else "RGB")
            clean = Image.new(pixels.mode, pixels.size)  # a fresh image: none of the original's metadata
            clean.paste(pixels)
    except FileStoreError:
        raise
    except Exception:  # anything Pillow cannot decode (a renamed text file, a truncated photo) is no photo
        raise FileStoreError(f"Berkas ini bukan {kata} yang bisa dibaca. Unggah foto JPEG, PNG atau WebP.") from None
    if square:
        side = min(clean.size)
        clean = ImageOps.fit(clean, (side, side), centering=(0.5, 0.35))
    elif tallest and clean.height > clean.width * tallest:
        clean = ImageOps.fit(clean, (clean.width, max(1, round(clean.width * tallest))), centering=(0.5, 0.4))
    copies = [_webp(clean, width) for width in sorted(widths, reverse=True)]
    width = min(clean.width, widest)
    return copies, width, max(1, round(clean.height * width / clean.width))


def file_name(stem: str, width: int | None = None) -> str:
    return f"{stem}-{width}.webp" if width else f"{stem}.webp"


def save_photo(data_dir: Path, folder: str, content: bytes, widths: tuple[int, ...], square: bool = False,
               tallest: float | None = None) -> Foto:
    """Check and store an upload at every width in `widths`; nothing is stored when it is refused."""
    copies, width, height = normalise_photo(content, widths, square, tallest)
    stem = secrets.token_hex(16)
    ordered = sorted(widths, reverse=True)
    for i, (size, data) in enumerate(zip(ordered, copies)):
        save_generated(data_dir, folder, file_name(stem, None if i == 0 else size), data)
    return Foto(stem, width, height)


def photo_path(data_dir: Path, folder: str, stem: str, width: int | None = None) -> Path | None:
    if not STEM.match(stem or ""):
        return None
    return generated_path(data_dir, folder, file_name(stem, width))


def remove_photo(data_dir: Path, folder: str, stem: str) -> None:
    """Delete every copy of a photo (after the change that dropped it was saved); a missing file is no error."""
    if not STEM.match(stem or ""):
        return
    for path in (Path(data_dir) / STORE / folder).glob(f"{stem}*.webp"):
        path.unlink(missing_ok=True)
