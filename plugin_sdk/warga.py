"""The residents' realm for plugins: pages residents open with their NIK and PIN.

    from plugin_sdk import warga

    @hookimpl
    def balai_warga_menu(request):
        return [MenuItem("Pengaduan", "/warga/pengaduan")]

    @get("/warga/pengaduan", opt=warga.resident_only())
    async def complaints(request: Request) -> Template:
        resident = await warga.current_resident(request)   # id, penduduk_id, nama, ...
        return await warga.resident_page(request, "pengaduan/daftar.html", {...})

A resident page extends ``core/warga_base.html`` (light, phone-sized, no JavaScript).
A staff session never opens a resident page, and a resident session never opens a staff one.
"""

from __future__ import annotations

from typing import Any

from litestar import Request

from core.files import DOCUMENT_LIMIT, DOCUMENT_TYPES, FileStoreError, save_document, stored_path
from core.warga.akun import actor
from core.warga.sesi import current_resident, flash as _flash
from core.web.warga_pages import resident_page

__all__ = ["resident_only", "current_resident", "resident_page", "flash", "actor", "save_upload", "upload_path",
           "UPLOAD_LIMIT", "UPLOAD_TYPES", "FileStoreError"]

UPLOAD_LIMIT = DOCUMENT_LIMIT
UPLOAD_TYPES = DOCUMENT_TYPES  # extension -> media type


def resident_only() -> dict[str, Any]:
    """Route ``opt`` for a page only a logged-in resident may open (they are sent to change a counter PIN first)."""
    return {"warga": True}


async def flash(request: Request, text: str, kind: str = "sukses") -> None:
    """A message on the resident's next page (kind: sukses, galat, info)."""
    await _flash(request, text, kind)


def save_upload(request: Request, folder: str, content: bytes, limit: int = UPLOAD_LIMIT) -> str:
    """Keep an uploaded supporting document (PDF, JPEG or PNG, checked by content, size-limited) outside the
    web root; return its stored name. Raises ``FileStoreError`` with a message for the person uploading."""
    return save_document(request.app.state.balai.settings.data_dir, folder, content, limit)


def upload_path(request: Request, folder: str, name: str):
    """The path of a file kept with `save_upload`, or None. Serve it yourself, behind a permission."""
    return stored_path(request.app.state.balai.settings.data_dir, folder, name)
