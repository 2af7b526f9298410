"""Security headers on every answer: pages, errors, files, static assets, the API and its docs.

The Content-Security-Policy admits scripts, styles, fonts and frames from this site only, and no
inline script or style at all: templates use classes and load their JavaScript from /static. A
route that shows its answer inside one of our own pages (the letter preview frame) says so with
``opt=frameable()``; nothing may frame any other page (clickjacking). HSTS is sent only over TLS:
when the request came in as https (directly, or from a proxy that said X-Forwarded-Proto: https;
`balai serve` trusts proxy headers) or the public address is https.
"""

from __future__ import annotations

from typing import Any

from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

FRAME_OPT = "bingkai_sendiri"


def policy(frame_ancestors: str = "'none'") -> str:
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",  # data: for the icons inside the API docs' stylesheet
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        f"frame-ancestors {frame_ancestors}",
    ])


POLICY = policy()
FRAMEABLE_POLICY = policy("'self'")
HSTS = "max-age=31536000"
ALWAYS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
          "Cross-Origin-Opener-Policy": "same-origin"}


def frameable() -> dict[str, Any]:
    """Route ``opt`` for an answer our own pages show in a frame (e.g. a preview); other sites still may not."""
    return {FRAME_OPT: True}


def _https(scope: Scope, public_url: str) -> bool:
    return scope.get("scheme") == "https" or public_url.startswith("https://")


def security_headers(public_url: str):
    """A ``before_send`` hook adding the headers to every answer's start (a header a route set itself is kept)."""

    async def before_send(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        handler = scope.get("route_handler")
        framed = bool(handler is not None and getattr(handler, "opt", {}).get(FRAME_OPT))
        wanted = {**ALWAYS, "Content-Security-Policy": FRAMEABLE_POLICY if framed else POLICY,
                  "X-Frame-Options": "SAMEORIGIN" if framed else "DENY"}
        if _https(scope, public_url):
            wanted["Strict-Transport-Security"] = HSTS
        for name, value in wanted.items():
            if name not in headers:
                headers[name] = value

    return before_send
