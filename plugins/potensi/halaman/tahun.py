"""The profile's years: the list of years with their completeness per theme (`/admin/potensi`), one year's themes
(`/admin/potensi/{tahun}`), and copying last year's figures into a year (never overwriting what it has). Both pages
say which year the public page shows: copying or typing another year's figures does not change it."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from plugin_sdk import flash, page, requires

from plugins.potensi import layanan
from plugins.potensi.halaman.umum import (BASE, CONTOH_TAHUN, TEMA, boleh_kelola, daftar_jorong, hari_ini,
                                          tahun_ditolak)
from plugins.potensi.indikator import semua_indikator
from plugins.potensi.plugin import KELOLA, LIHAT
from plugins.potensi.terbit import tahun_diterbitkan


async def _tema_tahun(tahun: int, indikator: list, jorong: list[int]) -> list[dict]:
    """The year's themes that have indicators, each with (filled, expected) and its form's address."""
    lengkap = await layanan.kelengkapan(tahun, indikator, jorong)
    ada = {i.tema for i in indikator}  # a jorong theme stays listed while no jorong is registered yet
    keluar = []
    for kode, nama in TEMA.items():
        terisi, harus = lengkap.get(kode, (0, 0))
        if kode in ada:
            keluar.append({"kode": kode, "nama": nama, "terisi": terisi, "harus": harus,
                           "url": f"{BASE}/{tahun}/{kode}"})
    return keluar


def _boleh_salin(tahun: int, tersedia: list[int], tema: list[dict]) -> bool:
    """Offer "Salin dari tahun lalu" when last year has figures and this year still lacks some."""
    return tahun - 1 in tersedia and any(t["terisi"] < t["harus"] for t in tema)


@get(BASE, opt=requires(LIHAT), include_in_schema=False)
async def daftar_tahun(request: Request) -> Template:
    sekarang = hari_ini(request).year
    tersedia = await layanan.tahun_tersedia()
    indikator = await semua_indikator(request)
    jorong = [j["id"] for j in await daftar_jorong()]
    tahun_semua = sorted({sekarang, *(t for t in tersedia if t <= sekarang)}, reverse=True)
    daftar = []
    for tahun in tahun_semua:
        tema = await _tema_tahun(tahun, indikator, jorong)
        daftar.append({"tahun": tahun, "tema": tema, "terisi": sum(t["terisi"] for t in tema),
                       "harus": sum(t["harus"] for t in tema), "salin": _boleh_salin(tahun, tersedia, tema)})
    return await page(request, "potensi/admin/daftar.html", {
        "daftar": daftar, "sekarang": sekarang, "kelola": await boleh_kelola(request),
        "tahun_terbit": await tahun_diterbitkan()})


@get(f"{BASE}/{{tahun:int}}", opt=requires(LIHAT, sample=f"{BASE}/{CONTOH_TAHUN}"), include_in_schema=False)
async def satu_tahun(request: Request, tahun: FromPath[int]) -> Template | Redirect:
    if ditolak := tahun_ditolak(request, tahun):
        return ditolak
    tersedia = await layanan.tahun_tersedia()
    jorong = [j["id"] for j in await daftar_jorong()]
    tema = await _tema_tahun(tahun, await semua_indikator(request), jorong)
    return await page(request, "potensi/admin/tahun.html", {
        "tahun": tahun, "tema": tema, "terisi": sum(t["terisi"] for t in tema),
        "harus": sum(t["harus"] for t in tema), "salin": _boleh_salin(tahun, tersedia, tema),
        "kelola": await boleh_kelola(request), "ada_jorong": bool(jorong),
        "tahun_terbit": await tahun_diterbitkan()})


@post(f"{BASE}/{{tahun:int}}/salin", opt=requires(KELOLA), include_in_schema=False)
async def salin(request: Request, tahun: FromPath[int]) -> Redirect:
    if ditolak := tahun_ditolak(request, tahun):
        return ditolak
    try:
        jumlah = await layanan.salin_tahun(request, tahun - 1, tahun, hari_ini=hari_ini(request))
    except layanan.IsianError as e:
        flash(request, " ".join(e.galat.values()) or str(e), "galat")
        return Redirect(f"{BASE}/{tahun}")
    if jumlah:
        flash(request, f"{jumlah} angka disalin dari tahun {tahun - 1}.")
    else:
        flash(request, f"Tidak ada angka yang disalin: semua angka tahun {tahun - 1} sudah ada di tahun {tahun}.",
              "info")
    return Redirect(f"{BASE}/{tahun}")


ROUTES = [daftar_tahun, satu_tahun, salin]
