"""Logging in and out, and the first-run page that creates the first administrator."""

from __future__ import annotations

from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromQuery
from litestar.response import Redirect, Template

from core.web.auth import SESSION_USER, authenticate, create_user, has_any_user
from core.web.pages import flash

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]


def _safe_next(target: str | None) -> str:
    # Only local paths: an attacker must not bounce a fresh login to another site.
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return "/admin"


@get("/masuk", opt={"public": True}, include_in_schema=False)
async def login_form(request: Request, next: FromQuery[str | None] = None) -> Template | Redirect:
    if not await has_any_user():
        return Redirect("/setup")
    return Template("core/masuk.html", context={"next": _safe_next(next), "nagari": request.app.state.balai.profile()})


@post("/masuk", opt={"public": True}, include_in_schema=False)
async def login(request: Request, data: Form) -> Template | Redirect:
    user = await authenticate(data.get("username", ""), data.get("password", ""))
    if user is None:
        return Template(
            "core/masuk.html",
            context={"galat": "Nama pengguna atau kata sandi salah.", "username": data.get("username", ""),
                     "next": _safe_next(data.get("next")), "nagari": request.app.state.balai.profile()},
            status_code=400,
        )
    request.clear_session()
    request.set_session({SESSION_USER: user["id"]})
    return Redirect(_safe_next(data.get("next")))


@post("/keluar", opt={"login": True}, include_in_schema=False)
async def logout(request: Request) -> Redirect:
    request.clear_session()
    return Redirect("/masuk")


@get("/setup", opt={"public": True}, include_in_schema=False)
async def setup_form(request: Request) -> Template:
    if await has_any_user():
        raise NotFoundException()
    return Template("core/setup.html", context={"nagari": request.app.state.balai.profile()})


@post("/setup", opt={"public": True}, include_in_schema=False)
async def setup(request: Request, data: Form) -> Template | Redirect:
    if await has_any_user():
        raise NotFoundException()
    problem = None
    if data.get("password", "") != data.get("password2", ""):
        problem = "Kedua kata sandi tidak sama."
    else:
        try:
            user = await create_user(data.get("username", ""), data.get("nama", ""), data.get("password", ""),
                                     admin=True)
        except ValueError as exc:
            problem = str(exc)
    if problem:
        return Template("core/setup.html", status_code=400,
                        context={"galat": problem, "data": data, "nagari": request.app.state.balai.profile()})
    request.set_session({SESSION_USER: user["id"]})
    flash(request, "Administrator pertama dibuat. Selamat datang di Balai.")
    return Redirect("/admin")


ROUTES = [login_form, login, logout, setup_form, setup]
