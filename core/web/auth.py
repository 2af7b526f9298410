"""Staff login: argon2 password hashes and the server-side session."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from litestar.connection import ASGIConnection

from core.tables import Pengguna

_hasher = PasswordHasher()
SESSION_USER = "uid"
# Permissions the kernel itself declares; plugins add theirs through their metadata.
CORE_PERMISSIONS = {
    "plugin.kelola": "Mengaktifkan, menonaktifkan dan mengatur plugin",
}


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    """Why a new password is not acceptable, or None."""
    if len(password) < 8:
        return "Kata sandi minimal 8 karakter."
    return None


async def authenticate(username: str, password: str) -> dict | None:
    user = await Pengguna.select().where(Pengguna.username == username.strip().lower()).first().run()
    if user is None:
        verify_password(_DUMMY_HASH, password)  # same cost whether or not the account exists
        return None
    if not user["aktif"] or not verify_password(user["password_hash"], password):
        return None
    return user


_DUMMY_HASH = _hasher.hash("balai-bukan-kata-sandi")


async def current_user(connection: ASGIConnection) -> dict | None:
    """The logged-in staff user (loaded once per request), or None."""
    state = connection.state
    if "user" in state:
        return state["user"]
    user = None
    uid = (connection.scope.get("session") or {}).get(SESSION_USER)
    if uid is not None:
        user = await Pengguna.select(
            Pengguna.id, Pengguna.username, Pengguna.nama, Pengguna.adalah_admin
        ).where((Pengguna.id == uid) & (Pengguna.aktif == True)).first().run()  # noqa: E712
    state["user"] = user
    return user


def has_permission(user: dict | None, permission: str) -> bool:
    # Roles arrive with issue 3; until then an administrator holds every permission.
    return bool(user and user["adalah_admin"])


async def create_user(username: str, nama: str, password: str, admin: bool = False) -> dict:
    username = username.strip().lower()
    if not username or not username.replace("_", "").replace(".", "").isalnum():
        raise ValueError("Nama pengguna hanya boleh huruf, angka, titik atau garis bawah.")
    if problem := password_problem(password):
        raise ValueError(problem)
    if await Pengguna.exists().where(Pengguna.username == username).run():
        raise ValueError(f"Nama pengguna {username!r} sudah dipakai.")
    rows = await Pengguna.insert(
        Pengguna(username=username, nama=nama.strip() or username, password_hash=hash_password(password),
                 adalah_admin=admin)
    ).returning(Pengguna.id).run()
    return {"id": rows[0]["id"], "username": username}


async def has_any_user() -> bool:
    return await Pengguna.exists().run()
