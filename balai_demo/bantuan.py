"""The demo nagari's social assistance, for tests that build it outside `balai demo`: the demo preset's `bantuan`
section (balai_demo/preset/bantuan/program.toml, applied by plugins/bantuan/preset.py) over a nagari built another
way. `balai demo` itself applies that section through the preset engine; this only makes the two staff accounts
the section acts as (operator prepares, walinagari approves) when they are not there yet.
"""

from __future__ import annotations

from pathlib import Path

STAF = (("operator", "Operator Demo", "operator"), ("walinagari", "Wali Nagari Demo", "wali_nagari"))
FOLDER = Path(__file__).resolve().parent / "preset" / "bantuan"


async def _staf(password: str) -> dict[str, int]:
    from core.identity.users import create_user
    from core.tables import Pengguna

    ids = {}
    for username, nama, peran in STAF:
        row = await Pengguna.select(Pengguna.id).where(Pengguna.username == username).first().run()
        ids[username] = row["id"] if row else (await create_user(username, nama, password, peran))["id"]
    return ids


async def buat_bantuan(permintaan, password: str) -> None:
    """The demo's social assistance; `permintaan()` makes a request-like object for code without a web request."""
    from core.db.transaction import write_transaction
    from plugin_sdk import register, today
    from plugin_sdk.preset import KonteksPreset
    from plugins.bantuan import preset

    pengguna = await _staf(password)
    req = permintaan()
    konteks = KonteksPreset(request=req, hari_ini=today(await register.stored_profile()), benih=1,
                            folder=FOLDER.parent, pengguna=pengguna)
    async with write_transaction():
        await preset.terapkan(konteks, FOLDER)
