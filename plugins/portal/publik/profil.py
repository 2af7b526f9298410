"""The government structure page and the contact page, from the nagari's profile and its officials.

Officials show with name, position, term and photo only: never a NIK, NIP or staff number (the profile keeps those for
letters, not for the public).
"""

from __future__ import annotations

from datetime import date

from litestar import Request, get
from litestar.response import Response

from plugin_sdk import nagari_profile
from plugin_sdk.dokumen import officials

from plugins.portal.publik import tampil
from plugins.portal.publik.cache import CACHE, cached_route


def _term(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{start.year}–{end.year}"
    if start:
        return f"sejak {start.year}"
    return f"sampai {end.year}" if end else ""


async def serving_officials() -> list[dict]:
    """Serving officials in display order: nama, jabatan, masa, foto_url (public fields only)."""
    return [{"nama": o["nama"], "jabatan": o["jabatan"], "masa": _term(o.get("masa_mulai"), o.get("masa_selesai")),
             "foto_url": o.get("foto_url") or ""} for o in await officials() if o.get("aktif")]


@get("/struktur", opt=cached_route(), include_in_schema=False)
async def structure(request: Request) -> Response:
    async def build():
        profile = nagari_profile(request)
        name = tampil.site_name(profile)
        return await tampil.render(request, "portal/publik/struktur.html", {
            "perangkat": await serving_officials(),
            "meta": {"title": f"Pemerintahan {name}",
                     "description": f"Susunan pemerintahan dan perangkat {name}.", "url": "/struktur"}}), 200

    return await CACHE.answer(request, ("struktur",), build)


@get("/kontak", opt=cached_route(), include_in_schema=False)
async def contact(request: Request) -> Response:
    async def build():
        profile = nagari_profile(request)
        name = tampil.site_name(profile)
        return await tampil.render(request, "portal/publik/kontak.html", {
            "meta": {"title": "Kontak dan pengaduan", "url": "/kontak",
                     "description": f"Alamat kantor, telepon dan cara menyampaikan pengaduan kepada {name}."}}), 200

    return await CACHE.answer(request, ("kontak",), build)


ROUTES = [structure, contact]
