"""The channels on offer: the built-in e-mail and whatever enabled plugins offer through ``pemberitahuan_saluran``."""

from __future__ import annotations

import logging

from plugin_sdk import emit

from plugins.pemberitahuan.api import CODE_PATTERN, Channel

log = logging.getLogger("balai.pemberitahuan")


async def offered(source) -> dict[str, Channel]:
    """Every channel of the enabled plugins, by code. `source`: the request, or a job's context in the worker."""
    found: dict[str, Channel] = {}
    for answer in await emit(source, "pemberitahuan_saluran") or []:
        for item in answer if isinstance(answer, (list, tuple)) else [answer]:
            if not isinstance(item, Channel) or not CODE_PATTERN.match(str(item.code)):
                log.error("pemberitahuan_saluran: %r bukan Channel dengan kode yang sah; dilewati", item)
            elif item.code in found:
                log.error("pemberitahuan_saluran: kode %s ditawarkan dua kali; satu dilewati", item.code)
            else:
                found[item.code] = item
    return found


async def problem(channel: Channel) -> str | None:
    """Why the channel cannot send now (its own words), or None."""
    if channel.ready is None:
        return None
    try:
        return await channel.ready()
    except Exception:
        log.exception("saluran %s gagal memeriksa kesiapannya", channel.code)
        return f"Saluran {channel.label} sedang bermasalah."


async def available(source) -> list[Channel]:
    """The channels residents may choose now (those ready to send), e-mail first, then by label."""
    ready = [c for c in (await offered(source)).values() if await problem(c) is None]
    return sorted(ready, key=lambda c: (c.code != "email", c.label.lower()))
