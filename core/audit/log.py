"""What plugins and the kernel call to log: changes (synchronously) and views (batched)."""

from __future__ import annotations

from typing import Any

from litestar.connection import ASGIConnection

from core.audit.chain import append


def _who(connection: ASGIConnection | None, user: dict | None = None) -> dict:
    if user is None and connection is not None:
        user = connection.state.get("user")
    ip = ""
    if connection is not None and connection.client is not None:
        ip = connection.client.host
    return {"pengguna_id": user["id"] if user else None, "pengguna": user["username"] if user else "", "ip": ip}


def changes(old: dict, new: dict, hide: tuple[str, ...] = ("password_hash", "totp_rahasia", "kode_pemulihan")) -> dict:
    """The fields that differ, as {field: [old, new]}; secrets show only that they changed."""
    diff = {}
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            diff[key] = ["***", "***"] if key in hide else [old.get(key), new.get(key)]
    return diff


async def log_change(connection: ASGIConnection | None, aksi: str, objek_jenis: str, objek_id: Any,
                     rincian: dict | None = None, user: dict | None = None) -> None:
    """Log a write. Call it inside the same write transaction as the change: both land, or neither."""
    await append([{**_who(connection, user), "aksi": aksi, "objek_jenis": objek_jenis, "objek_id": objek_id,
                   "rincian": rincian or {}}])


def log_view(connection: ASGIConnection, objek_jenis: str, objek_id: Any, rincian: dict | None = None,
             user: dict | None = None) -> None:
    """Log that the current user (or `user`, e.g. a resident) viewed one person's record (written in the next batch)."""
    if not connection.app.state.balai.settings.audit_views:
        return
    connection.app.state.audit.enqueue({**_who(connection, user), "aksi": "lihat", "objek_jenis": objek_jenis,
                                        "objek_id": objek_id, "rincian": rincian or {}})
