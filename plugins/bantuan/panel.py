"""(to be written: the panels on a resident's and a family's page)"""


async def panel_penduduk(penduduk_id: int) -> dict:
    return {"program": []}


async def panel_keluarga(keluarga_id: int) -> dict:
    return {"program": []}
