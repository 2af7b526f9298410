"""Cancelling an asset's latest mutation recorded by mistake (`/admin/aset/{id}/mutasi/{mutasi_id}/batal`): a page
that says which mutation, what the asset returns to, and asks the reason; the post records the `pembatalan`. Both
rows stay in the history. A refused form (no reason, or the mutation is no longer the latest) changes nothing."""

from __future__ import annotations

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from plugin_sdk import Id, flash, page, requires, today

from plugins.aset.halaman.umum import BASE, Form, aset_atau_404, teks
from plugins.aset.plugin import KELOLA


async def _halaman(request: Request, aset: dict, mutasi_id: int, isian: dict | None = None,
                   galat: dict | None = None, status_code: int = 200) -> Template | Redirect:
    from plugins.aset import kib, teks as tulis
    from plugins.aset.mutasi import rencana_pembatalan, uraian_mutasi

    rencana = await rencana_pembatalan(aset)
    if rencana is None or rencana["mutasi"]["id"] != mutasi_id:
        flash(request, (galat or {}).get("umum") or "Hanya mutasi terakhir yang masih berlaku yang bisa dibatalkan.",
              "galat")
        return Redirect(f"{BASE}/{aset['id']}")
    m = rencana["mutasi"]
    return await page(request, "aset/admin/batal.html", {
        "aset": aset, "mutasi": m, "jenis": kib.NAMA_MUTASI.get(m["jenis"], m["jenis"]),
        "tanggal": tulis.tanggal_panjang(m["tanggal"]), "uraian": uraian_mutasi(m, tanggal=False),
        "status": kib.STATUS.get(rencana["status"], rencana["status"]),
        "kondisi": kib.KONDISI.get(rencana["kondisi"], rencana["kondisi"]),
        "berubah_status": rencana["status"] != aset["status"],
        "isian": isian or {}, "galat": galat or {}}, status_code)


@get(f"{BASE}/{{aset_id:int}}/mutasi/{{mutasi_id:int}}/batal",
     opt=requires(KELOLA, sample=f"{BASE}/6/mutasi/1/batal"), include_in_schema=False)  # the demo's chairs
async def tanya(request: Request, aset_id: FromPath[Id], mutasi_id: FromPath[Id]) -> Template | Redirect:
    return await _halaman(request, await aset_atau_404(aset_id), mutasi_id)


@post(f"{BASE}/{{aset_id:int}}/mutasi/{{mutasi_id:int}}/batal", opt=requires(KELOLA), include_in_schema=False)
async def batalkan(request: Request, aset_id: FromPath[Id], mutasi_id: FromPath[Id],
                   data: Form) -> Template | Redirect:
    from plugins.aset import kib, layanan

    aset = await aset_atau_404(aset_id)
    isian = {"alasan": teks(data).get("alasan", "")}
    try:
        await layanan.batalkan_mutasi(request, aset_id, mutasi_id, isian, hari_ini=today(request))
    except layanan.AsetError as e:
        return await _halaman(request, await aset_atau_404(aset_id), mutasi_id, isian, e.galat, 400)
    baru = await aset_atau_404(aset_id)
    flash(request, f"Mutasi dibatalkan. “{aset['nama']}” sekarang {kib.STATUS[baru['status']].lower()}, kondisi "
                   f"{kib.KONDISI.get(baru['kondisi'], baru['kondisi']).lower()}.")
    return Redirect(f"{BASE}/{aset_id}")


ROUTES: list = [tanya, batalkan]
