"""Moved to core.preset.nama (the preset engine builds every nagari's population): re-exported here."""

from core.preset.nama import *  # noqa: F401,F403
