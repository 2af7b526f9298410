"""Balai plugin SDK: the only Balai module a plugin imports.

Everything here is stable within an SDK major version. A name that is going away
keeps working for one release and warns (DeprecationWarning) before it is removed;
see docs/plugins/sdk-changelog.md.

    from plugin_sdk import hookimpl, PluginMeta, Permission, MenuItem, Widget, requires, page
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from litestar import Request

from core import __version__ as CORE_VERSION
from core.audit.about import about_resident as audit_about_resident
from core.audit.log import changes, log_change, log_view
from core.cadangan.buat import last_backup as _last_backup
from core.db.bulk import bulk_insert
from core.db.transaction import write_transaction
from core.files import FileStoreError, generated_path, save_generated
from core.files import save_pdf as _save_pdf, stored_pdf as _stored_pdf, PDF_LIMIT
from core.files_gambar import normalise_photo
from core.dokumen.teks import slugify
from core.profil.waktu import today as _today
from core.hookspecs import hookimpl, hookspec
from core.plugin_host.events import emit
from core.plugin_host.settings import get_setting
from core.plugin_host.types import MENU_GROUPS, MenuItem, Panel, SearchResult, Permission, SettingField, ThemeMeta, Widget
from plugin_sdk._meta import PluginMeta  # the kernel's, plus sdk_requires
from core.web.access import enabled_plugins
from core.web.auth import current_user, has_permission
from core.web.cadangan_pages import backup_status
from core.web.pages import flash, page, public_page
from core.web.publik_versi import public_changed, public_version
from core.web.cache_publik import FILES as CACHE_FILES, PageCache, cached_route
from core.web.keamanan import frameable
from core.web.params import ID_MAX, Id, Page, QueryId, parse_id

SDK_VERSION = "1.15"

#: Put this in a Piccolo ``AppConfig``'s ``migration_dependencies`` when your tables
#: point at the kernel's (users, residents): your migrations then run after the core's.
CORE_APP = "core.piccolo_app"


#: Route ``opt`` keys the office-screen browser test reads (tests/test_browser_layar.py): a GET route with path
#: parameters names a URL that opens on the demo nagari; a route that is not an HTML page says so, with why.
SAMPLE_KEY = "contoh"
NOT_A_PAGE_KEY = "bukan_halaman"


def _route_opt(base: dict[str, Any], sample: str | None, not_a_page: str | None) -> dict[str, Any]:
    if sample is not None:
        base[SAMPLE_KEY] = sample
    if not_a_page is not None:
        base[NOT_A_PAGE_KEY] = not_a_page
    return base


def page_sample(url: str) -> dict[str, Any]:
    """Route ``opt`` naming a URL of this page that opens on the demo nagari (``balai demo``)."""
    return {SAMPLE_KEY: url}


def not_a_page(why: str) -> dict[str, Any]:
    """Route ``opt`` for a GET route that answers a file, JSON or a redirect rather than a screen."""
    return {NOT_A_PAGE_KEY: why}


def requires(permission: str, *, sample: str | None = None, not_a_page: str | None = None) -> dict[str, Any]:
    """Route ``opt`` that admits only staff holding `permission`: ``@get("/x", opt=requires("adat.kelola"))``.

    ``sample`` / ``not_a_page``: see `page_sample` and `not_a_page`.
    """
    return _route_opt({"permission": permission}, sample, not_a_page)


def public(*, sample: str | None = None, not_a_page: str | None = None) -> dict[str, Any]:
    """Route ``opt`` for a page anyone may open (public website). Never use it for a person's data."""
    return _route_opt({"public": True}, sample, not_a_page)


def login_required(*, sample: str | None = None, not_a_page: str | None = None) -> dict[str, Any]:
    """Route ``opt`` for a page any logged-in staff user may open."""
    return _route_opt({"login": True}, sample, not_a_page)


def runtime_info(request: Request) -> dict[str, Any]:
    """Facts about the running installation, for status widgets."""
    balai = request.app.state.balai
    return {
        "versi_core": CORE_VERSION,
        "versi_sdk": SDK_VERSION,
        "basis_data": balai.engine.engine_type,
        "folder_data": str(balai.settings.data_dir),
        "plugin_terpasang": len(balai.host.records),
        "plugin_gagal": [r.name for r in balai.host.failed()],
    }


def role(request: Request | None = None) -> str:
    """This installation's role: "nagari" (a village's own) or "hub" (the kabupaten's, receiving every nagari's
    published data; `balai serve --role hub` or BALAI_ROLE). Without a request, read from the settings (since 1.13)."""
    if request is not None:
        return request.app.state.balai.settings.role
    from core.settings import load_settings

    return load_settings().role


def nagari_profile(request: Request) -> dict[str, Any]:
    """The nagari's name and its configurable terms (sebutan_desa, sebutan_dusun, sebutan_kepala)."""
    return dict(request.app.state.balai.profile())


def today(request: Request | dict):
    """Today's date in the nagari's time zone (WIB/WITA/WIT from the profile).

    Pass the request, or (since 1.9, where there is none: a contract, a job) the profile from
    ``await register.stored_profile()``."""
    return _today(request if isinstance(request, dict) else request.app.state.balai.profile())


def nagari_zone(request: Request | dict):
    """The nagari's time zone (a fixed offset: WIB, WITA or WIT from the profile), as a ``datetime.timezone``.

    Pass the request, or the profile from ``await register.stored_profile()`` (since 1.12)."""
    from core.profil.waktu import zone

    return zone(request if isinstance(request, dict) else request.app.state.balai.profile())[1]


def store_file(request: Request, folder: str, name: str, content: bytes):
    """Keep a generated file (e.g. ``store_file(request, "surat/2026", "abc.pdf", pdf)``) in the data folder.

    Outside the web root; never overwrites; returns its path. Serve it yourself, behind a permission.
    """
    return save_generated(request.app.state.balai.settings.data_dir, folder, name, content)


def stored_file(request: Request, folder: str, name: str):
    """The path of a file kept with `store_file`, or None."""
    return generated_path(request.app.state.balai.settings.data_dir, folder, name)


def save_pdf(request: Request | None, folder: str, content: bytes, *, limit: int = PDF_LIMIT) -> str:
    """Store an uploaded PDF (checked: a real, readable PDF, not password-locked, at most `limit` bytes).

    Returns the stored name; raises `FileStoreError` with the reason in Bahasa Indonesia. Serve it with `stored_pdf`.
    `request` None (a CLI command, demo data) uses the data folder of the settings, as `data_dir()` does.
    """
    return _save_pdf(data_dir(request), folder, content, limit)


def stored_pdf(request: Request | None, folder: str, name: str):
    """The path of a PDF kept with `save_pdf`, or None when the name is not one it made."""
    return _stored_pdf(data_dir(request), folder, name)


def data_dir(where: Any = None):
    """The installation's data folder.

    Pass the request, or the app in ``balai_startup``, when you have one; without either
    (a CLI command) it is read from the env/TOML settings.
    """
    app = getattr(where, "app", where)
    balai = getattr(getattr(app, "state", None), "balai", None) if app is not None else None
    if balai is not None:
        return balai.settings.data_dir
    from core.settings import load_settings

    return load_settings().data_dir


async def last_backup_time() -> datetime | None:
    """When this installation's last backup was made (an aware datetime), or None: without a request, for a
    background task (the sync's heartbeat). In a request, `backup_status(request)` adds the dashboard's warning."""
    last = await _last_backup()
    return datetime.fromisoformat(last["waktu"]) if last else None


def public_url(request: Request) -> str:
    """The address residents reach this installation at (BALAI_PUBLIC_URL), for QR codes and links."""
    return request.app.state.balai.settings.public_url


__all__ = [
    "CORE_APP", "CORE_VERSION", "changes", "log_change", "log_view", "SDK_VERSION", "MenuItem", "Panel", "Permission", "PluginMeta", "SettingField",
    "ThemeMeta", "Widget", "bulk_insert", "current_user", "enabled_plugins", "flash", "get_setting",
    "has_permission", "hookimpl", "login_required", "nagari_profile", "page", "public", "public_page",
    "requires", "runtime_info", "write_transaction", "FileStoreError", "store_file", "stored_file", "today",
    "public_url", "data_dir", "hookspec", "emit", "Id", "QueryId", "Page", "ID_MAX", "parse_id", "frameable",
    "page_sample", "not_a_page", "SAMPLE_KEY", "NOT_A_PAGE_KEY", "MENU_GROUPS", "SearchResult", "backup_status",
    "last_backup_time",
    "audit_about_resident", "public_changed", "public_version",
    "normalise_photo", "PageCache", "cached_route", "CACHE_FILES", "save_pdf", "stored_pdf",
    "nagari_zone", "slugify", "role",
]
