"""The small code lists of the tanah ulayat register: its status (whose land it is), its use, a dispute's state.

Codes are stored, labels shown; a code no longer listed still shows (as itself) on old records.
"""

from __future__ import annotations

#: Whose customary land it is: the holder follows from it (the nagari itself, one suku, or one kaum of a suku).
STATUS = {"nagari": "Ulayat nagari", "suku": "Ulayat suku", "kaum": "Ulayat kaum"}

PENGGUNAAN = {
    "pertanian": "Pertanian (sawah, ladang)",
    "perkebunan": "Perkebunan (gambir, karet, kopi)",
    "hutan": "Hutan (rimbo)",
    "padang": "Padang penggembalaan",
    "perairan": "Perairan (tabek, sungai, danau)",
    "permukiman": "Permukiman dan rumah gadang",
    "lainnya": "Lainnya",
}

#: A dispute is open, in mediation by the Kerapatan Adat Nagari, or settled (then it has an outcome).
SENGKETA = {"terbuka": "Terbuka", "mediasi": "Dalam mediasi KAN", "selesai": "Selesai"}


def label(codes: dict[str, str], code: str) -> str:
    return codes.get(code, code)
