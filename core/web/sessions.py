"""Server-side sessions whose id changes at login, so a planted session id is worthless."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig

NEW_ID = "balai_sesi_baru"
STORE = "sesi"


class RotatingSessionBackend(ServerSideSessionBackend):
    def get_session_id(self, connection: ASGIConnection) -> str:
        return connection.scope.get(NEW_ID) or super().get_session_id(connection)


@dataclass
class SessionConfig(ServerSideSessionConfig):
    _backend_class = RotatingSessionBackend


async def rotate_session(request: Request, config_key: str = "balai_sesi") -> None:
    """Give this browser a fresh session id (the old one is deleted) when it logs in."""
    old = request.cookies.get(config_key)
    if old:
        await request.app.stores.get(STORE).delete(old)
    request.scope[NEW_ID] = secrets.token_hex(32)
