"""Disputes over a parcel (sengketa): recorded from the parcel's page, changed on their own page as they move on
(open, in mediation by the KAN, settled with an outcome)."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from plugin_sdk import Id, flash, page, requires, today

from balai_adat.ulayat import layanan, periksa
from balai_adat.ulayat.halaman_tanah import KELOLA, Form, ada_tanah, halaman_rinci


@post("/admin/adat/ulayat/{tanah_id:int}/sengketa", opt=requires(KELOLA), include_in_schema=False)
async def catat(request: Request, tanah_id: Id, data: Form) -> Template | Redirect:
    tanah = await ada_tanah(tanah_id)
    nilai, galat = periksa.sengketa(data, today(request))
    if galat:
        return await halaman_rinci(request, tanah, data, galat, 400)
    await layanan.simpan_sengketa(request, tanah_id, nilai)
    flash(request, f"Sengketa atas {tanah['nama']} dicatat.")
    return Redirect(f"/admin/adat/ulayat/{tanah_id}")


async def _ada(sengketa_id: int) -> tuple[dict, dict]:
    sengketa = await layanan.sengketa(sengketa_id)
    if sengketa is None:
        raise NotFoundException("Sengketa tidak ditemukan.")
    return sengketa, await ada_tanah(sengketa["tanah"])


async def _form(request: Request, sengketa: dict, tanah: dict, isian: dict, galat: dict, status: int = 200):
    return await page(request, "adat/ulayat_sengketa.html", {"s": sengketa, "t": tanah, "isian": isian,
                                                             "galat": galat, **await layanan.pilihan()}, status)


@get("/admin/adat/ulayat/sengketa/{sengketa_id:int}",
     opt=requires(KELOLA, sample="/admin/adat/ulayat/sengketa/1"), include_in_schema=False)
async def lihat(request: Request, sengketa_id: Id) -> Template:
    sengketa, tanah = await _ada(sengketa_id)
    return await _form(request, sengketa, tanah, {**sengketa, "tanggal": sengketa["tanggal"].isoformat()}, {})


@post("/admin/adat/ulayat/sengketa/{sengketa_id:int}", opt=requires(KELOLA), include_in_schema=False)
async def ubah(request: Request, sengketa_id: Id, data: Form) -> Template | Redirect:
    sengketa, tanah = await _ada(sengketa_id)
    nilai, galat = periksa.sengketa(data, today(request))
    if galat:
        return await _form(request, sengketa, tanah, data, galat, 400)
    await layanan.simpan_sengketa(request, tanah["id"], nilai, sengketa_id)
    flash(request, f"Sengketa atas {tanah['nama']} diperbarui.")
    return Redirect(f"/admin/adat/ulayat/{tanah['id']}")


ROUTES = [catat, lihat, ubah]
