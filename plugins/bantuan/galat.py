"""The one error of `bantuan`: a refusal in Bahasa Indonesia, optionally per form field, raised before anything
is written (every write of this plugin runs in one transaction, so a refusal leaves nothing half-saved)."""

from __future__ import annotations


class BantuanError(ValueError):
    """`str(e)` is the message for the whole action; `galat` maps form fields to their own messages."""

    def __init__(self, pesan: str, galat: dict[str, str] | None = None, *, tidak_ada: bool = False):
        super().__init__(pesan)
        self.galat = dict(galat or {})
        self.tidak_ada = tidak_ada  # the thing asked for does not exist: answer 404, not 400
