"""Requests to the API that carry ``Authorization: Bearer <token>``: who they are, and why CSRF does not apply.

Only paths under /api/ read the header; everywhere else it is ignored and the staff session decides. A bearer
request is the token and nothing else: a session cookie sent along is not consulted, so a forged request can
never borrow a logged-in browser's rights by adding a header. An unknown, revoked or expired token is a 401 with
a JSON message; failed attempts are throttled per source address like logins (core.identity.throttle).
"""

from __future__ import annotations

from litestar.config.csrf import CSRFConfig
from litestar.connection import ASGIConnection
from litestar.datastructures import Headers
from litestar.exceptions import NotAuthorizedException, TooManyRequestsException
from litestar.middleware import DefineMiddleware
from litestar.middleware.csrf import CSRFMiddleware
from litestar.types import Receive, Scope, Send

from core.identity import throttle
from core.identity import token as tokens
from core.penduduk import lingkup

API_PREFIX = "/api/"


def _bearer(path: str, authorization: str | None) -> str | None:
    if not path.startswith(API_PREFIX) or not authorization:
        return None
    scheme, _, value = authorization.partition(" ")
    return value.strip() if scheme.lower() == "bearer" else None


def bearer_token(connection: ASGIConnection) -> str | None:
    """The token of an API request authenticated by one (possibly empty or malformed), else None."""
    return _bearer(connection.scope["path"], connection.headers.get("authorization"))


def _ip(connection: ASGIConnection) -> str:
    return connection.client.host if connection.client else ""


def _audit(connection: ASGIConnection, entry: dict) -> None:
    """Queue an entry with the views (batched: a token's every use is logged without a write per request)."""
    audit = getattr(connection.app.state, "audit", None)
    if audit is not None:
        audit.enqueue({"ip": _ip(connection), "objek_jenis": "token_api", **entry})


async def token_user(connection: ASGIConnection, token: str) -> dict:
    """The principal of a bearer request (shaped like a staff user), or 401/429. Logs the use."""
    # Throttled per source only: a per-token count would let anyone who saw a token's public part lock it out,
    # and its 256-bit secret cannot be guessed anyway; the count stops a source probing many tokens.
    keys = [f"token-ip:{_ip(connection)}"]
    if wait := await throttle.seconds_to_wait(keys):
        raise TooManyRequestsException(throttle.wait_message(wait))
    try:
        principal = await tokens.authenticate(token)
    except tokens.TokenRefused as refused:
        _audit(connection, {"pengguna_id": None, "pengguna": tokens.username(refused.kode) if refused.kode else "",
                            "aksi": "token_ditolak", "objek_id": refused.kode,
                            "rincian": {"alasan": refused.reason, "alamat": connection.scope["path"][:200]}})
        if wait := await throttle.reserve(keys):
            raise TooManyRequestsException(throttle.wait_message(wait)) from None
        raise NotAuthorizedException(str(refused)) from None
    principal["lingkup"] = await lingkup.scope_of_wilayah(principal["wilayah_lingkup"])  # None: whole nagari
    await tokens.touch(principal, _ip(connection))
    _audit(connection, {"pengguna_id": None, "pengguna": principal["username"], "aksi": "pakai_token",
                        "objek_id": principal["token_id"],
                        "rincian": {"metode": connection.scope.get("method", ""),
                                    "alamat": connection.scope["path"][:200]}})
    return principal


class CsrfExceptBearer(CSRFMiddleware):
    """Litestar's CSRF check for every request except API requests authenticated by a bearer token.

    CSRF defends the cookies a browser attaches by itself to a request another site makes it send. A bearer
    token is never attached by the browser, and another site cannot add an Authorization header without a CORS
    preflight, which Balai never grants; and a bearer request is judged by its token alone (see above).
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        authorization = Headers.from_scope(scope).get("authorization") if scope["type"] == "http" else None
        if _bearer(scope.get("path", ""), authorization) is not None:
            await self.app(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


def csrf_middleware(config: CSRFConfig) -> DefineMiddleware:
    """The app's CSRF middleware (``middleware=[..., csrf_middleware(config)]``, innermost, as ``csrf_config`` was)."""
    return DefineMiddleware(CsrfExceptBearer, config=config)
