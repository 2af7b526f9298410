"""Who is making this request, and what they may do."""

from __future__ import annotations

import json

from litestar.connection import ASGIConnection

from core.identity.passwords import verify_password_off_loop
from core.penduduk import lingkup
from core.tables import Pengguna
from core.web.token_auth import bearer_token, token_user

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


# Every staff request loads its user: written out, since Piccolo builds this join in about 0.4 ms of CPU each
# time, more than the query itself takes (the same columns and types as Pengguna.select(...) gave).
_LOAD_USER = (
    "SELECT u.id, u.username, u.nama, u.totp_aktif, u.sesi_versi, u.wajib_ganti_sandi, u.wilayah_lingkup,"
    " p.kode AS peran_kode, p.nama AS peran_nama, p.izin AS izin, p.semua_izin AS semua_izin"
    " FROM balai_pengguna u LEFT JOIN balai_peran p ON u.peran = p.id WHERE u.id = {} AND u.aktif = {} LIMIT 1")
_BOOLEANS = ("totp_aktif", "wajib_ganti_sandi", "semua_izin")


async def load_user(user_id: int) -> dict | None:
    rows = await Pengguna.raw(_LOAD_USER, user_id, True).run()
    user = rows[0] if rows else None
    if user is not None:
        for key in _BOOLEANS:  # SQLite gives 0/1 for a raw column
            user[key] = bool(user[key])
        user["izin"] = frozenset(json.loads(user["izin"]))
        user["lingkup"] = await lingkup.scope_of_wilayah(user["wilayah_lingkup"])  # None: the whole nagari
    return user


async def current_user(connection: ASGIConnection) -> dict | None:
    """The logged-in staff user (loaded once per request), or None. Deactivation takes effect at once."""
    state = connection.state
    if "user" in state:
        return state["user"]
    if (token := bearer_token(connection)) is not None:  # an API token: the session is not consulted
        state["user"] = await token_user(connection, token)  # or 401
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
