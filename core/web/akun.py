"""A staff user's own account: password change and two-factor login."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.response import Redirect, Template

from core.identity import twofactor
from core.identity.users import UserError, change_password
from core.identity.passwords import verify_password
from core.tables import Pengguna
from core.web.access import ENROLMENT_OPT, must_enrol_2fa
from core.web.auth import SESSION_VERSION
from core.web.pages import flash, page
from core.web.session_pages import Form

OWN = {"login": True, ENROLMENT_OPT: True}
PENDING_SECRET = "totp_calon"


@get("/akun/sandi", opt=OWN, include_in_schema=False)
async def password_form(request: Request) -> Template:
    return await page(request, "core/akun_sandi.html", {"galat": {}, "wajib": request.state.user["wajib_ganti_sandi"]})


@post("/akun/sandi", opt=OWN, include_in_schema=False)
async def password_change(request: Request, data: Form) -> Template | Redirect:
    try:
        version = await change_password(request.state.user, data.get("lama", ""), data.get("baru", ""),
                                        data.get("baru2", ""), connection=request)
    except UserError as exc:
        return await page(request, "core/akun_sandi.html", {"galat": {exc.field: str(exc)}}, 400)
    request.session[SESSION_VERSION] = version  # this session goes on; the others are over
    flash(request, "Kata sandi diganti.")
    return Redirect("/admin")


@get("/akun/2fa", opt=OWN, include_in_schema=False)
async def twofactor_page(request: Request) -> Template:
    user = request.state.user
    context = {"wajib": must_enrol_2fa(request, user), "galat": None}
    if user["totp_aktif"]:
        context["sisa_kode"] = await twofactor.recovery_codes_left(user["id"])
    else:
        secret = request.session.get(PENDING_SECRET) or twofactor.new_secret()
        request.session[PENDING_SECRET] = secret
        issuer = f"Balai {request.app.state.balai.profile().get('nama', '')}".strip()
        context.update(rahasia=secret, qr=twofactor.qr_svg(twofactor.provisioning_uri(secret, user["username"], issuer)))
    return await page(request, "core/akun_2fa.html", context)


@post("/akun/2fa", opt=OWN, include_in_schema=False)
async def twofactor_enable(request: Request, data: Form) -> Template | Redirect:
    secret = request.session.get(PENDING_SECRET)
    if not secret:
        return Redirect("/akun/2fa")
    try:
        codes = await twofactor.enable(request.state.user, secret, data.get("kode", ""), connection=request)
    except ValueError as exc:
        issuer = f"Balai {request.app.state.balai.profile().get('nama', '')}".strip()
        return await page(request, "core/akun_2fa.html", {
            "galat": str(exc), "rahasia": secret, "wajib": must_enrol_2fa(request, request.state.user),
            "qr": twofactor.qr_svg(twofactor.provisioning_uri(secret, request.state.user["username"], issuer)),
        }, 400)
    request.session.pop(PENDING_SECRET, None)
    request.state.user["totp_aktif"] = True
    return await page(request, "core/akun_2fa_kode.html", {"kode_pemulihan": codes})


@post("/akun/2fa/matikan", opt=OWN, include_in_schema=False)
async def twofactor_disable(request: Request, data: Form) -> Template | Redirect:
    user = request.state.user
    if request.app.state.balai.profile().get("wajib_2fa_admin") and user["semua_izin"]:
        flash(request, "Login dua langkah wajib untuk Administrator dan tidak dapat dimatikan.", "galat")
        return Redirect("/akun/2fa")
    row = await Pengguna.select(Pengguna.password_hash).where(Pengguna.id == user["id"]).first().run()
    if not verify_password(row["password_hash"], data.get("password", "")):
        flash(request, "Kata sandi salah; login dua langkah tetap aktif.", "galat")
        return Redirect("/akun/2fa")
    await twofactor.disable(user, connection=request)
    flash(request, "Login dua langkah dimatikan.")
    return Redirect("/akun/2fa")


ROUTES = [password_form, password_change, twofactor_page, twofactor_enable, twofactor_disable]
