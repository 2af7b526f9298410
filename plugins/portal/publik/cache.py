"""The website's one page cache: the SDK's `PageCache` (core/web/cache_publik.py explains when pages rebuild)."""

from plugin_sdk import CACHE_FILES as FILES, PageCache, cached_route

CACHE = PageCache()

__all__ = ["CACHE", "FILES", "PageCache", "cached_route"]
