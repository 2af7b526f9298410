"""The catalogue as files: tables (CSV, JSON, XLSX), the Frictionless data package and DCAT-AP JSON-LD.

Pure functions, no web framework: a published `Katalog`/`Paket` and a `Konteks` (the base URL, licence, producer)
in, bytes or dicts out. The routes that serve them are in halaman/unduhan.py.
"""

from plugins.satu_data.format.konteks import FORMAT, Konteks

__all__ = ["FORMAT", "Konteks"]
