"""The public open-data pages' one page cache: the SDK's `PageCache` (core/web/cache_publik.py explains when pages
rebuild). A release and a change of the office's choices call `public_changed()`, which moves the version this
cache and the in-memory catalogue (katalog.py) are both keyed on."""

from plugin_sdk import PageCache, cached_route

CACHE = PageCache()

__all__ = ["CACHE", "cached_route"]
