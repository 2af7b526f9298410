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

    async def sebagai(self, username: str) -> "PermintaanPreset":
        """A stand-in request acting as `username` (an account the preset made), so a section's maker-checker steps
        pass the same permission checks as a clerk's and the audit log names who did them. Unknown: as no user."""
        from core.tables import Pengguna
        from core.web.auth import load_user

        row = await Pengguna.select(Pengguna.id).where(Pengguna.username == username).first().run()
        request = PermintaanPreset(self._balai)
        request.state["user"] = await load_user(row["id"]) if row else None
        return request
