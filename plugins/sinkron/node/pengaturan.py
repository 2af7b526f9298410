"""The node's settings (the plugin's `balai_settings` returns this list)."""

from __future__ import annotations

from plugin_sdk import SettingField

from plugins.sinkron.node.status import HARI_PERINGATAN


def _positif(nilai) -> str | None:
    return None if 1 <= nilai <= 365 else "Isi antara 1 dan 365 hari."


SETTINGS = [
    SettingField("hari_peringatan", "Peringatkan bila hub tidak mengakui data selama (hari)", kind="int",
                 default=HARI_PERINGATAN, check=_positif,
                 help="Dasbor menampilkan peringatan bila sekian hari tidak ada batch yang diakui hub kabupaten."),
]
