"""Plugin settings: declared by the plugin, edited by the operator, stored in the database."""

from __future__ import annotations

import json
from typing import Any

from core.db.transaction import write_transaction
from core.plugin_host.host import PluginHost
from core.plugin_host.types import SettingField
from core.tables import Pengaturan

# Declared defaults, filled when the host is booted, so get_setting needs no host.
_DEFAULTS: dict[str, Any] = {}


def declared_fields(host: PluginHost, name: str) -> list[SettingField]:
    return [f for _, f in host.collect("balai_settings", only={name})]


def remember_defaults(host: PluginHost) -> None:
    for plugin, field in host.collect("balai_settings"):
        _DEFAULTS[f"{plugin}.{field.key}"] = field.default


async def _stored(keys: list[str]) -> dict[str, Any]:
    if not keys:
        return {}
    # Written out: the dashboard reads settings on every view, and Piccolo's builder costs more than the query.
    rows = await Pengaturan.raw(
        f"SELECT kunci, nilai FROM balai_pengaturan WHERE kunci IN ({', '.join('{}' for _ in keys)})", *keys).run()
    return {r["kunci"]: json.loads(r["nilai"]) for r in rows}


async def plugin_settings(host: PluginHost, name: str) -> list[dict]:
    fields = declared_fields(host, name)
    stored = await _stored([f"{name}.{f.key}" for f in fields])
    return [{"field": f, "value": stored.get(f"{name}.{f.key}", f.default)} for f in fields]


async def save_plugin_settings(host: PluginHost, name: str, form: dict[str, str]) -> None:
    """Validate every field first, then write them all in one transaction (nothing half-saved)."""
    values = {f"{name}.{f.key}": f.parse(form.get(f.key)) for f in declared_fields(host, name)}
    await set_values(values)


async def set_values(values: dict[str, Any]) -> None:
    async with write_transaction():
        for key, value in values.items():
            value = json.dumps(value)
            updated = await Pengaturan.update({Pengaturan.nilai: value}).where(Pengaturan.kunci == key).returning(
                Pengaturan.id
            ).run()
            if not updated:
                await Pengaturan.insert(Pengaturan(kunci=key, nilai=value)).run()


async def get_values(keys: list[str]) -> dict[str, Any]:
    """Several stored values in one query; keys never stored are absent."""
    return await _stored(keys)


async def get_value(key: str, default: Any = None) -> Any:
    return (await _stored([key])).get(key, default)


async def get_setting(plugin: str, key: str) -> Any:
    """A plugin setting's stored value, or the default its ``SettingField`` declares."""
    full = f"{plugin}.{key}"
    return await get_value(full, _DEFAULTS.get(full))
