"""Logging in (with throttling and the second factor), logging out, and the first-run page."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromQuery
from litestar.response import Redirect, Template

from core.audit.log import log_change
from core.db.transaction import write_transaction
from core.identity import throttle
from core.identity.twofactor import check_second_factor
from core.identity.users import UserError, create_user
from core.profil.profile import ProfileError, clean_profile, pick_list
from core.tables import Pengguna
from core.web.auth import SESSION_PENDING, SESSION_USER, SESSION_VERSION, authenticate
from core.web.pages import flash
from core.web.sessions import rotate_session

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]


def _safe_next(target: str | None) -> str:
    # Only local paths: an attacker must not bounce a fresh login to another site.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/admin"


def _ip(request: Request) -> str:
    return request.client.host if request.client else ""


def _form(request: Request, template: str, status: int = 200, **context) -> Template:
    return Template(template, context={"nagari": request.app.state.balai.profile(), **context}, status_code=status)


async def _finish_login(request: Request, user_id: int, username: str, via: str) -> Redirect:
    for key in throttle.keys_for(_ip(request), username):
        await throttle.clear(key)
    async with write_transaction():
        await Pengguna.update({Pengguna.terakhir_masuk: datetime.now(timezone.utc)}).where(
            Pengguna.id == user_id).run()
        await log_change(request, "masuk", "pengguna", user_id, {"cara": via},
                         user={"id": user_id, "username": username})
    next_url, messages = request.session.get("next"), request.session.get("pesan", [])
    await rotate_session(request)  # a fresh session id: a planted one is worthless
    version = (await Pengguna.select(Pengguna.sesi_versi).where(Pengguna.id == user_id).first().run())["sesi_versi"]
    request.set_session({SESSION_USER: user_id, SESSION_VERSION: version, "pesan": messages})
    return Redirect(_safe_next(next_url))


@get("/masuk", opt={"public": True}, include_in_schema=False)
async def login_form(request: Request, next: FromQuery[str | None] = None) -> Template | Redirect:
    if not await Pengguna.exists().run():
        return Redirect("/setup")
    return _form(request, "core/masuk.html", next=_safe_next(next))


@post("/masuk", opt={"public": True}, include_in_schema=False)
async def login(request: Request, data: Form) -> Template | Redirect:
    username = data.get("username", "").strip().lower()
    keys = throttle.keys_for(_ip(request), username)
    next_url = _safe_next(data.get("next"))
    if wait := await throttle.reserve(keys):  # counted as failed until the password proves right
        return _form(request, "core/masuk.html", 429, galat=throttle.wait_message(wait), username=username,
                     next=next_url)
    user = await authenticate(username, data.get("password", ""))
    if user is None:
        await log_change(request, "masuk_gagal", "pengguna", "", {"username": username[:64]},
                         user={"id": None, "username": username[:64]})
        return _form(request, "core/masuk.html", 400, galat="Nama pengguna atau kata sandi salah.",
                     username=username, next=next_url)
    if user["totp_aktif"]:
        request.set_session({SESSION_PENDING: user["id"], "next": next_url})
        return Redirect("/masuk/kode")
    request.set_session({"next": next_url})
    return await _finish_login(request, user["id"], user["username"], "sandi")


@get("/masuk/kode",
     opt={"public": True, "bukan_halaman": "langkah kedua masuk, setelah sandi akun 2FA"}, include_in_schema=False)
async def code_form(request: Request) -> Template | Redirect:
    if not request.session.get(SESSION_PENDING):
        return Redirect("/masuk")
    return _form(request, "core/masuk_kode.html")


@post("/masuk/kode", opt={"public": True}, include_in_schema=False)
async def code_check(request: Request, data: Form) -> Template | Redirect:
    user_id = request.session.get(SESSION_PENDING)
    if not user_id:
        return Redirect("/masuk")
    user = await Pengguna.select(Pengguna.username).where(Pengguna.id == user_id).first().run()
    keys = throttle.keys_for(_ip(request), user["username"])
    if wait := await throttle.reserve(keys):
        return _form(request, "core/masuk_kode.html", 429, galat=throttle.wait_message(wait))
    via = await check_second_factor(user_id, data.get("kode", ""))
    if via is None:
        await log_change(request, "masuk_gagal", "pengguna", user_id, {"tahap": "kode"},
                         user={"id": user_id, "username": user["username"]})
        return _form(request, "core/masuk_kode.html", 400, galat="Kode salah atau sudah kedaluwarsa.")
    if via == "pemulihan":
        flash(request, "Anda masuk dengan kode pemulihan; kode itu kini tidak berlaku lagi.", "info")
    return await _finish_login(request, user_id, user["username"], via)


@post("/keluar", opt={"login": True, "enrolment": True}, include_in_schema=False)
async def logout(request: Request) -> Redirect:
    await log_change(request, "keluar", "pengguna", request.state.user["id"])
    request.clear_session()
    return Redirect("/masuk")


@get("/setup",
     opt={"public": True, "bukan_halaman": "hanya ada sebelum pengguna pertama dibuat"}, include_in_schema=False)
async def setup_form(request: Request) -> Template:
    if await Pengguna.exists().run():
        raise NotFoundException()
    return _form(request, "core/setup.html", daftar_wilayah=pick_list(), data={}, galat={})


@post("/setup", opt={"public": True}, include_in_schema=False)
async def setup(request: Request, data: Form) -> Template | Redirect:
    """Create the nagari profile and the first administrator together, or neither."""
    if await Pengguna.exists().run():
        raise NotFoundException()
    balai = request.app.state.balai
    errors: dict[str, str] = {}
    try:
        profile = clean_profile(data)
    except ProfileError as exc:
        errors.update(exc.errors)
    if data.get("password", "") != data.get("password2", ""):
        errors["password2"] = "Kedua kata sandi tidak sama."
    if not errors:
        try:
            async with write_transaction():
                user = await create_user(data.get("username", ""), data.get("nama_admin", ""),
                                         data.get("password", ""), "administrator", connection=request)
                await balai.save_profile(profile)
        except UserError as exc:
            errors[exc.field or "username"] = str(exc)
    if errors:
        await balai.load_profile()
        return _form(request, "core/setup.html", 400, daftar_wilayah=pick_list(), data=data, galat=errors)
    request.set_session({SESSION_USER: user["id"], SESSION_VERSION: 0})
    flash(request, "Profil nagari dan administrator pertama dibuat. Selamat datang di Balai.")
    return Redirect("/admin")


ROUTES = [login_form, login, code_form, code_check, logout, setup_form, setup]
