"""The nagari's tanah ulayat as one more indicator of the village profile (`potensi`).

The shipped indicators follow Prodeskel, which knows no communal land; a Minangkabau nagari does, and its area is
the first figure a KAN (Kerapatan Adat Nagari) asks for. Added through `potensi`'s event `potensi_indikator` as an
optional hook: a nagari without the profile plugin still runs this plugin, and the indicator (with the figures
entered for it, which stay in `potensi`'s table) disappears from the forms and the public page when `adat` is
switched off.
"""

from __future__ import annotations

from plugin_sdk import hookimpl


@hookimpl(optionalhook=True)
def potensi_indikator():
    from plugins.potensi.api import Indikator

    return Indikator(
        "adat.tanah_ulayat", "lahan", "Luas tanah ulayat nagari", "ha", lingkup="nagari",
        definisi="Luas tanah milik bersama nagari menurut adat (ulayat nagari, bukan ulayat suku atau kaum) yang "
                 "diakui Kerapatan Adat Nagari, termasuk yang sedang digarap atau dipinjamkan.")
