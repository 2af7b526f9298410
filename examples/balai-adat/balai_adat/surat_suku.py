"""Letters issued to members of a suku: `adat` builds on the built-in `surat` plugin through its contract.

It implements `surat`'s domain event ``surat_terbit`` (plugins/surat/events.py) to note, in its
own table, each letter issued to a resident whose suku is known, and reads the letters' current
state back through `plugins.surat.api` (a letter cancelled later shows as such). It imports
nothing else of `surat`, and declares ``depends=("surat",)`` in its metadata.
"""

from __future__ import annotations

from plugin_sdk import hookimpl

from balai_adat.tables import SukuWarga, SuratSuku
from plugins.surat import api as surat


@hookimpl
async def surat_terbit(request, surat):
    """A letter was issued: if it is for a member of a suku, note it for that suku's page."""
    if not surat["penduduk_id"]:
        return
    member = await SukuWarga.select(SukuWarga.suku).where(SukuWarga.penduduk == surat["penduduk_id"]).first().run()
    if member is not None:
        await SuratSuku.insert(SuratSuku(suku=member["suku"], surat_id=surat["id"], judul=surat["judul"],
                                         nama=surat["nama"])).run()


async def recent(limit: int = 10) -> list[dict]:
    """The latest letters issued to members of a suku, with their state as `surat` has it now."""
    rows = await SuratSuku.select(SuratSuku.surat_id, SuratSuku.judul, SuratSuku.nama,
                                  SuratSuku.suku.nama.as_alias("suku")).order_by(
        SuratSuku.id, ascending=False).limit(limit).run()
    letters = {letter["id"]: letter for letter in await surat.letters(r["surat_id"] for r in rows)}
    for row in rows:
        letter = letters.get(row["surat_id"], {})
        row.update(nomor=letter.get("nomor", ""), status=letter.get("status", ""), tanggal=letter.get("tanggal"))
    return rows


__all__ = ["recent", "surat_terbit"]
