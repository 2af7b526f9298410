"""The hooks of the tanah ulayat part, imported by balai_adat.plugin (one plugin module for pluggy).

`__all__` names exactly the hook implementations, so `from balai_adat.ulayat.hooks import *` adds nothing else.
The routes are not a hook here: plugin.py's `balai_route_handlers` returns `balai_adat.ulayat.halaman.ROUTES`.
"""

from __future__ import annotations

from plugin_sdk import MenuItem, hookimpl

from balai_adat.baca import adat_warga
from balai_adat.ulayat.periksa import teks_ha
from balai_adat.ulayat.surat_ulayat import saat_mulai
from balai_adat.ulayat.tables import TanahUlayat


def _daftar(tanah: list[dict]) -> str:
    return "; ".join(f"{t['nama']} ({teks_ha(t['luas_m2'])})" for t in tanah)


async def isian_surat(penduduk: dict) -> dict:
    """A resident's suku and kaum, their penghulu, and the customary land their suku and kaum hold."""
    # a letter type's preview renders with a sample resident that is in no register: nothing to say then
    adat = await adat_warga(penduduk["id"]) if penduduk.get("id") else None
    if adat is None:
        return dict.fromkeys(("suku", "kaum", "penghulu", "ulayat_suku", "luas_ulayat_suku", "ulayat_kaum"), "")
    tanah = await TanahUlayat.select(TanahUlayat.nama, TanahUlayat.luas_m2, TanahUlayat.status,
                                     TanahUlayat.kaum.nama.as_alias("kaum")).where(
        TanahUlayat.suku == adat["suku_id"]).order_by(TanahUlayat.nama).run()
    suku = [t for t in tanah if t["status"] == "suku"]
    kaum = [t for t in tanah if t["status"] == "kaum" and adat["kaum"] and t["kaum"] == adat["kaum"]]
    return {"suku": adat["suku"], "kaum": adat["kaum"], "penghulu": adat["penghulu_kaum"] or adat["penghulu_suku"],
            "ulayat_suku": _daftar(suku), "luas_ulayat_suku": teks_ha(sum(t["luas_m2"] for t in suku)) if suku else "",
            "ulayat_kaum": _daftar(kaum)}


@hookimpl
def balai_document_placeholders(request, penduduk):
    # {{ tambahan.adat.suku }}, .kaum, .penghulu, .ulayat_suku ("Rimbo Gadang (12,5 ha); ..."), .luas_ulayat_suku,
    # .ulayat_kaum
    return isian_surat(penduduk)


@hookimpl
def balai_startup(app):
    return saat_mulai()  # the Surat Keterangan Tanah Ulayat into surat's list of letter types


@hookimpl
def balai_public_menu(request):
    return [MenuItem("Tanah ulayat", "/adat/ulayat", order=60)]


__all__ = ["balai_document_placeholders", "balai_public_menu", "balai_startup"]
