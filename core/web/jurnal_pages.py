"""Closing a reported month of the journal."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.response import Redirect, Template

from core.penduduk import lingkup
from core.penduduk.bulan import close_month, closed_until
from core.penduduk.formulir import FormErrors
from core.web.pages import flash, page
from core.web.session_pages import Form


@get("/admin/jurnal/bulan", opt={"permission": "penduduk.lihat"}, include_in_schema=False)
async def months(request: Request) -> Template:
    return await page(request, "core/jurnal_bulan.html", {"ditutup": await closed_until()})


@post("/admin/jurnal/bulan", opt={"permission": "penduduk.ubah"}, include_in_schema=False)
async def close(request: Request, data: Form) -> Redirect:
    if lingkup.current() is not None:  # closing a month closes it for the whole nagari
        flash(request, "Menutup bulan laporan hanya untuk petugas yang lingkupnya seluruh nagari.", "galat")
        return Redirect("/admin/jurnal/bulan")
    try:
        await close_month(data.get("bulan", ""), actor=request.state.user, connection=request)
    except FormErrors as exc:
        flash(request, next(iter(exc.errors.values())), "galat")
    else:
        flash(request, f"Bulan sampai {data['bulan']} ditutup. Catatan yang terlambat masuk ke bulan berikutnya.")
    return Redirect("/admin/jurnal/bulan")


ROUTES = [months, close]
