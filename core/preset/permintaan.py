"""A stand-in request for code that writes through the office's own functions outside a web request (a preset's
sections, the demo): what the file store (``request.app.state.balai``), the audit log (``state``, ``client``) and
a plugin's events (``emit``, as a CLI command's context) read of a request. Its writes are logged as by no user."""

from __future__ import annotations

from types import SimpleNamespace


class PermintaanPreset:
    def __init__(self, balai):
        self._balai = balai
        self.app = SimpleNamespace(state=SimpleNamespace(balai=balai))
        self.state: dict = {"user": None}  # known: nobody is logged in (no session to look up)
        self.client = None

    async def emit(self, event: str, **kwargs):
        from core.plugin_host.events import emit_outside_request

        return await emit_outside_request(self._balai, event, **kwargs)
