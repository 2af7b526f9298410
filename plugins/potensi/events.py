"""Events (hookspecs) of the `potensi` plugin that other plugins implement."""

from __future__ import annotations

from plugin_sdk import hookspec


@hookspec
def potensi_indikator():
    """Indicators a plugin adds to the nagari's profile: return an `Indikator` (from `plugins.potensi.api`) or a list.

    An innovation module adds what its nagari measures and the shipped list lacks (the example plugin adds the
    hectares of tanah ulayat). Its `kode` must be new and start with the plugin's name ("adat.tanah_ulayat"); its
    `tema` is one of `api.TEMA` (an unknown theme lands under "lainnya"). A contribution that breaks these rules is
    logged and left out; the shipped indicators stay.
    """
