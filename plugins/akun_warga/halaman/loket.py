"""At the counter: staff issue or reset a resident's PIN (shown once, to print) or switch the account off."""

from __future__ import annotations

from litestar import Request, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from plugin_sdk import Id, current_user, flash, page, public_url, register, requires

from plugins.akun_warga import akun
from plugins.akun_warga.realm import resident_menu

PIN = requires("warga.pin")


async def _resident(request: Request, penduduk_id: int) -> dict:
    if not await resident_menu(request):
        raise NotFoundException()  # no self-service in use: no PINs to give
    row = await register.resident(penduduk_id)
    if row is None:
        raise NotFoundException("Penduduk tidak ditemukan.")
    return {"id": row["id"], "nama": row["nama"], "nik": row["nik"], "status_dasar": row["kode_status_dasar"]}


@post("/admin/penduduk/{penduduk_id:int}/pin", opt=PIN, include_in_schema=False)
async def issue(request: Request, penduduk_id: Id) -> Template | Redirect:
    resident = await _resident(request, penduduk_id)
    try:
        pin = await akun.issue_pin(request, penduduk_id, await current_user(request))
    except ValueError as exc:
        flash(request, str(exc), "galat")
        return Redirect(f"/admin/penduduk/{penduduk_id}")
    response = await page(request, "akun_warga/pin_cetak.html", {
        "p": resident, "pin": pin, "alamat": f"{public_url(request).rstrip('/')}/warga/masuk",
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
