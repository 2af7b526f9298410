"""The public page "Potensi Nagari"."""

ROUTES: list = []
