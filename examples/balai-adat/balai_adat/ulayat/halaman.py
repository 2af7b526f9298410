"""Every route of the tanah ulayat part: `ROUTES`, returned by the plugin's `balai_route_handlers`."""

from __future__ import annotations

from balai_adat.ulayat import halaman_sengketa, halaman_surat, halaman_tanah, publik

ROUTES = [*halaman_tanah.ROUTES, *halaman_sengketa.ROUTES, *halaman_surat.ROUTES, *publik.ROUTES]
