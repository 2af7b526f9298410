"""The hooks of the tanah ulayat part, imported by balai_adat.plugin (one plugin module for pluggy).

`__all__` names exactly the hook implementations, so `from balai_adat.ulayat.hooks import *` adds nothing else.
The routes are not a hook here: plugin.py's `balai_route_handlers` returns `balai_adat.ulayat.halaman.ROUTES`.
"""

from __future__ import annotations

from plugin_sdk import MenuItem, hookimpl

from balai_adat.tables import SukuWarga
from balai_adat.ulayat.periksa import teks_ha
from balai_adat.ulayat.tables import TanahUlayat


async def isian_surat(penduduk: dict) -> dict:
    """A resident's suku, its penghulu, and the customary land their suku holds, for letter templates."""
    row = await SukuWarga.select(SukuWarga.suku, SukuWarga.suku.nama.as_alias("nama")).where(
        SukuWarga.penduduk == penduduk["id"]).first().run()
    if row is None:
        return {"suku": "", "penghulu": "", "ulayat_suku": "", "luas_ulayat_suku": ""}
    tanah = await TanahUlayat.select(TanahUlayat.nama, TanahUlayat.luas_m2).where(
        TanahUlayat.suku == row["suku"], TanahUlayat.status == "suku").order_by(TanahUlayat.nama).run()
    return {"suku": row["nama"], "penghulu": "",
            "ulayat_suku": "; ".join(f"{t['nama']} ({teks_ha(t['luas_m2'])})" for t in tanah),
            "luas_ulayat_suku": teks_ha(sum(t["luas_m2"] for t in tanah)) if tanah else ""}


@hookimpl
def balai_document_placeholders(request, penduduk):
    # {{ tambahan.adat.suku }}, .penghulu, .ulayat_suku ("Rimbo Gadang (12,5 ha); ..."), .luas_ulayat_suku
    return isian_surat(penduduk)


@hookimpl
def balai_public_menu(request):
    return [MenuItem("Tanah ulayat", "/adat/ulayat", order=60)]


__all__ = ["balai_document_placeholders", "balai_public_menu"]
