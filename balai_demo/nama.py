"""Moved to core.preset.nama (the preset engine builds every nagari's population): re-exported here."""

from core.preset.nama import BELAKANG_LAKI, BELAKANG_PEREMPUAN, JORONG, LAKI, PEREMPUAN, TEMPAT

__all__ = ["BELAKANG_LAKI", "BELAKANG_PEREMPUAN", "JORONG", "LAKI", "PEREMPUAN", "TEMPAT"]
