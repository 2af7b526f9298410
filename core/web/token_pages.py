"""Pengaturan > Token API: administrators make, list and revoke the tokens machine clients use for /api/v1."""

from __future__ import annotations

from datetime import date, timedelta

from litestar import Request, get, post
from litestar.response import Redirect, Template

from core.identity.token import TokenError, create_token, latest_expiry, list_tokens, revoke_token
from core.tables import Peran
from core.web.pages import flash, page
from core.web.params import Id, parse_id
from core.web.penduduk_pages import wilayah_choices
from core.web.session_pages import Form
from core.profil.waktu import today as nagari_today

MANAGE = {"permission": "pengguna.kelola"}  # a token is an account for a machine: whoever manages accounts
NO_STORE = {"Cache-Control": "no-store"}  # the page with the secret must not linger in a cache


async def _form(request: Request, data: dict, galat: dict, status: int = 200) -> Template:
    roles = await Peran.select(Peran.id, Peran.nama, Peran.kode, Peran.semua_izin).order_by(Peran.id).run()
    return await page(request, "core/token_baru.html", {
        "data": data, "galat": galat, "peran": roles, "wilayah": await wilayah_choices(),
        "batas": latest_expiry().isoformat(), "hari_ini": nagari_today().isoformat()}, status)


@get("/admin/token", opt=MANAGE, include_in_schema=False)
async def token_list(request: Request) -> Template:
    return await page(request, "core/token_daftar.html", {"token": await list_tokens()})


@get("/admin/token/baru", opt=MANAGE, include_in_schema=False)
async def token_new(request: Request) -> Template:
    default = (nagari_today() + timedelta(days=365)).isoformat()  # a year: long enough, short enough to revisit
    return await _form(request, {"berlaku_sampai": default}, {})


@post("/admin/token/baru", opt=MANAGE, include_in_schema=False)
async def token_create(request: Request, data: Form) -> Template:
    scope = data.get("wilayah_lingkup", "")
    try:
        try:
            until = date.fromisoformat(data.get("berlaku_sampai", "").strip())
        except ValueError:
            until = None
        token_id, secret = await create_token(
            data.get("nama", ""), parse_id(data.get("peran")) or 0, (parse_id(scope) or 0) if scope else None, until,
            actor=request.state.user, connection=request)
    except TokenError as exc:
        return await _form(request, data, {exc.field: str(exc)}, 400)
    row = next(r for r in await list_tokens() if r["id"] == token_id)
    response = await page(request, "core/token_rahasia.html", {"t": row, "rahasia": secret})
    response.headers.update(NO_STORE)
    return response


@post("/admin/token/{token_id:int}/cabut", opt=MANAGE, include_in_schema=False)
async def token_revoke(request: Request, token_id: Id) -> Redirect:
    try:
        row = await revoke_token(token_id, actor=request.state.user, connection=request)
    except TokenError as exc:
        flash(request, str(exc), "galat")
    else:
        flash(request, f"Token {row['nama']} dicabut; permintaan dengan token itu kini ditolak.")
    return Redirect("/admin/token")


ROUTES = [token_list, token_new, token_create, token_revoke]
