"""The realm's guard: which resident pages open, for whom, and the menu that decides whether the realm is in use."""

from __future__ import annotations

from litestar.connection import ASGIConnection
from litestar.exceptions import NotFoundException

from plugin_sdk import MenuItem, emit
from plugin_sdk.masuk import AccountActionRequired, RealmLoginRequired, realm

from plugins.akun_warga import sesi

LOGIN = "/warga/masuk"


async def resident_menu(connection: ASGIConnection) -> list[MenuItem]:
    """What enabled plugins offer residents (event `warga_menu`, and the kernel hook `balai_warga_menu` that it
    replaces, for one more release); empty means self-service is not in use."""
    state = connection.state
    if "warga_menu" not in state:
        answers = [*await emit(connection, "warga_menu"), *await emit(connection, "balai_warga_menu")]
        items = [item for answer in answers for item in (answer if isinstance(answer, (list, tuple)) else [answer])]
        state["warga_menu"] = sorted(items, key=lambda i: (i.order, i.label))
    return state["warga_menu"]


async def check(connection: ASGIConnection, opt: dict) -> None:
    """Open a resident page only to a logged-in resident, who must first replace a PIN from the counter."""
    if not await resident_menu(connection):
        raise NotFoundException()
    if opt.get("warga_publik"):
        return
    resident = await sesi.current_resident(connection)
    if resident is None:
        raise RealmLoginRequired("Silakan masuk dengan NIK dan PIN Anda.", LOGIN)
    if resident["wajib_ganti_pin"] and not opt.get("warga_ganti_pin"):
        raise AccountActionRequired("Ganti dulu PIN yang Anda terima dari kantor.", "/warga/pin")


RESIDENT = realm(check, warga=True)  # a logged-in resident's page
OPEN = realm(check, warga_publik=True)  # the login and logout: anyone, while the realm is in use
CHANGE_PIN = realm(check, warga=True, warga_ganti_pin=True)  # open before a counter PIN is replaced
