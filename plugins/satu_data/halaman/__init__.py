"""Pages of satu_data: the office's choices (admin.py), the public catalogue and downloads (publik.py)."""

ROUTES: list = []
