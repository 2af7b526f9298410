"""Password hashing (argon2) and the rules for a new password."""

from __future__ import annotations

import secrets

import anyio

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from functools import cache

_hasher = PasswordHasher()
MIN_LENGTH = 8


@cache
def dummy_hash() -> str:
    """Verifying against this when the account does not exist keeps the time the same.

    Made on first use, not at import: every `balai` command would otherwise pay ~0.1 s.
    """
    return _hasher.hash("balai-bukan-kata-sandi")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


async def verify_password_off_loop(password_hash: str | None, password: str) -> bool:
    """`verify_password` in a worker thread: argon2 takes ~0.1 s of CPU (and releases the GIL), so a burst of
    login attempts must not stall every other page this worker serves. No hash: check against the dummy one
    (made in the thread too, the first time), so an unknown account costs the same."""
    return await anyio.to_thread.run_sync(lambda: verify_password(password_hash or dummy_hash(), password))


def password_problem(password: str, username: str = "") -> str | None:
    """Why a new password is not acceptable (in Indonesian), or None."""
    if len(password) < MIN_LENGTH:
        return f"Kata sandi minimal {MIN_LENGTH} karakter."
    if username and password.lower() == username.lower():
        return "Kata sandi tidak boleh sama dengan nama pengguna."
    return None


def temporary_password() -> str:
    """A password an administrator hands over once, readable aloud (no 0/O, 1/l)."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))
