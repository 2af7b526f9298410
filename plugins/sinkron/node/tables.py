"""Tables of the node side (written by the node-side work)."""

TABLES: list = []
