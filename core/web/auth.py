"""Who is making this request, and what they may do."""

from __future__ import annotations

import json

from litestar.connection import ASGIConnection

from core.identity.passwords import verify_password_off_loop
from core.penduduk import lingkup
from core.tables import Pengguna

SESSION_USER = "uid"
SESSION_PENDING = "uid_menunggu_2fa"  # password checked, second factor not yet
SESSION_VERSION = "sv"  # the account's sesi_versi when this session logged in


async def authenticate(username: str, password: str) -> dict | None:
    """The active user with this username and password, or None (same cost either way)."""
    user = await Pengguna.select(Pengguna.id, Pengguna.username, Pengguna.password_hash, Pengguna.aktif,
                                 Pengguna.totp_aktif).where(
        Pengguna.username == username.strip().lower()).first().run()
    if user is None:
        await verify_password_off_loop(None, password)
        return None
    if not await verify_password_off_loop(user["password_hash"], password) or not user["aktif"]:
        return None
    return user


async def load_user(user_id: int) -> dict | None:
    user = await Pengguna.select(
        Pengguna.id, Pengguna.username, Pengguna.nama, Pengguna.totp_aktif, Pengguna.sesi_versi,
        Pengguna.wajib_ganti_sandi, Pengguna.wilayah_lingkup,
        Pengguna.peran.kode.as_alias("peran_kode"), Pengguna.peran.nama.as_alias("peran_nama"),
        Pengguna.peran.izin.as_alias("izin"), Pengguna.peran.semua_izin.as_alias("semua_izin"),
    ).where((Pengguna.id == user_id) & (Pengguna.aktif == True)).first().run()  # noqa: E712
    if user is not None:
        user["izin"] = frozenset(json.loads(user["izin"]))
        user["lingkup"] = await lingkup.scope_of_wilayah(user["wilayah_lingkup"])  # None: the whole nagari
    return user


async def current_user(connection: ASGIConnection) -> dict | None:
    """The logged-in staff user (loaded once per request), or None. Deactivation takes effect at once."""
    state = connection.state
    if "user" in state:
        return state["user"]
    session = connection.scope.get("session") or {}
    uid = session.get(SESSION_USER)
    user = await load_user(uid) if uid is not None else None
    if user is not None and session.get(SESSION_VERSION, 0) != user["sesi_versi"]:
        user = None  # the password changed or the account was switched off since this login
    state["user"] = user
    return user


def has_permission(user: dict | None, permission: str) -> bool:
    return bool(user) and (user["semua_izin"] or permission in user["izin"])
