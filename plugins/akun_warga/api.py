"""The contract of `akun_warga`: what other plugins may use of the residents' realm (nothing else of it).

Declare ``depends=("akun_warga",)`` in your ``PluginMeta`` and import only this module::

    from plugins.akun_warga import api as warga

    @hookimpl
    def warga_menu(request):                      # the event in plugins/akun_warga/events.py
        return [MenuItem("Pengaduan", "/warga/pengaduan")]

    @get("/warga/pengaduan", opt=warga.resident_only())
    async def complaints(request: Request) -> Template:
        resident = await warga.current_resident(request)     # plain data: id, penduduk_id, nama, nik, ...
        return await warga.resident_page(request, "pengaduan/daftar.html", {...})

A resident page extends ``akun_warga/dasar.html`` (light, phone-sized, no JavaScript; blocks ``title`` and
``content``). A staff session never opens a resident page, and a resident session never opens a staff one.
Uploads are the kernel's file store (``plugin_sdk.warga``), re-exported here so a plugin finds the realm's tools
in one place. Versioned: a change that breaks a caller bumps ``API_VERSION``'s major number.
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.response import Template

from plugin_sdk.warga import UPLOAD_LIMIT, UPLOAD_TYPES, FileStoreError, save_upload, upload_path

from plugins.akun_warga import akun as _akun
from plugins.akun_warga import sesi as _sesi
from plugins.akun_warga.halaman import masuk as _masuk
from plugins.akun_warga import realm as _realm

API_VERSION = "1.0"

__all__ = ["API_VERSION", "resident_only", "current_resident", "resident_page", "flash", "actor", "in_use",
           "account", "save_upload", "upload_path", "UPLOAD_LIMIT", "UPLOAD_TYPES", "FileStoreError"]


def resident_only() -> dict[str, Any]:
    """Route ``opt`` for a page only a logged-in resident may open (sent to change a counter PIN first)."""
    return dict(_realm.RESIDENT)


async def current_resident(request: Request) -> dict | None:
    """The logged-in resident, or None: ``id`` (the account), ``penduduk_id``, ``nama``, ``nik``,
    ``tanggal_lahir`` (a date), ``wajib_ganti_pin``."""
    return await _sesi.current_resident(request)


async def resident_page(request: Request, template: str, context: dict | None = None, status_code: int = 200,
                        headers: dict | None = None) -> Template:
    """Render a resident page (never cached by the browser). The template extends ``akun_warga/dasar.html`` and
    gets ``nagari``, ``warga`` (the resident), ``menu_warga``, ``pesan``, ``path`` and ``csrf_input``."""
    return await _masuk.resident_page(request, template, context, status_code, headers)


async def flash(request: Request, text: str, kind: str = "sukses") -> None:
    """A message on the resident's next page (kind: sukses, galat, info)."""
    await _sesi.flash(request, text, kind)


def actor(resident: dict) -> dict:
    """How a resident appears in the audit log (``user=`` of ``log_change``/``log_view``): ``warga#<id>``."""
    return _akun.actor(resident)


async def in_use(request: Request) -> bool:
    """Whether residents are offered anything (some enabled plugin answers ``warga_menu``)."""
    return bool(await _realm.resident_menu(request))


async def account(penduduk_id: int) -> dict | None:
    """A resident's account as plain data (``aktif``, ``wajib_ganti_pin``, ``pin_dari``, ``pin_diatur``, ``dibuat``,
    ``terakhir_masuk``), or None when the office never gave them a PIN."""
    return await _akun.account_of(penduduk_id)
