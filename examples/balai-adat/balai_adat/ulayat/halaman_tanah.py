"""The office's pages of the tanah ulayat register: the list, a parcel's page, adding and changing a parcel."""

from __future__ import annotations

from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body
from litestar.response import Redirect, Template

from plugin_sdk import Id, current_user, flash, has_permission, page, requires, write_transaction

from balai_adat.ulayat import layanan, periksa

KELOLA = "adat.kelola"
Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]


async def ada_tanah(tanah_id: int) -> dict:
    found = await layanan.tanah(tanah_id)
    if found is None:
        raise NotFoundException("Tanah ulayat tidak ditemukan.")
    return found


@get("/admin/adat/ulayat", opt=requires(KELOLA), include_in_schema=False)
async def daftar(request: Request) -> Template:
    return await page(request, "adat/ulayat_daftar.html", {"tanah": await layanan.daftar_tanah(),
                                                          "ringkas": await layanan.ringkasan()})


async def _form(request: Request, isian: dict, galat: dict, tanah: dict | None = None, status: int = 200):
    return await page(request, "adat/ulayat_form.html", {"isian": isian, "galat": galat, "tanah": tanah,
                                                         **await layanan.pilihan()}, status)


@get("/admin/adat/ulayat/baru", opt=requires(KELOLA), include_in_schema=False)
async def baru(request: Request) -> Template:
    return await _form(request, {"status": "nagari", "penggunaan": "pertanian"}, {})


async def _simpan(request: Request, data: dict, tanah_id: int | None = None) -> tuple[dict, dict, int | None]:
    """Check and write in one transaction: a suku or kaum removed meanwhile is a message, not a broken key."""
    async with write_transaction():
        nilai, galat = await periksa.tanah(data, await layanan.jorong_nagari())
        if not galat:
            tanah_id = await layanan.simpan_tanah(request, nilai, tanah_id)
    return nilai, galat, tanah_id


@post("/admin/adat/ulayat/baru", opt=requires(KELOLA), include_in_schema=False)
async def tambah(request: Request, data: Form) -> Template | Redirect:
    nilai, galat, tanah_id = await _simpan(request, data)
    if galat:
        return await _form(request, data, galat, status=400)
    flash(request, f"Tanah ulayat {nilai['nama']} dicatat.")
    return Redirect(f"/admin/adat/ulayat/{tanah_id}")


@get("/admin/adat/ulayat/{tanah_id:int}", opt=requires(KELOLA, sample="/admin/adat/ulayat/1"),
     include_in_schema=False)
async def rinci(request: Request, tanah_id: Id) -> Template:
    return await halaman_rinci(request, await ada_tanah(tanah_id))


async def halaman_rinci(request: Request, tanah: dict, isian: dict | None = None, galat: dict | None = None,
                        status: int = 200) -> Template:
    """A parcel's page with its disputes and the form for a new one (`isian`/`galat`: that form sent back)."""
    boleh_surat = has_permission(await current_user(request), "surat.buat")
    return await page(request, "adat/ulayat_rinci.html", {
        "t": tanah, "sengketa": await layanan.daftar_sengketa(tanah["id"]), "isian": isian or {},
        "galat": galat or {}, "boleh_surat": boleh_surat, **await layanan.pilihan()}, status)


@get("/admin/adat/ulayat/{tanah_id:int}/ubah", opt=requires(KELOLA, sample="/admin/adat/ulayat/1/ubah"),
     include_in_schema=False)
async def ubah(request: Request, tanah_id: Id) -> Template:
    tanah = await ada_tanah(tanah_id)
    isian = {**tanah, "luas": periksa.teks_ha(tanah["luas_m2"]).removesuffix(" ha"),
             "suku": tanah["suku"] if tanah["status"] == "suku" else ""}  # a kaum's suku is not chosen: it follows
    return await _form(request, isian, {}, tanah)


@post("/admin/adat/ulayat/{tanah_id:int}/ubah", opt=requires(KELOLA), include_in_schema=False)
async def simpan(request: Request, tanah_id: Id, data: Form) -> Template | Redirect:
    tanah = await ada_tanah(tanah_id)
    nilai, galat, _ = await _simpan(request, data, tanah_id)
    if galat:
        return await _form(request, data, galat, tanah, 400)
    flash(request, f"Tanah ulayat {nilai['nama']} diperbarui.")
    return Redirect(f"/admin/adat/ulayat/{tanah_id}")


ROUTES = [daftar, baru, tambah, rinci, ubah, simpan]
