"""The plugin's settings (its `balai_settings` returns this list): the node's warning, the hub's deadline."""

from __future__ import annotations

from plugin_sdk import SettingField

from plugins.sinkron.hub.kelengkapan import BATAS_BAWAAN
from plugins.sinkron.node.status import HARI_PERINGATAN


def _positif(nilai) -> str | None:
    return None if 1 <= nilai <= 365 else "Isi antara 1 dan 365 hari."


def _tanggal(nilai) -> str | None:
    return None if 1 <= nilai <= 28 else "Isi tanggal 1 sampai 28."


SETTINGS = [
    SettingField("hari_peringatan", "Peringatkan bila hub tidak mengakui data selama (hari)", kind="int",
                 default=HARI_PERINGATAN, check=_positif,
                 help="Dasbor menampilkan peringatan bila sekian hari tidak ada batch yang diakui hub kabupaten."),
    SettingField("batas_lapor", "Hub: batas kirim data bulanan (tanggal bulan berikutnya)", kind="int",
                 default=BATAS_BAWAAN, check=_tanggal,
                 help="Di hub kabupaten: data sebuah bulan yang tiba sesudah tanggal ini dihitung terlambat."),
]
