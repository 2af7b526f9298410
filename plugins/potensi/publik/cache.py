"""The public potensi page's one page cache: the SDK's `PageCache` (core/web/cache_publik.py explains when pages
rebuild). Every write that changes what is public (a published figure, the published list, a photo published or
withdrawn) calls `public_changed()`, which moves the version this cache is keyed on."""

from plugin_sdk import PageCache, cached_route

CACHE = PageCache()

__all__ = ["CACHE", "cached_route"]
