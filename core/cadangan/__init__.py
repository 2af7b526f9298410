"""Backup and restore of a whole installation (tables, files, keys), engine-neutral."""
