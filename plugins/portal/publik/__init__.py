"""The nagari's public website: home, articles, static pages, structure, contact, feed, sitemap and comments.

Pages are cached whole and sent without cookies (cache.py); only the comment form is uncached, with its own
CSRF cookie (komentar.py). `menu` is imported here so that its refresh listens to the page cache from the first
request on (the hook that reads it imports it only later).
"""

from plugins.portal.publik import artikel, beranda, komentar, menu, peta, profil, umpan  # noqa: F401

ROUTES: list = [*beranda.ROUTES, *artikel.ROUTES, *profil.ROUTES, *umpan.ROUTES, *peta.ROUTES, *komentar.ROUTES]
