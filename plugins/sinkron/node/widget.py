"""The dashboard's warning when the hub has acknowledged nothing for N days (setting "hari_peringatan")."""

from __future__ import annotations

from plugin_sdk import Widget, role

from plugins.sinkron.node.status import peringatan


async def _kartu(request) -> dict:
    from plugins.sinkron.node.tables import SinkronHub

    return {"peringatan": await peringatan(), "terdaftar": await SinkronHub.exists().run()}


def widgets(request) -> list:
    if request is not None and role(request) != "nagari":
        return []
    from plugins.sinkron.plugin import KELOLA

    return [Widget("Sinkron kabupaten", "sinkron/node/widget.html", context=_kartu, permission=KELOLA, order=46)]
