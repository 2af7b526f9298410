"""The plugin's one page cache for its public pages (regulations and public information): the SDK's `PageCache`.

Every write that changes what these pages show calls `public_changed()` in its transaction, which moves the public
version this cache is keyed on: the next view is built afresh.
"""

from plugin_sdk import CACHE_FILES as FILES, PageCache, cached_route

CACHE = PageCache()

__all__ = ["CACHE", "FILES", "cached_route"]
