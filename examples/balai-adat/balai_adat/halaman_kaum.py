"""The admin pages of the kaum and the penghulu of a suku, and the Kerapatan Adat Nagari (/admin/adat/kan)."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from plugin_sdk import Id, flash, page

from balai_adat import baca, layanan
from balai_adat.halaman_suku import KELOLA, Form, contoh, halaman_suku


async def _suku_ada(suku_id: int) -> None:
    if await baca.suku(suku_id) is None:
        raise NotFoundException("Suku tidak ditemukan.")


@post("/admin/adat/suku/{suku_id:int}/kaum", opt=KELOLA, include_in_schema=False)
async def tambah_kaum(request: Request, suku_id: Id, data: Form) -> Redirect | Template:
    await _suku_ada(suku_id)
    try:
        await layanan.simpan_kaum(request, suku_id, data)
    except layanan.GalatIsian as exc:
        return await halaman_suku(request, suku_id, exc.galat, data, "kaum")
    flash(request, f"Kaum {' '.join(data['nama'].split())} ditambahkan.")
    return Redirect(f"/admin/adat/suku/{suku_id}")


async def _halaman_kaum(request: Request, kaum_id: int, galat: dict | None = None,
                        isian: dict | None = None) -> Template:
    kaum = await baca.kaum(kaum_id)
    if kaum is None:
        raise NotFoundException("Kaum tidak ditemukan.")
    return await page(request, "adat/kaum.html", {"km": kaum, "galat": galat or {}, "isian": isian or kaum},
                      400 if galat else 200)


@get("/admin/adat/kaum/{kaum_id:int}", opt=contoh("/admin/adat/kaum/1"), include_in_schema=False)
async def lihat_kaum(request: Request, kaum_id: Id) -> Template:
    return await _halaman_kaum(request, kaum_id)


@post("/admin/adat/kaum/{kaum_id:int}", opt=KELOLA, include_in_schema=False)
async def ubah_kaum(request: Request, kaum_id: Id, data: Form) -> Redirect | Template:
    kaum = await baca.kaum(kaum_id)
    if kaum is None:
        raise NotFoundException("Kaum tidak ditemukan.")
    try:
        await layanan.simpan_kaum(request, kaum["suku"], data, kaum_id)
    except layanan.GalatIsian as exc:
        return await _halaman_kaum(request, kaum_id, exc.galat, data)
    flash(request, "Perubahan kaum disimpan.")
    return Redirect(f"/admin/adat/suku/{kaum['suku']}")


@post("/admin/adat/kaum/{kaum_id:int}/hapus", opt=KELOLA, include_in_schema=False)
async def hapus_kaum(request: Request, kaum_id: Id) -> Redirect | Template:
    try:
        kaum = await layanan.hapus_kaum(request, kaum_id)
    except layanan.GalatIsian as exc:
        return await _halaman_kaum(request, kaum_id, exc.galat)
    flash(request, f"Kaum {kaum['nama']} dihapus.")
    return Redirect(f"/admin/adat/suku/{kaum['suku']}")


@post("/admin/adat/suku/{suku_id:int}/penghulu", opt=KELOLA, include_in_schema=False)
async def tambah_penghulu(request: Request, suku_id: Id, data: Form) -> Redirect | Template:
    await _suku_ada(suku_id)
    try:
        await layanan.simpan_penghulu(request, suku_id, data)
    except layanan.GalatIsian as exc:
        return await halaman_suku(request, suku_id, exc.galat, data, "penghulu")
    flash(request, f"Penghulu {' '.join(data['gelar'].split())} ditambahkan.")
    return Redirect(f"/admin/adat/suku/{suku_id}")


async def _halaman_penghulu(request: Request, penghulu_id: int, galat: dict | None = None,
                            isian: dict | None = None) -> Template:
    row = await baca.satu_penghulu(penghulu_id)
    if row is None:
        raise NotFoundException("Penghulu tidak ditemukan.")
    konteks = {"p": row, "kaum": await baca.kaum_suku(row["suku"]), "jabatan": layanan.JABATAN_KAN,
               "galat": galat or {}, "isian": isian or {**row, "sejak": row["sejak"].isoformat() if row["sejak"]
                                                        else "", "kaum": row["kaum"] or ""}}
    return await page(request, "adat/penghulu.html", konteks, 400 if galat else 200)


@get("/admin/adat/penghulu/{penghulu_id:int}", opt=contoh("/admin/adat/penghulu/1"), include_in_schema=False)
async def lihat_penghulu(request: Request, penghulu_id: Id) -> Template:
    return await _halaman_penghulu(request, penghulu_id)


@post("/admin/adat/penghulu/{penghulu_id:int}", opt=KELOLA, include_in_schema=False)
async def ubah_penghulu(request: Request, penghulu_id: Id, data: Form) -> Redirect | Template:
    row = await baca.satu_penghulu(penghulu_id)
    if row is None:
        raise NotFoundException("Penghulu tidak ditemukan.")
    try:
        await layanan.simpan_penghulu(request, row["suku"], data, penghulu_id)
    except layanan.GalatIsian as exc:
        return await _halaman_penghulu(request, penghulu_id, exc.galat, data)
    flash(request, "Perubahan penghulu disimpan.")
    return Redirect(f"/admin/adat/suku/{row['suku']}")


@post("/admin/adat/penghulu/{penghulu_id:int}/hapus", opt=KELOLA, include_in_schema=False)
async def hapus_penghulu(request: Request, penghulu_id: Id) -> Redirect | Template:
    try:
        row = await layanan.hapus_penghulu(request, penghulu_id)
    except layanan.GalatIsian as exc:
        return await _halaman_penghulu(request, penghulu_id, exc.galat)
    flash(request, f"Penghulu {row['gelar']} dihapus.")
    return Redirect(f"/admin/adat/suku/{row['suku']}")


@get("/admin/adat/kan", opt=KELOLA, include_in_schema=False)
async def kerapatan(request: Request) -> Template:
    return await page(request, "adat/kan.html", {"anggota": await baca.kan()})


ROUTES = [tambah_kaum, lihat_kaum, ubah_kaum, hapus_kaum, tambah_penghulu, lihat_penghulu, ubah_penghulu,
          hapus_penghulu, kerapatan]
