"""The editors' admin pages under /admin/portal/: articles, pages, categories and menu, comments, home blocks."""

from plugins.portal.halaman import artikel, beranda, situs

ROUTES = [*artikel.ROUTES, *situs.ROUTES, *beranda.ROUTES]
