"""Hub pages and API (being written)."""

ROUTES: list = []
