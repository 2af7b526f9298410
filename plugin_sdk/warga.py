"""Supporting documents that residents upload (PDF, JPEG, PNG), kept in the kernel's file store.

    from plugin_sdk import warga

    name = warga.save_upload(request, "pengaduan", content)      # checked by content, size-limited
    path = warga.upload_path(request, "pengaduan", name)         # serve it yourself, behind a permission

The residents' login realm itself (``resident_only``, ``current_resident``, ``resident_page``, ``flash``,
``actor``) moved to the built-in plugin ``akun_warga`` in SDK 1.7: depend on it and use its contract,
``plugins.akun_warga.api``. Those names still work here until SDK 2.0 and warn (DeprecationWarning);
they need ``akun_warga`` installed.
"""

from __future__ import annotations

import warnings
from types import ModuleType
from typing import Any

from litestar import Request

from core.files import DOCUMENT_LIMIT, DOCUMENT_TYPES, FileStoreError, save_document, stored_path

__all__ = ["save_upload", "upload_path", "UPLOAD_LIMIT", "UPLOAD_TYPES", "FileStoreError"]

UPLOAD_LIMIT = DOCUMENT_LIMIT
UPLOAD_TYPES = DOCUMENT_TYPES  # extension -> media type
MOVED = ("resident_only", "current_resident", "resident_page", "flash", "actor")
_realm: ModuleType | None = None  # akun_warga's contract, handed over when that plugin loads (the SDK imports no plugin)


def save_upload(request: Request, folder: str, content: bytes, limit: int = UPLOAD_LIMIT) -> str:
    """Keep an uploaded supporting document (PDF, JPEG or PNG, checked by content, size-limited) outside the
    web root; return its stored name. Raises ``FileStoreError`` with a message for the person uploading."""
    return save_document(request.app.state.balai.settings.data_dir, folder, content, limit)


def upload_path(request: Request, folder: str, name: str):
    """The path of a file kept with `save_upload`, or None. Serve it yourself, behind a permission."""
    return stored_path(request.app.state.balai.settings.data_dir, folder, name)


def provided_by(contract: ModuleType) -> None:
    """Called by the ``akun_warga`` plugin when it loads: where the deprecated realm names now live."""
    global _realm
    _realm = contract


def __getattr__(name: str) -> Any:
    if name in MOVED:
        warnings.warn(f"plugin_sdk.warga.{name} is deprecated (SDK 1.7) and goes in 2.0: declare "
                      f"depends=('akun_warga',) and use plugins.akun_warga.api.{name}", DeprecationWarning,
                      stacklevel=2)
        if _realm is None:
            raise AttributeError(f"plugin_sdk.warga.{name} needs the akun_warga plugin, which is not installed")
        return getattr(_realm, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
