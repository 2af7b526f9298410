"""The hooks of the tanah ulayat part, imported by balai_adat.plugin (one plugin module for pluggy)."""

from __future__ import annotations

from balai_adat.ulayat.tables import ULAYAT_TABLES  # noqa: F401 (listed in piccolo_app)
