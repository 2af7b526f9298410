"""Pictures for the website: checked by decoding, upright, stripped of metadata, resized, kept as WebP.

The kernel's photo check (plugin_sdk.normalise_photo) decodes the upload, refuses SVG and non-pictures, applies
the EXIF orientation and keeps only the pixels (no GPS position, camera or owner). Each picture is
kept twice in the kernel's file store: at most 1600 px wide for the article page and 480 px for lists and phones,
WebP at quality 80, which keeps a home page with several pictures within its weight budget.
"""

from __future__ import annotations

import asyncio
import secrets

from litestar import Request, get
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File

from plugin_sdk import (FileStoreError, normalise_photo, public, public_changed, store_file, stored_file,
                        write_transaction)

from plugins.portal.api import IMAGE_NAME, SMALL_WIDTH, image_url
from plugins.portal.tables import Gambar

FOLDER = "portal"
WIDTH = 1600
CACHE = "public, max-age=31536000, immutable"  # a stored name is never reused for other pixels


class GambarDitolak(FileStoreError):
    """An upload that is not a picture we keep; the message is for the editor."""


def prepare(content: bytes) -> tuple[bytes, bytes, int, int]:
    """The large and small WebP of an upload and the large one's size; raises GambarDitolak with the reason.
    The kernel's photo check does the work (plugin_sdk.normalise_photo). CPU-heavy: call it off the event loop."""
    try:
        (large, small), width, height = normalise_photo(content, (WIDTH, SMALL_WIDTH), kata="gambar")
    except FileStoreError as exc:
        raise GambarDitolak(str(exc)) from None
    return large, small, width, height


async def store(request: Request, content: bytes) -> dict:
    """Check, resize and write an upload's files (no row yet: `record` writes it in the caller's transaction, so a
    form refused after this leaves nothing an editor could see). Raises GambarDitolak, with nothing stored."""
    large, small, width, height = await asyncio.to_thread(prepare, content)
    name = secrets.token_hex(16)
    berkas = f"{name}.webp"
    store_file(request, FOLDER, f"{name}-{SMALL_WIDTH}.webp", small)
    store_file(request, FOLDER, berkas, large)
    return {"berkas": berkas, "url": image_url(berkas), "url_kecil": image_url(berkas, SMALL_WIDTH),
            "lebar": width, "tinggi": height}


async def record(picture: dict, pengunggah: str, keterangan: str = "") -> None:
    """The stored picture's row; call inside a write_transaction."""
    await Gambar.insert(Gambar(berkas=picture["berkas"], lebar=picture["lebar"], tinggi=picture["tinggi"],
                               keterangan=keterangan[:200], pengunggah=pengunggah)).run()
    await public_changed()


async def save(request: Request, content: bytes, pengunggah: str, keterangan: str = "") -> dict:
    """`store` and `record` at once (the editor's picture button). Returns the picture's dict (berkas, url,
    url_kecil, lebar, tinggi). Raises GambarDitolak, with nothing stored."""
    picture = await store(request, content)
    async with write_transaction():
        await record(picture, pengunggah, keterangan)
    return picture


# A GET that changes nothing: no CSRF cookie and no session, so the picture is the same for every visitor and cacheable.
NO_COOKIE = {"exclude_from_csrf": True, "skip_session": True}


@get("/portal/gambar/{berkas:str}", opt={**public(not_a_page="gambar WebP untuk situs web"), **NO_COOKIE},
     include_in_schema=False)
async def serve(request: Request, berkas: FromPath[str]) -> File:
    """A stored picture, to anyone: no session, cached for a year (names are never reused)."""
    path = stored_file(request, FOLDER, berkas) if IMAGE_NAME.match(berkas) else None
    if path is None:
        raise NotFoundException("Gambar tidak ditemukan.")
    return File(path=path, media_type="image/webp", content_disposition_type="inline", filename=berkas,
                headers={"Cache-Control": CACHE, "X-Content-Type-Options": "nosniff"})


ROUTES = [serve]
