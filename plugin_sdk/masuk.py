"""A login realm of a plugin's own, beside the staff login (the residents' NIK and PIN is one).

    from plugin_sdk import masuk

    async def check(connection, opt):                 # the realm's own guard
        if await who_is_logged_in(connection) is None:
            raise masuk.RealmLoginRequired("Silakan masuk.", "/mitra/masuk")

    @get("/mitra", opt=masuk.realm(check))
    async def home(request: Request) -> Template: ...

A route opened with `realm` is not checked against the staff login at all: the kernel's guard still answers
404 while the plugin is disabled, then calls `check(connection, route_opt)`, which raises to refuse. Secrets are
hashed with argon2 like staff passwords, attempts are slowed by the staff login's throttle (give your realm its
own keys), and sessions are kept in a store in the data folder that every worker shares.
"""

from __future__ import annotations

from typing import Any, Awaitable, Callable

from litestar.connection import ASGIConnection
from litestar.stores.base import Store

from core.identity import throttle as _throttle
from core.identity.passwords import hash_password, verify_password, verify_password_off_loop
from core.web.access import REALM_OPT, AccountActionRequired, RealmLoginRequired

__all__ = ["realm", "RealmLoginRequired", "AccountActionRequired", "hash_secret", "verify_secret",
           "verify_secret_off_loop", "throttle_reserve", "throttle_clear", "wait_message", "session_store"]

Check = Callable[[ASGIConnection, dict], Awaitable[None]]


def realm(check: Check, **flags: Any) -> dict[str, Any]:
    """Route ``opt`` for a page of your own realm: `check(connection, opt)` decides; extra flags go into opt."""
    return {REALM_OPT: check, **flags}


def hash_secret(secret: str) -> str:
    """An argon2 hash of a PIN or password, to store instead of it."""
    return hash_password(secret)


def verify_secret(stored_hash: str, secret: str) -> bool:
    """Whether `secret` matches `stored_hash` (False for a malformed hash)."""
    return verify_password(stored_hash, secret)


async def verify_secret_off_loop(stored_hash: str | None, secret: str) -> bool:
    """`verify_secret` in a worker thread (argon2 takes ~0.1 s); None checks a dummy hash, so an unknown
    account costs the same time as a known one."""
    return await verify_password_off_loop(stored_hash, secret)


async def throttle_reserve(keys: list[str]) -> int:
    """Count an attempt against `keys` (e.g. ``["mitra-ip:1.2.3.4", "mitra:budi"]``) before checking it;
    returns the seconds still to wait (0: go ahead). Clear the keys when the attempt succeeds."""
    return await _throttle.reserve(keys)


async def throttle_clear(key: str) -> None:
    """Forget the failures counted against `key` (after a successful login)."""
    await _throttle.clear(key)


def wait_message(seconds: int) -> str:
    """The throttle's message for someone who must wait `seconds` (in Bahasa Indonesia)."""
    return _throttle.wait_message(seconds)


def session_store(connection: ASGIConnection, name: str) -> Store:
    """A key-value store named `name` in the data folder (``<data>/<name>/``), shared by every worker process.

    Use your plugin's name in it (``"sesi_mitra"``); a restart keeps what is in it."""
    return connection.app.stores.get(name)
