"""The office's pages for the nagari's potential."""

ROUTES: list = []
