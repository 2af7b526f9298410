"""Forms are read within limits before anything else looks at them.

A form is read once, here, before the CSRF check and the handler (both reuse what is read):

* a url-encoded form may be at most FORM_BODY_LIMIT bytes and FIELD_LIMIT fields; the fields are
  counted on the raw bytes before anything is decoded, and a large form is decoded in a thread,
  so a flood of fields never holds the event loop (other visitors, /health, keep being answered);
* a multipart form (uploads) stops at FIELD_LIMIT parts (``multipart_form_part_limit``) and at the
  route's ``request_max_body_size`` (the site's BODY_LIMIT unless a route allows more, e.g. the import).

Too large or too many is a 413 with a page in Bahasa Indonesia (JSON under /api), never a 500.
"""

from __future__ import annotations

import math

import anyio
from litestar import Request
from litestar._parsers import parse_url_encoded_form_data
from litestar.enums import RequestEncodingType, ScopeType
from litestar.exceptions.http_exceptions import RequestEntityTooLarge
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Empty, Receive, Scope, Send
from litestar.utils.scope.state import ScopeState

BODY_LIMIT = 10 * 1024 * 1024  # any request, unless its route declares request_max_body_size
FORM_BODY_LIMIT = 1024 * 1024  # a url-encoded form: typed text, never files
FIELD_LIMIT = 1000  # fields of a url-encoded form, parts of a multipart form
PARSE_INLINE = 64 * 1024  # smaller forms are decoded on the loop (faster than a thread hop)

_decode = parse_url_encoded_form_data.__wrapped__  # the uncached parser: no copies of big bodies kept around


class TooManyFields(RequestEntityTooLarge):
    detail = "Too many form fields"


async def _read(request: Request, limit: float) -> bytes:
    if request.content_length is not None and request.content_length > limit:
        raise RequestEntityTooLarge()
    chunks, size = [], 0
    async for chunk in request.stream():  # also enforces the route's own limit
        size += len(chunk)
        if size > limit:
            raise RequestEntityTooLarge()
        chunks.append(chunk)
    return b"".join(chunks)


async def read_form(request: Request) -> None:
    """Read and decode a url-encoded body within the limits; keep it where Litestar looks for it."""
    state = ScopeState.from_scope(request.scope)
    if state.form is not Empty:  # already read
        return
    route_limit = request.route_handler.resolve_request_max_body_size() or math.inf
    body = await _read(request, min(route_limit, FORM_BODY_LIMIT))
    if body.count(b"&") >= FIELD_LIMIT:
        raise TooManyFields()
    state.body = body
    state.form = _decode(body) if len(body) <= PARSE_INLINE else await anyio.to_thread.run_sync(_decode, body)


class FormLimitMiddleware(ASGIMiddleware):
    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            request: Request = Request(scope, receive, send)
            if request.content_type[0] == RequestEncodingType.URL_ENCODED:
                await read_form(request)
        await next_app(scope, receive, send)
