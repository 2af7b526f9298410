"""The PPID's dashboard card: requests still waiting for an answer and those past their legal deadline."""

from __future__ import annotations

from plugin_sdk import Widget, today

from plugins.informasi_publik.plugin import PPID
from plugins.informasi_publik.tabel_ppid import DIPROSES, PermohonanInformasi


async def _context(request) -> dict:
    hari_ini = today(request)
    menunggu = await PermohonanInformasi.count().where(PermohonanInformasi.status == DIPROSES).run()
    lewat = await PermohonanInformasi.count().where(PermohonanInformasi.status == DIPROSES,
                                                    PermohonanInformasi.tenggat < hari_ini).run()
    keberatan = await PermohonanInformasi.count().where(PermohonanInformasi.keberatan.is_not_null(),
                                                        PermohonanInformasi.keberatan_dijawab.is_null()).run()
    return {"menunggu": menunggu, "lewat": lewat, "keberatan": keberatan}


def widget() -> Widget:
    return Widget("Permohonan informasi", "informasi_publik/admin/widget_ppid.html", context=_context,
                  permission=PPID, order=45)
