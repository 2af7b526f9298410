"""Who this node is to the hub: its Kemendagri code (dotted, as in every published row) and its signing key."""

from __future__ import annotations

from pathlib import Path

from plugin_sdk import data_dir, register
from plugin_sdk.dokumen import KeyRing

TUJUAN = "sinkron"  # the key ring's purpose: keys under <data>/kunci/sinkron/


def folder_data(sumber) -> Path:
    """The data folder from a Path, a scheduled task's context (``ctx.data_dir``), a request or nothing (CLI)."""
    if isinstance(sumber, Path):
        return sumber
    folder = getattr(sumber, "data_dir", None)
    return Path(folder) if folder is not None else Path(data_dir(sumber))


def cincin(sumber) -> KeyRing:
    return KeyRing(folder_data(sumber), TUJUAN)


def kunci_aktif(sumber):
    """(key id, private key) that signs new batches; the first key is made on first need."""
    return cincin(sumber).active()


async def kode_wilayah() -> str:
    """The nagari's code as the hub knows it ("13.07.05.2001"), or "" while the profile has no valid code."""
    kode = "".join(c for c in ((await register.stored_profile()).get("kode") or "") if c.isdigit())
    return f"{kode[:2]}.{kode[2:4]}.{kode[4:6]}.{kode[6:]}" if len(kode) == 10 else ""
