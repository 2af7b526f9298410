"""The CKAN-compatible read API under /api/3/action/ (docs/satu-data-api.md)."""

from plugins.satu_data.ckan.aksi import ROUTES

__all__ = ["ROUTES"]
