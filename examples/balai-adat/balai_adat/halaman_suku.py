"""The admin pages of the suku register: the list (/admin/adat), one suku with its kaum and penghulu."""

from __future__ import annotations

from typing import Annotated

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body
from litestar.response import Redirect, Template

from plugin_sdk import Id, flash, page, requires

from balai_adat import baca, layanan
from balai_adat.surat_suku import recent

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]
KELOLA = requires("adat.kelola")


def contoh(url: str) -> dict:
    """A page's opt with the sample URL the office-screen browser test opens (the first row of each list)."""
    return requires("adat.kelola", sample=url)


async def _daftar(request: Request, galat: dict | None = None, isian: dict | None = None) -> Template:
    konteks = {"suku": await baca.daftar_suku(), "surat": await recent(), "galat": galat or {}, "isian": isian or {}}
    return await page(request, "adat/daftar.html", konteks, 400 if galat else 200)


@get("/admin/adat", opt=KELOLA, include_in_schema=False)
async def daftar_suku(request: Request) -> Template:
    return await _daftar(request)


@post("/admin/adat", opt=KELOLA, include_in_schema=False)
async def tambah_suku(request: Request, data: Form) -> Redirect | Template:
    try:
        suku_id = await layanan.simpan_suku(request, data)
    except layanan.GalatIsian as exc:
        return await _daftar(request, exc.galat, data)
    flash(request, f"Suku {' '.join(data['nama'].split())} ditambahkan.")
    return Redirect(f"/admin/adat/suku/{suku_id}")


async def halaman_suku(request: Request, suku_id: int, galat: dict | None = None, isian: dict | None = None,
                       bagian: str = "") -> Template:
    """One suku's page; `bagian` names the form `galat` and `isian` belong to (suku, kaum, penghulu, hapus)."""
    suku = await baca.suku(suku_id)
    if suku is None:
        raise NotFoundException("Suku tidak ditemukan.")
    konteks = {"s": suku, "kaum": await baca.kaum_suku(suku_id), "penghulu": await baca.penghulu_suku(suku_id),
               "jabatan": layanan.JABATAN_KAN, "galat": galat or {}, "isian": isian or {}, "bagian": bagian}
    return await page(request, "adat/suku.html", konteks, 400 if galat else 200)


@get("/admin/adat/suku/{suku_id:int}", opt=contoh("/admin/adat/suku/1"), include_in_schema=False)
async def lihat_suku(request: Request, suku_id: Id) -> Template:
    return await halaman_suku(request, suku_id)


@post("/admin/adat/suku/{suku_id:int}", opt=KELOLA, include_in_schema=False)
async def ubah_suku(request: Request, suku_id: Id, data: Form) -> Redirect | Template:
    if await baca.suku(suku_id) is None:
        raise NotFoundException("Suku tidak ditemukan.")
    try:
        await layanan.simpan_suku(request, data, suku_id)
    except layanan.GalatIsian as exc:
        return await halaman_suku(request, suku_id, exc.galat, data, "suku")
    flash(request, "Perubahan suku disimpan.")
    return Redirect(f"/admin/adat/suku/{suku_id}")


@post("/admin/adat/suku/{suku_id:int}/hapus", opt=KELOLA, include_in_schema=False)
async def hapus_suku(request: Request, suku_id: Id) -> Redirect | Template:
    try:
        nama = await layanan.hapus_suku(request, suku_id)
    except layanan.GalatIsian as exc:
        if await baca.suku(suku_id) is None:
            raise NotFoundException("Suku tidak ditemukan.") from None
        return await halaman_suku(request, suku_id, exc.galat, {}, "hapus")
    flash(request, f"Suku {nama} dihapus.")
    return Redirect("/admin/adat")


ROUTES = [daftar_suku, tambah_suku, lihat_suku, ubah_suku, hapus_suku]
