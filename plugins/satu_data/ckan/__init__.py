"""The CKAN-compatible read API under /api/3/action/ (docs/satu-data-api.md)."""

ROUTES: list = []
