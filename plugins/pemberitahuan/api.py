"""The contract of `pemberitahuan`: what a plugin needs to offer residents a delivery channel (SMS, WhatsApp, ...).

Declare ``depends=("pemberitahuan",)``, import only this module and ``plugins.pemberitahuan.events``, and return a
`Channel` from the hook ``pemberitahuan_saluran`` (see docs/plugins/contracts-and-events.md, "Notifying residents")::

    from plugin_sdk import hookimpl
    from plugins.pemberitahuan import api as pemberitahuan

    async def send(address: str, message: pemberitahuan.Message) -> None:
        ...  # call the gateway; raise pemberitahuan.DeliveryFailed("...") when it refuses

    @hookimpl
    def pemberitahuan_saluran():
        return [pemberitahuan.Channel("sms", "SMS", "Nomor ponsel", pemberitahuan.check_phone, send,
                                      input_type="tel", hint="Contoh: 0812 3456 7890")]

Versioned: a change that breaks a caller bumps ``API_VERSION``'s major number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Awaitable, Callable, Union

API_VERSION = "1.0"

__all__ = ["API_VERSION", "Channel", "Message", "DeliveryFailed", "check_email", "check_phone", "CODE_PATTERN"]

CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,39}$")


@dataclass(frozen=True)
class Message:
    """What a channel sends. Never holds a NIK or KK number (any 16-digit number is masked before it gets here).

    ``subject``: a short title (an e-mail's subject); ``text``: one or two sentences that say which letter and what
    to do; ``link``: the resident's page about it (absolute, or "" when unknown); ``sender``: the office, e.g.
    "Kantor Nagari Taram"; ``kind``: "permohonan", "surat" or "uji" (a test the resident asked for).
    """

    subject: str
    text: str
    link: str = ""
    sender: str = ""
    penduduk_id: int | None = None
    kind: str = ""

    def plain(self) -> str:
        """The text and the link, for a channel without a subject line (SMS, WhatsApp)."""
        return f"{self.text} {self.link}".strip()


@dataclass(frozen=True)
class Channel:
    """A way to reach a resident, offered through the hook ``pemberitahuan_saluran``.

    - ``code``: unique, lower case (``CODE_PATTERN``), stored with the resident's choice: never change it.
    - ``label``: shown to residents ("SMS", "WhatsApp"); ``address_label``: what address it needs ("Nomor ponsel").
    - ``check(text) -> str``: the address the resident typed, normalised (e.g. ``check_phone`` gives +628...);
      raises ``ValueError`` with a message in Indonesian saying how to write it. Nothing is saved when it raises.
    - ``send(address, message)``: deliver one `Message` (``async def``, or a plain function, which runs in a
      thread). Raise `DeliveryFailed` with the reason (retried later, or not when ``permanent``); any other
      exception counts as a failure too. It runs in the background worker, never in a web request.
    - ``input_type``: the HTML input type of the address field ("email", "tel", "text"): the phone's keyboard.
    - ``hint``: an example of the address, shown under the field.
    - ``ready``: optional ``async def () -> str | None``: None when the channel can send, otherwise why not (e.g.
      the gateway's key is not set yet); residents are not offered a channel that is not ready.
    """

    code: str
    label: str
    address_label: str
    check: Callable[[str], str]
    send: Callable[[str, Message], Union[Awaitable[None], None]]
    input_type: str = "text"
    hint: str = ""
    ready: Callable[[], Awaitable[str | None]] | None = None


class DeliveryFailed(Exception):
    """A channel could not deliver: ``reason`` in Indonesian (shown to the office and the resident).

    ``permanent``: trying again cannot help (the address does not exist); otherwise the notice is tried again
    later, a few times, with a growing delay.
    """

    def __init__(self, reason: str, permanent: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")


def check_email(text: str) -> str:
    """An e-mail address as typed, trimmed, its domain lower-cased; ValueError in Indonesian when it is not one."""
    address = (text or "").strip()
    if not address:
        raise ValueError("Tulis alamat e-mail Anda, mis. nama@contoh.id.")
    if len(address) > 200 or not _EMAIL.match(address) or ".." in address:
        raise ValueError("Alamat e-mail tidak valid. Tulis lengkap seperti nama@contoh.id, tanpa spasi.")
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


def check_phone(text: str) -> str:
    """An Indonesian mobile number (08..., 628... or +628...) as +628...; ValueError in Indonesian otherwise.

    Spaces, dashes, dots and brackets people write between digits are ignored.
    """
    raw = re.sub(r"[\s\-.()]", "", text or "")
    if not raw:
        raise ValueError("Tulis nomor ponsel Anda, mis. 0812 3456 7890.")
    digits = raw[1:] if raw.startswith("+") else raw
    if not digits.isdigit():
        raise ValueError("Nomor ponsel hanya boleh berisi angka, mis. 0812 3456 7890.")
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    if not digits.startswith("628") or not 10 <= len(digits) <= 15:
        raise ValueError("Nomor ponsel tidak valid. Tulis nomor ponsel Indonesia seperti 0812 3456 7890 "
                         "atau +62 812 3456 7890.")
    return "+" + digits
