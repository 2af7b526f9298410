"""The office's pages for the nagari's assets."""

ROUTES: list = []
