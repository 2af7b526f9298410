"""The residents' own pages: log in with NIK and PIN, change the PIN, the home page, log out."""

from __future__ import annotations

from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromQuery
from litestar.response import Redirect, Template

from plugin_sdk import nagari_profile
from plugin_sdk.masuk import throttle_clear, throttle_reserve, wait_message

from plugins.akun_warga import akun, beranda, sesi
from plugins.akun_warga.realm import CHANGE_PIN, OPEN, RESIDENT, resident_menu

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
NO_STORE = {"Cache-Control": "no-store"}
WRONG = "NIK atau PIN salah. Jika lupa PIN, datanglah ke kantor dengan KTP untuk mengatur ulang."


def _safe_next(target: str | None) -> str:
    # Only the residents' own pages: a login must not be bounced to another site or into the office pages.
    if target and target.startswith("/") and not target.startswith("//") and not target.startswith("/admin"):
        return target
    return "/warga"


def _ip(request: Request) -> str:
    return request.client.host if request.client else ""


def throttle_keys(ip: str, nik: str) -> list[str]:
    # Apart from the staff keys: residents mistyping PINs on the office Wi-Fi must not slow the staff login.
    return [f"warga-ip:{ip}", f"warga:{nik}"]


async def resident_page(request: Request, template: str, context: dict | None = None, status_code: int = 200,
                        headers: dict | None = None) -> Template:
    """A resident page: the template extends ``akun_warga/dasar.html``."""
    full = {"nagari": nagari_profile(request), "warga": await sesi.current_resident(request),
            "menu_warga": await resident_menu(request), "pesan": await sesi.pop_messages(request),
            "path": request.url.path}
    full.update(context or {})
    return Template(template_name=template, context=full, status_code=status_code,
                    headers={**NO_STORE, **(headers or {})})


def _login_form(request: Request, status: int = 200, **context) -> Template:
    return Template("akun_warga/masuk.html", status_code=status, headers=NO_STORE,
                    context={"nagari": nagari_profile(request), **context})


@get("/warga/masuk", opt=OPEN, include_in_schema=False)
async def login_form(request: Request, next: FromQuery[str | None] = None) -> Template | Redirect:
    if await sesi.current_resident(request):
        return Redirect(_safe_next(next))
    return _login_form(request, next=_safe_next(next))


@post("/warga/masuk", opt=OPEN, include_in_schema=False)
async def login(request: Request, data: Form) -> Template | Redirect:
    nik = "".join(ch for ch in data.get("nik", "") if ch.isdigit())[:16]
    pin = data.get("pin", "").strip()
    next_url = _safe_next(data.get("next"))
    if len(nik) != 16:
        return _login_form(request, 400, galat="NIK harus 16 angka, seperti tertulis di KTP atau KK.", nik=nik,
                           next=next_url)
    keys = throttle_keys(_ip(request), nik)
    if wait := await throttle_reserve(keys):  # counted as failed until the PIN proves right
        return _login_form(request, 429, galat=wait_message(wait), nik=nik, next=next_url)
    account = await akun.authenticate(nik, pin)
    if account is None:
        return _login_form(request, 400, galat=WRONG, nik=nik, next=next_url)
    for key in keys:
        await throttle_clear(key)
    resident = await akun.load(account["id"])
    await akun.mark_login(request, resident["penduduk_id"], account["id"])
    cookie = await sesi.start(request, account["id"])
    target = "/warga/pin" if resident["wajib_ganti_pin"] else next_url
    return Redirect(target, cookies=[cookie])


@post("/warga/keluar", opt=OPEN, include_in_schema=False)
async def logout(request: Request) -> Redirect:
    return Redirect("/warga/masuk", cookies=[await sesi.end(request)])


@get("/warga/pin", opt=CHANGE_PIN, include_in_schema=False)
async def pin_form(request: Request) -> Template:
    return await resident_page(request, "akun_warga/pin.html")


@post("/warga/pin", opt=CHANGE_PIN, include_in_schema=False)
async def pin_change(request: Request, data: Form) -> Template | Redirect:
    resident = await sesi.current_resident(request)
    try:
        await akun.change_pin(request, resident, data.get("pin_lama", ""), data.get("pin_baru", ""),
                              data.get("pin_ulang", ""))
    except ValueError as exc:
        return await resident_page(request, "akun_warga/pin.html", {"galat": str(exc)}, 400)
    cookie = await sesi.start(request, resident["id"], [{"teks": "PIN Anda sudah diganti. Simpan baik-baik, "
                                                                  "jangan beri tahu siapa pun.", "jenis": "sukses"}])
    return Redirect("/warga", cookies=[cookie])


@get("/warga", opt=RESIDENT, include_in_schema=False)
async def home(request: Request) -> Template:
    resident = await sesi.current_resident(request)
    record = await beranda.own_record(request, resident)
    return await resident_page(request, "akun_warga/beranda.html", {
        "data": record, "keluarga": await beranda.family_members(record and record["keluarga_id"],
                                                                 resident["penduduk_id"]),
        "panel_beranda": await beranda.panels(request, resident)})


ROUTES = [login_form, login, logout, pin_form, pin_change, home]
