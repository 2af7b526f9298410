"""Moved to core.preset.penduduk (the preset engine builds every nagari's population): re-exported here."""

from core.preset.penduduk import REGION, START, Generator, build, person

__all__ = ["REGION", "START", "Generator", "build", "person"]
