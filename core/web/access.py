"""One guard for every route: disabled plugins answer 404, and access is denied by default.

A handler opens itself with ``opt={"public": True}``, ``opt={"login": True}`` (any
staff user) or ``opt={"permission": "kode.izin"}``; a handler that declares none of
these is refused, so a new route cannot be left unguarded by accident.

A plugin may run a login realm of its own beside the staff one (the residents' NIK and PIN
in `akun_warga`): its routes carry ``opt={"realm": check}`` (``plugin_sdk.masuk.realm``), the
staff login is not consulted for them, and ``check(connection, opt)`` decides, raising to
refuse (``RealmLoginRequired`` sends the visitor to that realm's login page).
"""

from __future__ import annotations

from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, NotFoundException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler

from core.penduduk import lingkup
from core.web.auth import current_user, has_permission

PLUGIN_OPT = "balai_plugin"
REALM_OPT = "realm"  # a page of a plugin's own login realm: {"realm": check}
ENROLMENT_OPT = "enrolment"  # pages an administrator may open before setting up two-factor login


class AccountActionRequired(PermissionDeniedException):
    """The user must do something on their account page first; `target` is where."""

    def __init__(self, detail: str, target: str):
        super().__init__(detail)
        self.target = target


class RealmLoginRequired(NotAuthorizedException):
    """A page of a plugin's login realm was asked for without its session; `login_url` is that realm's login."""

    def __init__(self, detail: str, login_url: str):
        super().__init__(detail)
        self.login_url = login_url


async def enabled_plugins(connection: ASGIConnection) -> frozenset[str]:
    state = connection.state
    if "enabled" not in state:
        state["enabled"] = await connection.app.state.balai.enabled_names()
    return state["enabled"]


def must_enrol_2fa(connection: ASGIConnection, user: dict) -> bool:
    profile = connection.app.state.balai.profile()
    return bool(profile.get("wajib_2fa_admin")) and user["semua_izin"] and not user["totp_aktif"]


# Path parameters that name a person's records: a route with one of them answers 404 when the record lies
# outside the user's scope, whichever page, API or plugin route it is (name yours the same way).
SCOPED_PARAMS = {"penduduk_id": lingkup.resident_visible, "keluarga_id": lingkup.family_visible,
                 "household_id": lingkup.household_visible, "rumah_tangga_id": lingkup.household_visible,
                 "peristiwa_id": lingkup.entry_visible}


async def _scope_guard(connection: ASGIConnection, user: dict) -> None:
    """Put the user's scope in force for this request; refuse (404) a record named in the path outside it."""
    lingkup.enter(user.get("lingkup"))
    if user.get("lingkup") is None:
        return
    for name, visible in SCOPED_PARAMS.items():
        value = connection.path_params.get(name)
        if isinstance(value, int) and not await visible(value):
            raise NotFoundException()
    entry = connection.path_params.get("entry_id")  # the kernel's /admin/peristiwa/{entry_id}/...
    if isinstance(entry, int) and connection.url.path.startswith("/admin/peristiwa/") and not await \
            lingkup.entry_visible(entry):
        raise NotFoundException()


async def access_guard(connection: ASGIConnection, handler: BaseRouteHandler) -> None:
    lingkup.enter(None)  # nothing carried over; a staff user's own scope is set below
    opt = handler.opt
    plugin = opt.get(PLUGIN_OPT)
    enabled = await enabled_plugins(connection)  # also refreshes the cached profile
    if plugin is not None and plugin not in enabled:
        raise NotFoundException()
    if opt.get("public"):
        return
    if (realm := opt.get(REALM_OPT)) is not None:
        return await realm(connection, opt)  # the plugin's own login realm decides; staff sessions count for nothing
    user = await current_user(connection)
    if user is None:
        raise NotAuthorizedException("Silakan masuk terlebih dahulu.")
    if not opt.get(ENROLMENT_OPT):
        if user["wajib_ganti_sandi"]:
            raise AccountActionRequired("Ganti kata sandi sementara Anda dulu.", "/akun/sandi")
        if must_enrol_2fa(connection, user):
            raise AccountActionRequired("Administrator wajib memakai login dua langkah.", "/akun/2fa")
    permission = opt.get("permission")
    if permission is None and not opt.get("login"):
        raise PermissionDeniedException("Halaman ini tidak menyatakan izin aksesnya, jadi ditolak.")
    if permission is not None and not has_permission(user, permission):
        raise PermissionDeniedException("Anda tidak punya izin untuk halaman ini.")
    await _scope_guard(connection, user)
