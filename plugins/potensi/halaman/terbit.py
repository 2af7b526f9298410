"""Which indicators the public page "Potensi Nagari" shows: a checkbox per indicator, grouped by theme.

Everything stays inside until the office ticks it: a figure of the profile may be rough or sensitive (the
number of cattle of a small jorong), and the office decides what it stands behind in public."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.response import Redirect, Template

from plugin_sdk import flash, page, requires

from plugins.potensi import layanan
from plugins.potensi.halaman.umum import BASE, TEMA, Form, boleh_kelola
from plugins.potensi.indikator import semua_indikator
from plugins.potensi.plugin import KELOLA, LIHAT


@get(f"{BASE}/terbit", opt=requires(LIHAT), include_in_schema=False)
async def terbit_form(request: Request) -> Template:
    indikator = await semua_indikator(request)
    terbit = await layanan.diterbitkan()
    kelompok = [{"kode": kode, "nama": nama, "indikator": [i for i in indikator if i.tema == kode]}
                for kode, nama in TEMA.items()]
    return await page(request, "potensi/admin/terbit.html", {
        "kelompok": [k for k in kelompok if k["indikator"]], "terbit": terbit,
        "kelola": await boleh_kelola(request)})


@post(f"{BASE}/terbit", opt=requires(KELOLA), include_in_schema=False)
async def terbit_simpan(request: Request, data: Form) -> Redirect:
    dikenal = {i.kode for i in await semua_indikator(request)}
    pilih = {k[2:] for k, v in data.items() if k.startswith("t:") and v == "1" and k[2:] in dikenal}
    await layanan.atur_terbit(request, pilih)
    flash(request, f"{len(pilih)} indikator diterbitkan di halaman Potensi Nagari." if pilih
          else "Tidak ada indikator yang diterbitkan; halaman Potensi Nagari kosong.")
    return Redirect(f"{BASE}/terbit")


ROUTES = [terbit_form, terbit_simpan]
