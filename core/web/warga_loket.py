"""At the counter: staff issue or reset a resident's PIN (shown once, to print) or switch the account off."""

from __future__ import annotations

from litestar import Request, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from core.penduduk.tables import Penduduk
from core.warga import akun
from core.web.access import resident_menu
from core.web.auth import current_user
from core.web.pages import flash, page
from core.web.params import Id

PIN = {"permission": "warga.pin"}


async def _resident(request: Request, penduduk_id: int) -> dict:
    if not await resident_menu(request):
        raise NotFoundException()  # no self-service in use: no PINs to give
    row = await Penduduk.select(Penduduk.id, Penduduk.nama, Penduduk.nik, Penduduk.status_dasar).where(
        Penduduk.id == penduduk_id).first().run()
    if row is None:
        raise NotFoundException("Penduduk tidak ditemukan.")
    return row


@post("/admin/penduduk/{penduduk_id:int}/pin", opt=PIN, include_in_schema=False)
async def issue(request: Request, penduduk_id: Id) -> Template | Redirect:
    resident = await _resident(request, penduduk_id)
    try:
        pin = await akun.issue_pin(request, penduduk_id, await current_user(request))
    except ValueError as exc:
        flash(request, str(exc), "galat")
        return Redirect(f"/admin/penduduk/{penduduk_id}")
    settings = request.app.state.balai.settings
    response = await page(request, "core/warga_pin_cetak.html", {
        "p": resident, "pin": pin, "alamat": f"{settings.public_url.rstrip('/')}/warga/masuk",
        "nik_samar": resident["nik"][:6] + "******" + resident["nik"][-4:]})
    response.headers["Cache-Control"] = "no-store"  # the PIN must not sit in a cache or the back button
    return response


@post("/admin/penduduk/{penduduk_id:int}/pin/nonaktif", opt=PIN, include_in_schema=False)
async def switch_off(request: Request, penduduk_id: Id) -> Redirect:
    await _resident(request, penduduk_id)
    if await akun.switch_off(request, penduduk_id):
        flash(request, "Akun layanan mandiri dinonaktifkan; sesi yang masih terbuka berakhir.")
    return Redirect(f"/admin/penduduk/{penduduk_id}")


ROUTES = [issue, switch_off]
