"""The demo nagari's social assistance, for tests that build it outside `balai demo`: the demo preset's `bantuan`
section (balai_demo/preset/bantuan/program.toml, applied by plugins/bantuan/preset.py) over a nagari built another
way. `balai demo` itself applies that section through the preset engine; this makes the two staff accounts the
section acts as (operator prepares, walinagari approves) when they are not there yet, and then records the death
of a BLT recipient of the paid first stage three days ago (a plugin's section cannot write the register's journal),
so the second stage's list shows the flag a clerk must decide on and this month has a death in the statistics.
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
        await _meninggal(req, pengguna["operator"], konteks.hari_ini)


async def _meninggal(req, operator_id: int, hari_ini) -> None:
    from datetime import timedelta

    from core.penduduk.jurnal import record_leaving
    from core.web.auth import load_user
    from plugins.bantuan import siklus
    from plugins.bantuan.tables import PesertaBantuan, ProgramBantuan, SiklusBantuan

    blt = await ProgramBantuan.select(ProgramBantuan.id).where(ProgramBantuan.sumber == "blt_dd").first().run()
    tahap = await SiklusBantuan.select(SiklusBantuan.id, SiklusBantuan.status).where(
        SiklusBantuan.program == blt["id"]).order_by(SiklusBantuan.nomor).run() if blt else []
    if len(tahap) < 2 or tahap[0]["status"] != "disetujui":
        return
    orang = await PesertaBantuan.select(PesertaBantuan.penduduk).where(
        (PesertaBantuan.siklus == tahap[0]["id"]) & (PesertaBantuan.keluar == False)).order_by(  # noqa: E712
        PesertaBantuan.id).first().run()
    if not orang or not orang["penduduk"]:
        return
    operator = await load_user(operator_id)
    await record_leaving(orang["penduduk"], "mati", hari_ini - timedelta(days=3), {"sebab": "Sakit"},
                         actor=operator, tanggal_lapor=hari_ini - timedelta(days=2))
    req.state["user"] = operator
    await siklus.periksa_ulang(req, tahap[-1]["id"], hari_ini=hari_ini)
