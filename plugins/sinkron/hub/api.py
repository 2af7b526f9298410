"""The hub's API for the nagari nodes (role hub; 404 on a nagari): enrol, send batches, rotate a key.

Anonymous JSON routes without session or CSRF token: a node is no browser, and every write is authenticated by
what it carries (a one-time code, or signatures by the node's enrolled key). Every answer is JSON with a message in
Indonesian under "galat" when refused; never a 500 for bad input.
"""

from __future__ import annotations

import json

from litestar import Request, post
from litestar.exceptions import NotFoundException
from litestar.response import Response

from plugin_sdk import public, role

from plugins.sinkron.hub.daftar import DaftarError, daftar, rotasi
from plugins.sinkron.hub.terima import terima

OPT = {**public(not_a_page="API sinkron (JSON) untuk komputer nagari"), "exclude_from_csrf": True,
       "skip_session": True}


def _hanya_hub(request: Request) -> None:
    if role(request) != "hub":
        raise NotFoundException("Alamat ini hanya ada di hub kabupaten.")


async def _isi(request: Request) -> object:
    """The JSON body, or None when it is not JSON (or too large)."""
    body = await request.body()
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None


def _jawab(isi: dict, status: int = 200) -> Response:
    return Response(isi, status_code=status, media_type="application/json", headers={"Cache-Control": "no-store"})


BUKAN_JSON = {"galat": "Isi permintaan harus JSON yang sah (paling besar 10 MB)."}


@post("/api/sinkron/daftar", opt=OPT, include_in_schema=False)
async def api_daftar(request: Request) -> Response:
    _hanya_hub(request)
    data = await _isi(request)
    if data is None:
        return _jawab(BUKAN_JSON, 400)
    try:
        return _jawab(await daftar(data, request), 201)
    except DaftarError as e:
        return _jawab({"galat": str(e)}, e.status)


@post("/api/sinkron/kirim", opt=OPT, include_in_schema=False)
async def api_kirim(request: Request) -> Response:
    _hanya_hub(request)
    data = await _isi(request)
    if not isinstance(data, dict):
        return _jawab(BUKAN_JSON, 400)
    hasil = await terima(data.get("bingkai"), data.get("node"), "http", detak=data.get("detak"))
    status = hasil.pop("status")
    return _jawab(hasil, status)


@post("/api/sinkron/kunci", opt=OPT, include_in_schema=False)
async def api_kunci(request: Request) -> Response:
    _hanya_hub(request)
    data = await _isi(request)
    if data is None:
        return _jawab(BUKAN_JSON, 400)
    try:
        return _jawab(await rotasi(data, request))
    except DaftarError as e:
        return _jawab({"galat": str(e)}, e.status)


ROUTES = [api_daftar, api_kirim, api_kunci]
