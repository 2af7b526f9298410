"""Tables of the tanah ulayat register."""

from __future__ import annotations

ULAYAT_TABLES: list = []
