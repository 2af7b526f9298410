"""Issuing letter numbers from several processes at once: the counter, and the naive MAX+1 it replaces.

Each process boots Balai on the shared database and runs several issuances
concurrently; each issuance takes a number and writes it to a log table, with a
short pause between the two (as rendering the PDF would), which is where MAX+1 races.
"""

import asyncio
import json

LOG_DDL = "CREATE TABLE IF NOT EXISTS uji_nomor_surat (tahun INTEGER NOT NULL, nomor INTEGER NOT NULL)"
YEAR = 2026


async def counter_issue() -> int:
    from plugin_sdk import write_transaction
    from plugins.surat.penomoran import advance
    from plugins.surat.tables import UrutanSurat

    async with write_transaction():
        number = await advance("uji", YEAR)
        await asyncio.sleep(0.005)
        await UrutanSurat.raw("INSERT INTO uji_nomor_surat (tahun, nomor) VALUES ({}, {})", YEAR, number).run()
    return number


async def naive_issue() -> int:
    """OpenSID's way: read the highest number, add one, insert (issue #10292)."""
    from plugins.surat.tables import UrutanSurat

    async with UrutanSurat._meta.db.transaction():
        rows = await UrutanSurat.raw("SELECT COALESCE(MAX(nomor), 0) AS n FROM uji_nomor_surat WHERE tahun = {}",
                                     YEAR).run()
        number = rows[0]["n"] + 1
        await asyncio.sleep(0.005)
        await UrutanSurat.raw("INSERT INTO uji_nomor_surat (tahun, nomor) VALUES ({}, {})", YEAR, number).run()
    return number


def issue_from_process(url: str, data_dir: str, mode: str, tasks: int, out: str) -> None:
    from core.runtime import Balai
    from core.settings import Settings

    balai = Balai.boot(Settings(data_dir=data_dir, database_url=url, secret_key="x" * 40, public_url="http://x"))
    issue = counter_issue if mode == "penghitung" else naive_issue

    async def go():
        results = await asyncio.gather(*(issue() for _ in range(tasks)), return_exceptions=True)
        await balai.close()
        return results

    results = asyncio.run(go())
    with open(out, "w") as handle:
        json.dump([r if isinstance(r, int) else f"gagal: {r}" for r in results], handle)
