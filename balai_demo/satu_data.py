"""The demo nagari's open data: every dataset chosen for monthly release, then published for the month that
closed last and for this month so far, through the office's own functions."""

from __future__ import annotations

from plugin_sdk import register, today

from plugins.satu_data import registri
from plugins.satu_data.pilihan import atur
from plugins.satu_data.tables import BULANAN
from plugins.satu_data.terbit import bulan_lalu, terbitkan


async def terbitkan_semua(ctx) -> list:
    """Choose and publish every dataset; returns the outcomes of both releases."""
    nama = [d.nama for d in await registri.semua(ctx)]
    await atur({n: (True, BULANAN) for n in nama}, dikenal=set(nama), oleh="demo")
    hari_ini = today(await register.stored_profile())
    return [*await terbitkan(ctx, nama=nama, per=bulan_lalu(hari_ini)), *await terbitkan(ctx, nama=nama)]
