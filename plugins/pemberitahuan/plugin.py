"""The `pemberitahuan` plugin: residents are told when their request changes status or a letter is ready.

Through e-mail (built in) or any channel another plugin offers (an SMS or WhatsApp gateway, see ``api.py`` and
``events.py``); each resident chooses on their own page. Notices are written in the transaction of the change
they report (catat.py) and delivered by a background job after it commits (antar.py), retried when sending fails.
"""

from __future__ import annotations

from litestar import Request

from plugin_sdk import MenuItem, Panel, Permission, PluginMeta, enabled_plugins, hookimpl

from plugins.pemberitahuan import antar, catat, pilihan, saluran, surel
from plugins.pemberitahuan.halaman import kantor, warga

PLUGIN = PluginMeta(
    name="pemberitahuan",
    title="Pemberitahuan warga",
    version="0.1.0",
    description="Memberi tahu warga lewat e-mail (atau SMS/WhatsApp dari plugin lain) saat permohonan suratnya "
                "berubah status atau suratnya siap diambil; warga memilih caranya di halaman layanan mandiri.",
    core_requires=">=0.1,<1.0",
    # Each may be switched off on its own: without the residents' realm (akun_warga) nobody can choose a channel,
    # and what residents are told about comes from self-service requests and letters.
    enhances=("akun_warga", "layanan_mandiri", "surat"),
    permissions=(Permission(antar.PERMISSION, "Melihat pemberitahuan yang dikirim ke warga dan keadaan pengirimannya",
                            roles=("operator",)),),
)


@hookimpl
def balai_route_handlers():
    return [*warga.routes(), *kantor.ROUTES]


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("Pemberitahuan warga", "/admin/pemberitahuan", permission=antar.PERMISSION, order=37,
                     group="layanan")]


@hookimpl
def balai_settings():
    return surel.settings()


@hookimpl
def balai_jobs():
    return antar.jobs()


@hookimpl
def balai_jadwal():
    return antar.schedule()


@hookimpl(optionalhook=True)  # akun_warga's events, like the two below
async def warga_menu(request):
    # Notifications follow self-service: akun_warga opens the residents' realm only while some plugin offers
    # residents a service, and a page to choose how to be told is no reason on its own to open it.
    if "layanan_mandiri" not in await enabled_plugins(request):
        return []
    return [MenuItem("Pemberitahuan", warga.URL, order=30)]


@hookimpl(optionalhook=True)
def warga_beranda(request, resident):
    async def choice(request: Request) -> dict:
        chosen = await pilihan.of(resident["penduduk_id"])
        labels = {c.code: c.label for c in await saluran.available(request)}
        return {"saluran": labels.get(chosen["saluran"], ""),
                "tidak_tersedia": bool(chosen["saluran"]) and chosen["saluran"] not in labels}

    return [Panel("Pemberitahuan", "pemberitahuan/beranda.html", context=choice, order=20)]


@hookimpl
def pemberitahuan_saluran():
    return [surel.CHANNEL]


# The events this plugin turns into notices; each writes inside the transaction that fired it.
@hookimpl(optionalhook=True)
async def permohonan_berubah(request, permohonan):
    await catat.request_changed(request, permohonan)


@hookimpl(optionalhook=True)
async def surat_terbit(request, surat):
    await catat.letter_issued(request, surat)
