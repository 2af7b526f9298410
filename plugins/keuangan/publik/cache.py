"""The budget pages' one page cache: the SDK's `PageCache` (core/web/cache_publik.py explains when pages rebuild).

Every write that changes a version in force or its realisation calls `public_changed()` (layanan.py), which moves
the public version this cache is keyed on: the next view is built afresh.
"""

from plugin_sdk import CACHE_FILES as FILES, PageCache, cached_route

CACHE = PageCache()

__all__ = ["CACHE", "FILES", "cached_route"]
