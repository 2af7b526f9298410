"""What was installed from a signed index, and who signed it; and each plugin's signature status.

Kept in the database (a setting), so a backup carries it; the install is in the audit log too. A record counts
only while the installed distribution still has the recorded version and the same RECORD (pip's list of its files
with their hashes, digested at install time): a package replaced by hand, even at the same version, is not shown
as signed. The record's ``roda`` (file name -> sha256 of the wheels kept in DATA_DIR/paket/roda) and ``core``
(the signed core range) let a Balai upgrade install the module again in its new venv.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from importlib import metadata

from core.audit.log import log_change
from core.db.transaction import write_transaction
from core.paket.pasang import Rencana
from core.paket.roda import penulis_dari
from core.plugin_host.host import PluginRecord
from core.plugin_host.settings import get_value, set_values

KEY = "_paket.modul"


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


async def semua() -> dict[str, dict]:
    """Distribution name -> what was recorded when it was installed."""
    return await get_value(KEY) or {}


async def simpan(plan: Rencana) -> None:
    records = await semua()
    signer = plan.indeks.penandatangan
    records[plan.info.nama] = {
        "plugin": plan.plugin, "versi": plan.info.versi, "berkas": plan.roda.name, "sha256": plan.entri.sha256,
        "penulis": plan.entri.penulis or plan.info.penulis, "kunci": signer.nama, "kunci_id": signer.id,
        "penerbit": plan.indeks.penerbit, "dipasang": _now(), "core": plan.entri.core,
        "roda": plan.disimpan,  # kept in DATA_DIR/paket/roda: a Balai upgrade installs them in its new venv
        "record": sidik_record(plan.info.nama),
    }
    async with write_transaction():
        await set_values({KEY: records})
        await log_change(None, "pasang", "plugin", plan.plugin,
                         {k: records[plan.info.nama][k] for k in ("versi", "berkas", "sha256", "kunci", "kunci_id")})


def sidik_record(name: str | None) -> str:
    """sha256 of the installed distribution's RECORD (every file and its hash), "" when there is none."""
    try:
        text = metadata.distribution(name or "").read_text("RECORD") if name else None
    except metadata.PackageNotFoundError:
        text = None
    return hashlib.sha256(text.encode()).hexdigest() if text else ""


def _dist_meta(name: str | None):
    if not name:
        return None
    try:
        return metadata.metadata(name)
    except metadata.PackageNotFoundError:
        return None


def penulis(record: PluginRecord, records: dict[str, dict]) -> str:
    if record.builtin:
        return "Balai"
    if (found := records.get(record.distribution or "")) and found.get("penulis"):
        return found["penulis"]
    meta = _dist_meta(record.distribution)
    if meta is None:
        return "?"
    return penulis_dari(meta) or "?"


def status(record: PluginRecord, records: dict[str, dict]) -> str:
    """bawaan / ditandatangani <key name> / diubah setelah dipasang / tidak ditandatangani (dipasang manual)."""
    if record.builtin:
        return "bawaan"
    found = records.get(record.distribution or "")
    meta = _dist_meta(record.distribution)
    if not found or meta is None:
        return "tidak ditandatangani (dipasang manual)"
    if str(meta.get("Version")) != found.get("versi") or (
            found.get("record") and sidik_record(record.distribution) != found["record"]):
        return f"diubah setelah dipasang (bukan lagi yang ditandatangani {found['kunci']})"
    return f"ditandatangani {found['kunci']} ({found['kunci_id']})"
