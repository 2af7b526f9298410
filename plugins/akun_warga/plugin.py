"""The `akun_warga` plugin: residents log in with their NIK and a PIN from the counter, apart from staff.

A service other plugins build on (`layanan_mandiri` does): they open resident pages and add to the residents'
menu through the contract in `api.py` and the event `warga_menu` (`events.py`). The realm is shown only while
some enabled plugin offers residents something.
"""

from __future__ import annotations

from pathlib import Path

from litestar import Request

from plugin_sdk import Panel, PluginMeta, current_user, has_permission, hookimpl, register
from plugin_sdk import warga as sdk_warga

from plugins.akun_warga import akun, api
from plugins.akun_warga.halaman import loket, masuk, riwayat
from plugins.akun_warga.realm import resident_menu

HERE = Path(__file__).parent
sdk_warga.provided_by(api)  # plugin_sdk.warga's deprecated realm names answer from the contract until SDK 2.0

PLUGIN = PluginMeta(
    name="akun_warga",
    title="Akun warga",
    version="0.1.0",
    description="Warga masuk ke halaman layanan dengan NIK dan PIN yang diberikan di loket, terpisah dari login "
                "petugas; plugin lain (mis. layanan mandiri) memakai akun ini.",
    core_requires=">=0.1,<1.0",
)


@hookimpl
def balai_route_handlers():
    return [*masuk.ROUTES, *loket.ROUTES, *riwayat.ROUTES]


@hookimpl
def balai_piccolo_apps():
    return ["plugins.akun_warga.piccolo_app"]


@hookimpl
def balai_template_dirs():
    return [HERE / "templates"]


@hookimpl
def balai_static_dirs():
    return [HERE / "static"]


@hookimpl
async def balai_resident_panels(request, penduduk_id):
    if not await resident_menu(request):
        return []  # no self-service in use: no PINs to give

    async def account(request: Request) -> dict:
        user = await current_user(request)
        person = await register.resident(penduduk_id)
        return {"akun_warga": await akun.account_of(penduduk_id), "penduduk_id": penduduk_id,
                "hidup": bool(person) and person["kode_status_dasar"] == akun.HIDUP,
                "boleh_pin": has_permission(user, "warga.pin")}

    return [Panel("Layanan mandiri", "akun_warga/panel.html", context=account, order=5)]


@hookimpl
def balai_preset_bagian():
    from plugin_sdk.preset import BagianPreset

    from plugins.akun_warga import preset

    # no export: an account belongs to a resident, and its PIN hash is a secret
    return [BagianPreset("akun_warga", preset.terapkan, None, urutan=250, judul="Akun warga contoh")]
