"""The `surat` plugin's domain events: what happened to a letter, for other plugins to react to.

Implement one with ``@hookimpl`` in your plugin module and declare ``depends=("surat",)``:

    @hookimpl
    async def surat_terbit(request, surat):
        ...

``surat`` is the letter as `plugins.surat.api.letter` returns it (a plain dict). Every
event fires inside the write transaction that made the change: your writes land with it,
and if your handler fails only your writes are undone (the letter is still issued).
"""

from plugin_sdk import hookspec


@hookspec
def surat_terbit(request, surat: dict):
    """A letter was issued: it has its number, its date and its signed PDF.

    Fired when issuing a letter at once and when the head approves a waiting one.
    """


@hookspec
def surat_ditolak(request, surat: dict, alasan: str):
    """A waiting letter was refused (it never got a number)."""


@hookspec
def surat_dibatalkan(request, surat: dict, alasan: str):
    """An issued letter was cancelled; its number is never given again."""
