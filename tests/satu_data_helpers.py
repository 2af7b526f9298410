"""A nagari with open data, for the satu_data tests: residents with a journal, a budget with realisation, last
year's potential, assets, aid programs (the demo's own builders), every dataset chosen and published for the last
closed month and this month so far."""

from __future__ import annotations

from plugin_sdk.testing import run_sync
from tests.surat_helpers import demo_nagari


def nagari_terbit(balai, residents: int = 300) -> list:
    """Build and publish; returns the outcomes (`plugins.satu_data.terbit.Hasil`) of both releases."""
    from balai_demo import cli
    from balai_demo.satu_data import terbitkan_semua
    from plugins.satu_data import katalog

    demo_nagari(balai, residents=residents)

    async def go():
        for part in (cli._demo_budget, cli._demo_potensi, cli._demo_aset, cli._demo_bantuan):
            await part(balai)
        hasil = await terbitkan_semua(cli._DemoRequest(balai))
        katalog.lupakan()
        return hasil

    return run_sync(go)


def konteks(balai):
    """A stand-in request for calling satu_data's functions directly (events fire as in a CLI command)."""
    from balai_demo.cli import _DemoRequest

    return _DemoRequest(balai)
