"""An SMS channel for Balai's notifications to residents: the smallest plugin that offers one.

It answers the hook ``pemberitahuan_saluran`` (declared in ``plugins/pemberitahuan/events.py``) with a
``Channel``; `pemberitahuan` lists it on the residents' page, checks the number they type with ``check_phone``,
and calls ``send`` from its background job, retrying when it raises ``DeliveryFailed``.
"""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request

from plugin_sdk import PluginMeta, SettingField, get_setting, hookimpl
from plugins.pemberitahuan import api as pemberitahuan

PLUGIN = PluginMeta(
    name="sms_gateway",
    title="SMS lewat gateway",
    version="0.1.0",
    description="Contoh: pemberitahuan untuk warga lewat SMS dari gateway HTTP.",
    core_requires=">=0.1,<1.0",
    depends=("pemberitahuan",),
)


@hookimpl
def balai_settings():
    return [
        SettingField("alamat", "Alamat API gateway", default="", help="Mis. https://gateway.contoh.id/kirim",
                     check=lambda v: None if not v or v.startswith(("https://", "http://")) else
                     "harus diawali https://"),
        SettingField("kunci", "Kunci API", default=""),
    ]


async def ready() -> str | None:
    return None if await get_setting("sms_gateway", "alamat") else "Alamat API gateway SMS belum diatur."


def _post(url: str, key: str, number: str, text: str) -> None:
    body = json.dumps({"to": number, "message": text}).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/json", "Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            answer.read()
    except urllib.error.HTTPError as exc:  # the gateway answered: a number it refuses will not improve
        raise pemberitahuan.DeliveryFailed(f"Gateway SMS menjawab {exc.code}.", permanent=exc.code in (400, 422)) \
            from None
    except OSError as exc:  # no answer (URLError is an OSError): try again later
        raise pemberitahuan.DeliveryFailed(f"Gateway SMS tidak dapat dihubungi: {exc}.") from None


async def send(number: str, message: pemberitahuan.Message) -> None:
    url = await get_setting("sms_gateway", "alamat")
    key = await get_setting("sms_gateway", "kunci")
    await asyncio.to_thread(_post, url, key, number, message.plain())


@hookimpl
def pemberitahuan_saluran():
    return [pemberitahuan.Channel("sms", "SMS", "Nomor ponsel", pemberitahuan.check_phone, send,
                                  input_type="tel", hint="Contoh: 0812 3456 7890", ready=ready)]
