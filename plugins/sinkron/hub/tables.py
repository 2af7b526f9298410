"""Tables of the hub side (written by the hub-side work)."""

TABLES: list = []
