"""The `adat` plugin: a register of the nagari's suku."""

from __future__ import annotations

from typing import Annotated

from litestar import Request, get, post
from piccolo.columns.combination import WhereRaw
from litestar.enums import RequestEncodingType
from litestar.params import Body
from litestar.response import Redirect, Template

from plugin_sdk import (MenuItem, Permission, PluginMeta, Widget, flash, hookimpl, log_change, page, requires,
                        write_transaction)

from balai_adat.buku_suku import buku_administrasi_buku  # noqa: F401 (an optional hook of buku_administrasi)
from balai_adat.potensi_ulayat import potensi_indikator  # noqa: F401 (an optional hook of potensi)
from balai_adat.surat_suku import recent, surat_terbit  # noqa: F401 (surat's event, implemented here)
from balai_adat.suku_warga import balai_resident_fields, balai_resident_panels  # noqa: F401 (hooks)
from balai_adat.tables import Suku
from balai_adat.ulayat.hooks import *  # noqa: F401,F403 (the tanah ulayat part's hooks)

PLUGIN = PluginMeta(
    name="adat",
    title="Adat: daftar suku",
    version="0.1.0",
    description="Daftar suku (klan matrilineal) dan penghulunya di nagari.",
    core_requires=">=0.1,<1.0",
    permissions=(Permission("adat.kelola", "Mengelola data adat"),),
    depends=("surat",),  # implements surat's event surat_terbit and reads letters through plugins.surat.api
    # adds L.1 to the books and the tanah ulayat to the nagari's profile when those are installed (optional hooks)
    enhances=("buku_administrasi", "potensi"),
)

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]


@get("/admin/adat", opt=requires("adat.kelola"), include_in_schema=False)
async def daftar_suku(request: Request) -> Template:
    suku = await Suku.select().order_by(Suku.nama).run()
    return await page(request, "adat/daftar.html", {"suku": suku, "surat": await recent()})


@post("/admin/adat", opt=requires("adat.kelola"), include_in_schema=False)
async def tambah_suku(request: Request, data: Form) -> Redirect | Template:
    nama = data.get("nama", "").strip()
    penghulu = data.get("penghulu", "").strip()
    galat = None
    if not nama:
        galat = "Nama suku wajib diisi."
    async with write_transaction():
        if galat is None and await Suku.exists().where(WhereRaw("lower(nama) = lower({})", nama)).run():
            galat = f"Suku {nama} sudah terdaftar."
        if galat is None:
            rows = await Suku.insert(Suku(nama=nama, penghulu=penghulu)).returning(Suku.id).run()
            await log_change(request, "buat", "adat.suku", rows[0]["id"], {"nama": nama, "penghulu": penghulu})
    if galat:
        suku = await Suku.select().order_by(Suku.nama).run()
        return await page(request, "adat/daftar.html", {"suku": suku, "galat": galat, "isian": data,
                                                       "surat": await recent()}, 400)
    flash(request, f"Suku {nama} ditambahkan.")
    return Redirect("/admin/adat")


async def _ringkasan(request: Request) -> dict:
    return {"jumlah": await Suku.count().run()}


@hookimpl
def balai_route_handlers():
    return [daftar_suku, tambah_suku]


@hookimpl
def balai_cli_commands():
    import asyncio

    import click

    @click.command(name="adat-suku", help="Cetak daftar suku yang tercatat.")
    def daftar() -> None:
        async def ambil():
            return await Suku.select(Suku.nama, Suku.penghulu).order_by(Suku.nama).run()

        rows = asyncio.run(ambil())
        for row in rows:
            click.echo(f"{row['nama']}\t{row['penghulu']}")
        click.echo(f"{len(rows)} suku tercatat.")

    return [daftar]


@hookimpl
def balai_admin_menu(request):
    return [MenuItem("Adat", "/admin/adat", permission="adat.kelola", order=500, group="layanan")]


@hookimpl
def balai_dashboard_widgets(request):
    return [Widget("Suku", "adat/widget.html", context=_ringkasan, permission="adat.kelola")]


@hookimpl
def balai_peristiwa(request, peristiwa):
    # A newborn in a Minangkabau family belongs to the mother's suku: remind the operator to note it.
    if peristiwa["jenis"] == "lahir":
        return [MenuItem("Catat suku bayi ini (mengikuti suku ibu) di daftar adat", "/admin/adat")]
    return None
