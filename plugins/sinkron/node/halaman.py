"""Node pages (being written)."""

ROUTES: list = []
