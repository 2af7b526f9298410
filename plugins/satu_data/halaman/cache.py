"""The one page cache of satu_data's public answers: the catalogue pages (publik.py) and every download
(unduhan.py), kept whole with ETag/Last-Modified by the SDK's `PageCache` (core/web/cache_publik.py explains when it
drops them). A release and a change of the office's choices call `public_changed()`, which moves the version this
cache and the in-memory catalogue (katalog.py) are both keyed on.

The two look at that version at most once a second, each on its own clock, so an answer is built from
`katalog_segar`: the catalogue no older than the cache's key, never the snapshot before a release the cache
already saw."""

from __future__ import annotations

from litestar import Request

from plugin_sdk import PageCache, cached_route

from plugins.satu_data.katalog import Katalog, katalog

CACHE = PageCache()


async def katalog_segar(request: Request) -> Katalog:
    """The published catalogue, at least as new as the page cache's key."""
    kunci = await CACHE.current_key(request)
    return await katalog(request, versi=kunci[0])


__all__ = ["CACHE", "cached_route", "katalog_segar"]
