"""Residents' sessions: their own cookie and store, never mixed with a staff session.

A staff member who is also a resident can be logged in to both in one browser; neither
session grants anything in the other realm. Messages for the next page live in the
resident's session too, so resident pages never create a staff session.
"""

from __future__ import annotations

import json
import secrets

from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie

from plugin_sdk import public_url
from plugin_sdk.masuk import session_store

from plugins.akun_warga import akun

COOKIE = "balai_warga"
STORE = "sesi_warga"
LIFETIME = 2 * 3600  # seconds; a shared phone should not stay logged in all day


def _store(connection: ASGIConnection):
    return session_store(connection, STORE)


async def _data(connection: ASGIConnection) -> tuple[str | None, dict]:
    token = connection.cookies.get(COOKIE)
    if not token:
        return None, {}
    raw = await _store(connection).get(token)
    return (token, json.loads(raw)) if raw else (None, {})


async def current_resident(connection: ASGIConnection) -> dict | None:
    """The logged-in resident (loaded once per request), or None. A PIN reset ends older sessions."""
    state = connection.state
    if "warga" in state:
        return state["warga"]
    _, data = await _data(connection)
    resident = await akun.load(data["akun"]) if data.get("akun") else None
    if resident is not None and resident["sesi_versi"] != data.get("v"):
        resident = None
    state["warga"] = resident
    return resident


def _cookie(connection: ASGIConnection, value: str, max_age: int) -> Cookie:
    secure = public_url(connection).startswith("https://")
    return Cookie(key=COOKIE, value=value, max_age=max_age, httponly=True, samesite="lax", secure=secure, path="/")


async def start(connection: ASGIConnection, akun_id: int, messages: list | None = None) -> Cookie:
    """A fresh session for this account (any old id is dropped); set the returned cookie on the answer."""
    old, _ = await _data(connection)
    if old:
        await _store(connection).delete(old)
    row = await akun.load(akun_id)
    token = secrets.token_hex(32)
    payload = {"akun": akun_id, "v": row["sesi_versi"] if row else -1, "pesan": messages or []}
    await _store(connection).set(token, json.dumps(payload), expires_in=LIFETIME)
    connection.state.pop("warga", None)
    return _cookie(connection, token, LIFETIME)


async def end(connection: ASGIConnection) -> Cookie:
    token, _ = await _data(connection)
    if token:
        await _store(connection).delete(token)
    return _cookie(connection, "", 0)


async def flash(connection: ASGIConnection, text: str, kind: str = "sukses") -> None:
    """A message for the resident's next page."""
    token, data = await _data(connection)
    if token:
        data.setdefault("pesan", []).append({"teks": text, "jenis": kind})
        await _store(connection).set(token, json.dumps(data), expires_in=LIFETIME)


async def pop_messages(connection: ASGIConnection) -> list[dict]:
    token, data = await _data(connection)
    messages = data.get("pesan") or []
    if token and messages:
        data["pesan"] = []
        await _store(connection).set(token, json.dumps(data), expires_in=LIFETIME)
    return messages
