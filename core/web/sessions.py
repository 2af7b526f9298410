"""Server-side sessions, kept lean: nothing is stored for anonymous visitors, an unchanged
session is not rewritten, and the id changes at login so a planted id is worthless.

Litestar's default backend writes a session file for every request, including each
anonymous page view, and never removes them; on a public site that fills the disk.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig
from litestar.stores.base import StorageObject
from litestar.stores.file import FileStore
from litestar.types import Empty

NEW_ID = "balai_sesi_baru"
LOADED = "balai_sesi_dimuat"
STORE = "sesi"
COOKIE = "balai_sesi"


class SessionFileStore(FileStore):
    """Litestar's file store, reading on the event loop: a session file is a few hundred bytes on the local disk
    (microseconds), less than the hop to a worker thread that every request paid for it. Writes, which replace
    the file atomically, still go through the thread."""

    __slots__ = ()

    @staticmethod
    async def _load_from_path(path) -> StorageObject | None:
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            return None
        return StorageObject.from_bytes(data)


class LeanSessionBackend(ServerSideSessionBackend):
    def get_session_id(self, connection: ASGIConnection) -> str:
        return connection.scope.get(NEW_ID) or super().get_session_id(connection)

    async def load_from_connection(self, connection: ASGIConnection) -> dict[str, Any]:
        if session_id := connection.cookies.get(self.config.key):
            data = await self.get(session_id, store=self.config.get_store_from_app(connection.scope["app"]))
            if data is not None:
                connection.scope[LOADED] = data
                return self.deserialize_data(data)
        return {}

    async def store_in_message(self, scope_session, message, connection: ASGIConnection) -> None:
        cookie = connection.cookies.get(self.config.key)
        has_cookie = bool(cookie) and cookie != "null"
        if scope_session is Empty or not scope_session:
            if has_cookie:  # a session that existed and is now empty: delete it
                await super().store_in_message(Empty, message, connection)
            return
        unchanged = (has_cookie and NEW_ID not in connection.scope
                     and connection.scope.get(LOADED) == self.serialize_data(scope_session, connection.scope))
        if not unchanged:
            await super().store_in_message(scope_session, message, connection)


@dataclass
class SessionConfig(ServerSideSessionConfig):
    _backend_class = LeanSessionBackend


async def rotate_session(request: Request) -> None:
    """Give this browser a fresh session id (the old one is deleted) when it logs in."""
    if old := request.cookies.get(COOKIE):
        await request.app.stores.get(STORE).delete(old)
    request.scope[NEW_ID] = secrets.token_hex(32)
